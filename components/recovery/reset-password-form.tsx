"use client";
import { useTranslations } from "next-intl";
import { resetPasswordSchema } from "@/lib/validation/recovery";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

/**
 * The new password, with the workspace's rules and the live strength meter. Every reason the
 * server refuses it is listed next to the field; on success the action redirects to sign-in.
 */
export function ResetPasswordForm({
  action,
  email,
  policy,
  context,
}: {
  action: FormAction;
  email: string;
  policy: PasswordPolicy;
  context: PasswordContext;
}) {
  const t = useTranslations("recovery");
  const form = useActionForm(action, resetPasswordSchema);
  return (
    <form {...form.formProps} className="space-y-5" aria-busy={form.pending || undefined}>
      <FormStatus state={form.state} errorCount={form.errorCount} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField
        label={t("newPassword")}
        name="password"
        policy={policy}
        context={context}
        errors={form.fieldErrors.password ?? []}
        errorValues={form.errorValues}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("resetSubmitting") : t("resetSubmit")}
      </button>
    </form>
  );
}
