"use client";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { reverifyPasswordSchema } from "@/lib/validation/second-factor";
import type { FormState } from "@/lib/forms/form-state";

export function ReverifyPasswordForm({ action, returnTo }: { action: (state: FormState, formData: FormData) => Promise<FormState>; returnTo: string }) {
  const t = useTranslations("reverify");
  const form = useActionForm(action, reverifyPasswordSchema);
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <PasswordField label={t("passwordLabel")} name="password" autoComplete="current-password" required maxLength={256} autoFocus error={form.error("password")} />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending || form.state.values.locked === "1"}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
