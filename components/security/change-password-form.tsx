"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { PasswordField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

export function ChangePasswordForm({ action, policy, context }: { action: FormAction; policy: PasswordPolicy; context: PasswordContext }) {
  const t = useTranslations("changePassword");
  const form = useActionForm(action);
  // After a successful change the fields start empty again (a new key remounts them).
  const key = form.state.status === "success" ? form.state.values.formKey : "editing";
  return (
    <form {...form.formProps} className="space-y-5" key={key}>
      <FormStatus state={form.state} errorCount={form.state.status === "error" ? form.errorCount : 0} successMessage={t("changed")} />
      <PasswordField label={t("currentPassword")} name="currentPassword" autoComplete="current-password" required maxLength={256} error={form.error("currentPassword")} />
      <NewPasswordField
        label={t("newPassword")}
        policy={policy}
        context={context}
        errors={form.fieldErrors.password}
        errorValues={form.errorValues}
      />
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {form.pending ? t("saving") : t("submitChange")}
      </button>
    </form>
  );
}
