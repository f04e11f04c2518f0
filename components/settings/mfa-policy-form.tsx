"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { GRACE_DAYS, mfaPolicySchema, type MfaPolicyInput } from "@/lib/validation/mfa-policy";
import { CheckboxField, FieldMessages, NumberField, RadioOption, SettingsSection, useSavedValues } from "./settings-fields";

const CHECKBOXES = ["allowPassword", "allowPasskey", "allowEmailLink", "allowTotp", "allowSms", "allowPasskeyAsFactor", "allowEmailCode", "allowRememberDevice", "allowSmsPasswordReset"] as const;

function toValues(saved: MfaPolicyInput): Record<string, string> {
  const values: Record<string, string> = { requirement: saved.requirement, graceDays: String(saved.graceDays) };
  for (const name of CHECKBOXES) values[name] = saved[name] ? "on" : "";
  return values;
}

/** Who must use a second factor, the grace period, and which sign-in methods and factors are allowed. */
export function MfaPolicyForm({ action, saved }: { action: FormAction; saved: MfaPolicyInput }) {
  const t = useTranslations("mfaPolicy");
  const form = useActionForm(action, mfaPolicySchema);
  const [values, setValues] = useSavedValues(toValues(saved), form.state);
  const errors = form.fieldErrors;
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  const checkbox = (name: (typeof CHECKBOXES)[number]) => ({
    name,
    checked: values[name] === "on",
    onChange: (checked: boolean) => set(name, checked ? "on" : ""),
    errors: errors[name],
  });
  const requirement = (value: MfaPolicyInput["requirement"], label: string) => (
    <RadioOption name="requirement" value={value} checked={values.requirement === value} onChange={(v) => set("requirement", v)} label={label} />
  );

  return (
    <SettingsSection
      id="mfa-policy"
      title={t("title")}
      lead={t("lead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <fieldset className="min-w-0">
        <legend className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("requirement")}</legend>
        <div className="space-y-2">
          {requirement("OPTIONAL", t("requirementOptional"))}
          {requirement("ADMINS", t("requirementAdmins"))}
          {requirement("EVERYONE", t("requirementEveryone"))}
        </div>
        <FieldMessages id="mfa-requirement-error" messages={errors.requirement} />
      </fieldset>
      {values.requirement !== "OPTIONAL" ? (
        <NumberField
          label={t("graceDays")}
          name="graceDays"
          unit={t("days")}
          hint={t("graceDaysHint")}
          value={values.graceDays ?? ""}
          onChange={(value) => set("graceDays", value)}
          min={GRACE_DAYS.min}
          max={GRACE_DAYS.max}
          errors={errors.graceDays}
        />
      ) : (
        <input type="hidden" name="graceDays" value={values.graceDays ?? ""} />
      )}
      <fieldset className="min-w-0">
        <legend className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("signInMethods")}</legend>
        <div className="space-y-3">
          <CheckboxField label={t("allowPassword")} {...checkbox("allowPassword")} />
          <CheckboxField label={t("allowPasskey")} {...checkbox("allowPasskey")} />
          <CheckboxField label={t("allowEmailLink")} {...checkbox("allowEmailLink")} />
        </div>
      </fieldset>
      <fieldset className="min-w-0">
        <legend className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("secondFactors")}</legend>
        <div className="space-y-3">
          <CheckboxField label={t("allowTotp")} {...checkbox("allowTotp")} />
          <CheckboxField label={t("allowSms")} hint={t("allowSmsNote")} {...checkbox("allowSms")} />
          <CheckboxField label={t("allowPasskeyAsFactor")} {...checkbox("allowPasskeyAsFactor")} />
          <CheckboxField label={t("allowEmailCode")} hint={t("allowEmailCodeNote")} {...checkbox("allowEmailCode")} />
        </div>
      </fieldset>
      <CheckboxField label={t("allowRememberDevice")} hint={t("allowRememberDeviceHint")} {...checkbox("allowRememberDevice")} />
      <CheckboxField label={t("allowSmsPasswordReset")} hint={t("allowSmsPasswordResetHint")} {...checkbox("allowSmsPasswordReset")} />
    </SettingsSection>
  );
}
