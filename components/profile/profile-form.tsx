"use client";
import { useTranslations } from "next-intl";
import { profileSchema } from "@/lib/validation/forms";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SelectField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { LOCALES } from "@/lib/i18n/locales";

export function ProfileForm({ action, name, locale }: { action: FormAction; name: string; locale: string }) {
  const t = useTranslations();
  const form = useActionForm(action, profileSchema);
  return (
    <form {...form.formProps} className="space-y-4">
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("profile.saved")} />
      <TextField label={t("profile.name")} name="name" autoComplete="name" required maxLength={100} defaultValue={form.value("name") ?? name} error={form.error("name")} />
      <SelectField
        label={t("profile.language")}
        name="locale"
        defaultValue={form.value("locale") ?? locale}
        error={form.error("locale")}
        options={LOCALES.map((value) => ({ value, label: t(`common.languageNames.${value}`) }))}
      />
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {form.pending ? t("common.saving") : t("common.save")}
      </button>
    </form>
  );
}
