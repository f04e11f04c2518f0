"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

/** `next`: the workspace page asked for before signing in, where the member goes once the change is done. */
export function ForcedPasswordChangeForm({ action, policy, context, next }: { action: FormAction; policy: PasswordPolicy; context: PasswordContext; next: string }) {
  const t = useTranslations("changePassword");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <input type="hidden" name="next" value={next} />
      <NewPasswordField
        label={t("newPassword")}
        policy={policy}
        context={context}
        errors={form.fieldErrors.password}
        errorValues={form.errorValues}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
