"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SIGN_IN_LIMITS, signInProtectionSchema, type SignInProtection } from "@/lib/validation/security-policy";
import { FieldMessages, InfoNote, NumberField, RadioOption, SettingsSection, useSavedValues } from "./settings-fields";

type NumberName = keyof typeof SIGN_IN_LIMITS;

export function SignInProtectionForm({ action, saved }: { action: FormAction; saved: SignInProtection }) {
  const t = useTranslations("settings.security.signIn");
  const form = useActionForm(action, signInProtectionSchema);
  const [values, setValues] = useSavedValues(
    Object.fromEntries(Object.entries(saved).map(([key, value]) => [key, String(value)])),
    form.state,
  );
  const errors = form.fieldErrors;
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  const number = (name: NumberName) => ({
    name,
    value: values[name] ?? "",
    onChange: (value: string) => set(name, value),
    min: SIGN_IN_LIMITS[name].min,
    max: SIGN_IN_LIMITS[name].max,
    errors: errors[name],
  });
  const minutes = t("minutes");

  return (
    <SettingsSection
      id="sign-in-protection"
      title={t("title")}
      lead={t("lead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <NumberField label={t("captchaAfterFailures")} unit={t("failedAttempts")} hint={t("captchaAfterFailuresHint")} {...number("captchaAfterFailures")} />
      <div className="grid gap-6 sm:grid-cols-2">
        <NumberField label={t("lockoutThreshold")} unit={t("failedAttempts")} hint={t("lockoutThresholdHint")} {...number("lockoutThreshold")} />
        <NumberField label={t("lockoutWindowMinutes")} unit={minutes} hint={t("lockoutWindowMinutesHint")} {...number("lockoutWindowMinutes")} />
      </div>

      <fieldset className="min-w-0">
        <legend className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("lockoutModeLegend")}</legend>
        <div className="space-y-2">
          <RadioOption
            name="lockoutMode"
            value="TIMED"
            checked={values.lockoutMode === "TIMED"}
            onChange={(value) => set("lockoutMode", value)}
            label={t("modeTimed")}
            description={t("modeTimedHint")}
          >
            <div className="grid gap-6 sm:grid-cols-2">
              <NumberField label={t("lockoutDurationMinutes")} unit={minutes} hint={t("lockoutDurationMinutesHint")} {...number("lockoutDurationMinutes")} />
              <NumberField label={t("lockoutMaxMinutes")} unit={minutes} hint={t("lockoutMaxMinutesHint")} {...number("lockoutMaxMinutes")} />
            </div>
          </RadioOption>
          <RadioOption
            name="lockoutMode"
            value="ADMIN_UNLOCK"
            checked={values.lockoutMode === "ADMIN_UNLOCK"}
            onChange={(value) => set("lockoutMode", value)}
            label={t("modeAdminUnlock")}
            description={t("modeAdminUnlockHint")}
          />
        </div>
        <FieldMessages id="lockout-mode-error" messages={errors.lockoutMode} />
      </fieldset>

      <InfoNote>{t("appliesNote")}</InfoNote>
    </SettingsSection>
  );
}
