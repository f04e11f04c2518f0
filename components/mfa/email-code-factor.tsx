"use client";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/fields";
import { buttonStyles } from "@/components/ui/button-styles";
import { MailboxLink } from "@/components/email/mailbox-link";
import { mfaCodeSchema } from "@/lib/validation/mfa";
import { ButtonActionForm } from "./button-action-form";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { useConfirmedFactor } from "./use-confirmed-factor";
import type { BoundAction } from "./types";

export type EmailCodeFactorActions = { start: BoundAction; confirm: BoundAction; disable?: BoundAction };

/**
 * Codes by email as a second factor: "Email me a code", type it back (proving the mail arrives
 * before sign-in depends on it), then the status and "Turn off". A first second factor comes with
 * recovery codes, shown once.
 *
 * The confirmation's answer is kept here, above the on/off switch: turning codes by email on gives
 * the session a new cookie (lib/auth/privilege-change.ts), and a cookie set by a server action makes
 * Next render the page again in the same answer, where they are now on and the setup is gone. Held
 * here, the recovery codes stay on screen until "I've saved them".
 */
export function EmailCodeFactor({
  email,
  enabledOn,
  pending,
  actions,
  recoveryCodesFor,
  enrolledHref,
  mailboxHref,
}: {
  email: string;
  enabledOn: string | null;
  /** A code to turn it on was emailed and can still be entered. */
  pending: boolean;
  actions: EmailCodeFactorActions;
  recoveryCodesFor: { account: string; workspaceName: string; doneHref: string };
  /** Where to go once codes by email are on without new recovery codes (the forced enrolment, which then lets the member in). */
  enrolledHref?: string;
  /** The mailbox page, when this server keeps emails there (else null). */
  mailboxHref: string | null;
}) {
  const t = useTranslations("mfa.emailCode");
  const tRecovery = useTranslations("mfa.recovery");
  const confirm = useActionForm(actions.confirm, mfaCodeSchema);
  const confirmed = useConfirmedFactor(confirm.state, enrolledHref);
  if (confirmed.codesToShow) {
    return (
      <RecoveryCodesPanel
        codes={confirmed.codesToShow}
        notice={tRecovery("firstFactorNotice")}
        {...recoveryCodesFor}
        onDone={confirmed.markSaved}
      />
    );
  }
  if (enabledOn) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="email-code-status">
          <span className="mr-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{t("onSince", { date: enabledOn })}</span>
          <span className="font-medium break-all">{email}</span>
        </p>
        {actions.disable ? <ButtonActionForm action={actions.disable} label={t("turnOff")} variant="danger" hint={t("turnOffHint")} testId="email-code-off" /> : null}
      </div>
    );
  }
  return <EmailCodeSetup email={email} pending={pending} actions={actions} confirm={confirm} mailboxHref={mailboxHref} />;
}

function EmailCodeSetup({
  email,
  pending,
  actions,
  confirm,
  mailboxHref,
}: {
  email: string;
  pending: boolean;
  actions: EmailCodeFactorActions;
  mailboxHref: string | null;
  /** The confirmation, held by EmailCodeFactor so its answer outlives this form. */
  confirm: ReturnType<typeof useActionForm>;
}) {
  const t = useTranslations("mfa.emailCode");
  const start = useActionForm(actions.start);
  const sent = pending || start.state.status === "success";

  return (
    <div className="space-y-4">
      <form {...start.formProps} className="space-y-2" data-testid="email-code-start">
        <FormStatus state={start.state} errorCount={0} successMessage={t("codeSent", { email })} />
        {sent ? <MailboxLink href={mailboxHref} /> : null}
        <button type="submit" className={sent ? buttonStyles.secondary : buttonStyles.primary} disabled={start.pending}>
          {start.pending ? t("sending") : sent ? t("resend") : t("turnOn")}
        </button>
      </form>
      {sent ? (
        <form {...confirm.formProps} className="space-y-4" data-testid="email-code-confirm">
          {/* Only refusals: a success from an earlier turning-on is no news here after turning off. */}
          {confirm.state.status === "error" ? <FormStatus state={confirm.state} errorCount={confirm.errorCount} /> : null}
          <div className="max-w-xs">
            <TextField
              label={t("codeLabel")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
              required
              defaultValue={confirm.value("code")}
              error={confirm.error("code")}
              errorValues={confirm.errorValues}
            />
          </div>
          <button type="submit" className={buttonStyles.primary} disabled={confirm.pending}>
            {confirm.pending ? t("confirming") : t("confirm")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
