"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { forgotPasswordSchema, smsResetCodeSchema, smsResetPasswordSchema } from "@/lib/validation/recovery";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { FormStatus } from "@/components/forms/form-status";
import { CaptchaField } from "@/components/forms/captcha-field";
import { buttonStyles } from "@/components/ui/button-styles";
import { MailboxLink } from "@/components/email/mailbox-link";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

const RESEND_AFTER_SECONDS = 60;

/**
 * "Text me a code": the username and captcha, then the code. The answer to the first step is the
 * same whether or not the account has a verified phone, so the page moves on to the code either
 * way; the username stays in this component (the server echoes nothing) and goes with the code.
 * A new code can be asked for after 60 seconds, through the first step again (a new captcha).
 */
export function SmsResetRequestForm({ requestAction, codeAction, mailboxHref }: { requestAction: FormAction; codeAction: FormAction; mailboxHref: string | null }) {
  const t = useTranslations("recovery.sms");
  const tr = useTranslations("recovery");
  const request = useActionForm(requestAction, forgotPasswordSchema);
  const code = useActionForm(codeAction, smsResetCodeSchema);
  const [username, setUsername] = useState("");
  const [askingAgain, setAskingAgain] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const codeHeading = useRef<HTMLParagraphElement>(null);
  const [answered, setAnswered] = useState(request.state);
  // Each accepted request (a new state object) opens the code step and restarts the wait; adjusted
  // while rendering, as React recommends for state that follows a prop.
  if (answered !== request.state) {
    setAnswered(request.state);
    if (request.state.status === "success") {
      setAskingAgain(false);
      setSecondsLeft(RESEND_AFTER_SECONDS);
    }
  }
  const sent = request.state.status === "success" && !askingAgain;

  useEffect(() => {
    if (sent) codeHeading.current?.focus();
  }, [sent, answered]);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  if (!sent) {
    return (
      <form {...request.formProps} className="space-y-5" aria-busy={request.pending || undefined} data-testid="sms-reset-request">
        <FormStatus state={request.state} errorCount={request.errorCount} />
        <TextField
          label={tr("username")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          maxLength={254}
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={request.error("username")}
        />
        <CaptchaField error={request.error("captcha")} resetKey={request.state} />
        <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={request.pending}>
          {request.pending ? t("submitting") : t("submit")}
        </button>
      </form>
    );
  }

  return (
    <div className="space-y-5">
      <p ref={codeHeading} tabIndex={-1} role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 outline-none dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="sms-code-requested">
        {t("codeSent")}
      </p>
      <MailboxLink href={mailboxHref} kind="sms" />
      <form {...code.formProps} className="space-y-5" aria-busy={code.pending || undefined} data-testid="sms-reset-code">
        <FormStatus state={code.state} errorCount={code.errorCount} />
        <input type="hidden" name="username" value={username} />
        <TextField
          label={t("codeLabel")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={64}
          required
          hint={t("codeHint")}
          defaultValue={code.value("code")}
          error={code.error("code")}
        />
        <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={code.pending}>
          {code.pending ? t("verifying") : t("verify")}
        </button>
      </form>
      <div className="space-y-2 text-sm text-slate-600 dark:text-slate-400">
        <p aria-live="polite">{secondsLeft > 0 ? t("resendIn", { seconds: secondsLeft }) : null}</p>
        <button type="button" className={buttonStyles.secondary} disabled={secondsLeft > 0} onClick={() => setAskingAgain(true)}>
          {t("resend")}
        </button>
        <p>{t("noText")}</p>
      </div>
    </div>
  );
}

export type ExtraProofView = { required: boolean; offered: ("recovery-code" | "totp" | "email-link")[]; resetByEmailRequired: boolean };

/**
 * The new password after the right code, under the workspace's policy (live strength meter), and
 * the extra proof when the phone would otherwise guard the account alone: a recovery code or an
 * authenticator-app code here, or the emailed link through EmailLinkInsteadForm beside it.
 */
export function SmsNewPasswordForm({
  action,
  email,
  policy,
  context,
  proof,
  proofGiven,
}: {
  action: FormAction;
  email: string;
  policy: PasswordPolicy;
  context: PasswordContext;
  proof: ExtraProofView;
  proofGiven: boolean;
}) {
  const t = useTranslations("recovery.sms");
  const tr = useTranslations("recovery");
  const form = useActionForm(action, smsResetPasswordSchema);
  const kinds = proof.offered.filter((kind): kind is "recovery-code" | "totp" => kind !== "email-link");
  const [kind, setKind] = useState<"recovery-code" | "totp" | undefined>((form.value("proofKind") as "recovery-code" | "totp" | undefined) ?? kinds[0]);
  const askProof = proof.required && !proofGiven && kinds.length > 0;

  return (
    <form {...form.formProps} className="space-y-5" aria-busy={form.pending || undefined} data-testid="sms-reset-password">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {proof.required && proofGiven ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("proofGiven")}</p> : null}
      {askProof ? (
        <fieldset className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid="sms-reset-proof">
          <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("proofLegend")}</legend>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("proofWhy")}</p>
          {kinds.map((option) => (
            <label key={option} className="flex items-start gap-3 text-sm text-slate-800 dark:text-slate-200">
              <input type="radio" name="proofKind" value={option} checked={kind === option} onChange={() => setKind(option)} className="mt-0.5 size-5 accent-brand-600" />
              <span>
                {option === "recovery-code" ? t("proofRecoveryCode") : t("proofTotp")}
                <span className="block text-slate-600 dark:text-slate-400">{option === "recovery-code" ? t("proofRecoveryCodeHint") : t("proofTotpHint")}</span>
              </span>
            </label>
          ))}
          <TextField
            label={kind === "totp" ? t("proofTotp") : t("proofRecoveryCode")}
            name="proofCode"
            autoComplete={kind === "totp" ? "one-time-code" : "off"}
            inputMode={kind === "totp" ? "numeric" : undefined}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={64}
            required
            defaultValue={form.value("proofCode")}
            error={form.error("proofCode") ?? form.error("proofKind")}
          />
        </fieldset>
      ) : null}
      <NewPasswordField label={tr("newPassword")} name="password" policy={policy} context={context} errors={form.fieldErrors.password ?? []} errorValues={form.errorValues} />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? tr("resetSubmitting") : tr("resetSubmit")}
      </button>
    </form>
  );
}

/** The extra proof by email: the ticket ends and the usual reset link goes to the account's address. */
export function EmailLinkInsteadForm({ action, mailboxHref }: { action: FormAction; mailboxHref: string | null }) {
  const t = useTranslations("recovery.sms");
  const form = useActionForm(action);
  const sentTo = form.state.status === "success" ? String(form.state.result?.email ?? "") : null;
  return (
    <form {...form.formProps} className="space-y-3" aria-busy={form.pending || undefined} data-testid="sms-reset-email-instead">
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={sentTo !== null ? t("emailInsteadDone", { email: sentTo }) : undefined} />
      {sentTo !== null ? (
        <MailboxLink href={mailboxHref} />
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("emailInsteadLead")}</p>
          <button type="submit" className={`${buttonStyles.secondary} w-full`} disabled={form.pending}>
            {form.pending ? t("emailInsteadSending") : t("emailInsteadButton")}
          </button>
        </>
      )}
    </form>
  );
}
