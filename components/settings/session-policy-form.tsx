"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SESSION_LIMITS, sessionPolicySchema, type SessionPolicy } from "@/lib/validation/security-policy";
import { InfoNote, NumberField, SettingsSection, useSavedValues } from "./settings-fields";

type NumberName = keyof typeof SESSION_LIMITS;

export function SessionPolicyForm({ action, saved }: { action: FormAction; saved: SessionPolicy }) {
  const t = useTranslations("settings.security.sessions");
  const form = useActionForm(action, sessionPolicySchema);
  const [values, setValues] = useSavedValues(
    { sessionIdleMinutes: String(saved.sessionIdleMinutes), sessionAbsoluteMinutes: String(saved.sessionAbsoluteMinutes) },
    form.state,
  );
  const number = (name: NumberName) => ({
    name,
    value: values[name] ?? "",
    onChange: (value: string) => setValues({ ...values, [name]: value }),
    min: SESSION_LIMITS[name].min,
    max: SESSION_LIMITS[name].max,
    errors: form.fieldErrors[name],
    unit: t("minutes"),
  });

  return (
    <SettingsSection
      id="session-policy"
      title={t("title")}
      lead={t("lead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <div className="grid gap-6 sm:grid-cols-2">
        <NumberField label={t("sessionIdleMinutes")} hint={t("sessionIdleMinutesHint")} {...number("sessionIdleMinutes")} />
        <NumberField label={t("sessionAbsoluteMinutes")} hint={t("sessionAbsoluteMinutesHint")} {...number("sessionAbsoluteMinutes")} />
      </div>
      <InfoNote>{t("appliesNote")}</InfoNote>
    </SettingsSection>
  );
}
