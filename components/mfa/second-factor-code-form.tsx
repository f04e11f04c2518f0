"use client";
import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { MailboxLink } from "@/components/email/mailbox-link";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { secondFactorCodeSchema } from "@/lib/validation/second-factor";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export type CodeMethod = "totp" | "sms" | "email" | "recovery-code";

/**
 * A code from the authenticator app, a texted or emailed code or a recovery code, at sign-in (with
 * "remember this device") or when re-verifying. For SMS and email a "Send me a code" button comes
 * first, with a countdown until a new one may be asked for.
 */
export function SecondFactorCodeForm({
  action,
  sendSmsAction,
  sendEmailAction,
  method,
  hidden,
  allowRemember,
  phone,
  email,
  mailboxHref,
}: {
  action: Action;
  sendSmsAction?: Action;
  sendEmailAction?: Action;
  method: CodeMethod;
  /** Hidden fields carried along (next / returnTo). */
  hidden: Record<string, string>;
  allowRemember: boolean;
  /** The masked phone number, for SMS. */
  phone?: string | null;
  /** The member's address, for codes by email. */
  email?: string;
  /** The mailbox page, when this server keeps emails and text messages there (else null). */
  mailboxHref?: string | null;
}) {
  const t = useTranslations("signInVerify");
  // The schema's fields other than these are checked on the server only.
  const form = useActionForm(action, secondFactorCodeSchema.pick({ code: true }));
  const locked = form.state.values.locked === "1";
  return (
    <div className="space-y-5">
      {method === "sms" && sendSmsAction ? <CodeSender channel="sms" action={sendSmsAction} destination={phone ?? ""} mailboxHref={mailboxHref ?? null} /> : null}
      {method === "email" && sendEmailAction ? <CodeSender channel="email" action={sendEmailAction} destination={email ?? ""} mailboxHref={mailboxHref ?? null} /> : null}
      <form {...form.formProps} className="space-y-5">
        <FormStatus state={form.state} errorCount={form.errorCount} />
        <input type="hidden" name="method" value={method} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {method === "recovery-code" ? (
          <TextField
            label={t("recoveryCodeLabel")}
            name="code"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={64}
            required
            hint={t("recoveryCodeHint")}
            error={form.error("code")}
          />
        ) : (
          <TextField
            label={method === "sms" ? t("smsCodeLabel") : method === "email" ? t("emailCodeLabel") : t("totpCodeLabel")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={64}
            required
            autoFocus={method === "totp"}
            hint={method === "sms" ? t("smsCodeHint") : method === "email" ? t("emailCodeHint") : t("totpCodeHint")}
            error={form.error("code")}
          />
        )}
        {allowRemember ? (
          <label className="flex items-start gap-3 text-sm text-slate-800 dark:text-slate-200">
            <input type="checkbox" name="remember" defaultChecked={form.value("remember") === "on"} className="mt-0.5 size-5 accent-brand-600" />
            <span>
              {t("rememberDevice")}
              <span className="block text-slate-600 dark:text-slate-400">{t("rememberDeviceHint")}</span>
            </span>
          </label>
        ) : null}
        <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending || locked}>
          {form.pending ? t("verifying") : t("verify")}
        </button>
      </form>
    </div>
  );
}

function CodeSender({ channel, action, destination, mailboxHref }: { channel: "sms" | "email"; action: Action; destination: string; mailboxHref: string | null }) {
  const t = useTranslations("signInVerify");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    const wait = Number(state.values.resendAfter ?? 0);
    if (wait > 0) setSecondsLeft(wait);
  }
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);
  const sent = state.status === "success" || Number(state.values.resendAfter ?? 0) > 0;
  return (
    <form action={formAction} className="space-y-3">
      <FormStatus state={state} errorCount={0} successMessage={channel === "sms" ? t("smsSent", { phone: destination }) : t("emailCodeSent", { email: destination })} />
      {!sent ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{channel === "sms" ? t("smsWillSend", { phone: destination }) : t("emailCodeWillSend", { email: destination })}</p>
      ) : (
        <MailboxLink href={mailboxHref} kind={channel} />
      )}
      <button type="submit" className={`${buttonStyles.secondary} w-full`} disabled={pending || secondsLeft > 0} aria-describedby={secondsLeft > 0 ? "sms-countdown" : undefined}>
        {pending ? t("smsSending") : sent ? t("smsResend") : channel === "sms" ? t("smsSend") : t("emailCodeSend")}
      </button>
      {secondsLeft > 0 ? (
        <p id="sms-countdown" className="text-center text-sm text-slate-600 dark:text-slate-400" aria-live="off">
          {t("smsResendIn", { seconds: secondsLeft })}
        </p>
      ) : null}
    </form>
  );
}
