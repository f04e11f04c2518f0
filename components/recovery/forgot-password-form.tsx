"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { forgotPasswordSchema } from "@/lib/validation/recovery";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { CaptchaField } from "@/components/forms/captcha-field";
import { buttonStyles } from "@/components/ui/button-styles";
import { MailboxLink } from "@/components/email/mailbox-link";

/**
 * Username and captcha. The answer is the same whether or not the username matches an account,
 * so after sending, the form gives way to that one message (announced by FormStatus, which stays
 * mounted so screen readers hear the change) and focus moves to the help text below it.
 */
export function ForgotPasswordForm({ action, mailboxHref }: { action: FormAction; mailboxHref: string | null }) {
  const t = useTranslations("recovery");
  const form = useActionForm(action, forgotPasswordSchema);
  const sent = form.state.status === "success";
  const helpRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (sent) helpRef.current?.focus();
  }, [sent]);

  // A refused captcha: the widget resets itself after every answer (a solution is good once) and
  // re-creates its checkbox, after useActionForm has looked for the field in error. Focus the new
  // checkbox once the widget has re-rendered, so keyboard and screen-reader users land on it.
  const captchaError = form.state.fieldErrors.captcha?.[0];
  useEffect(() => {
    if (!captchaError) return;
    const frame = requestAnimationFrame(() => {
      form.formRef.current?.querySelector<HTMLInputElement>("altcha-widget input[type='checkbox']")?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [captchaError, form.state, form.formRef]);

  return (
    <form {...form.formProps} className="space-y-5" aria-busy={form.pending || undefined}>
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("requestAccepted")} />
      {sent ? (
        <p ref={helpRef} tabIndex={-1} className="text-sm text-slate-600 outline-none dark:text-slate-400" data-testid="reset-requested">
          {t("requestAcceptedHelp")}
        </p>
      ) : null}
      {sent ? <MailboxLink href={mailboxHref} /> : (
        <>
          <TextField
            label={t("username")}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
            maxLength={254}
            defaultValue={form.value("username")}
            error={form.error("username")}
          />
          <CaptchaField error={form.error("captcha")} resetKey={form.state} />
          <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
            {form.pending ? t("submitting") : t("submit")}
          </button>
        </>
      )}
    </form>
  );
}
