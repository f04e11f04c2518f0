"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import {
  CLASSIC_POLICY,
  HISTORY_COUNT_LIMIT,
  MAX_AGE_DAYS_LIMIT,
  MIN_LENGTH_CEILING,
  MIN_LENGTH_FLOOR,
  RECOMMENDED_POLICY,
  policyPreset,
  type PasswordPolicy,
  type PasswordPreset,
} from "@/lib/auth/password-policy/policy";
import { passwordPolicyFormSchema } from "@/lib/validation/security-policy";
import { CheckboxField, GuidanceNote, InfoNote, NumberField, RadioOption, SettingsSection, useSavedValues } from "./settings-fields";

const PRESETS: PasswordPreset[] = ["recommended", "classic", "custom"];
const COMPOSITION = ["requireLowercase", "requireUppercase", "requireDigit", "requireSymbol"] as const;

/** The policy as the form's strings: numbers as typed, checkboxes "on" or "". */
function toValues(policy: PasswordPolicy): Record<string, string> {
  return Object.fromEntries(
    Object.entries(policy).map(([key, value]) => [key, typeof value === "boolean" ? (value ? "on" : "") : String(value)]),
  );
}

/** Which preset the fields currently match; "custom" while any number is not (yet) valid. */
function presetOf(values: Record<string, string>): PasswordPreset {
  const parsed = passwordPolicyFormSchema.safeParse(values);
  return parsed.success ? policyPreset(parsed.data) : "custom";
}

export function PasswordPolicyForm({ action, saved, savedPreset }: { action: FormAction; saved: PasswordPolicy; savedPreset: PasswordPreset }) {
  const t = useTranslations("settings.security.password");
  const form = useActionForm(action, passwordPolicyFormSchema);
  // A refused save without JavaScript arrives as a new page showing what was typed (useSavedValues): name its preset.
  const [preset, setPreset] = useState<PasswordPreset>(() => (form.state.status === "error" ? presetOf({ ...toValues(saved), ...form.state.values }) : savedPreset));
  const [values, setValues] = useSavedValues(toValues(saved), form.state, (next) => setPreset(presetOf(next)));
  const errors = form.fieldErrors;

  const choosePreset = (next: string) => {
    const chosen = next as PasswordPreset;
    setPreset(chosen);
    if (chosen === "recommended") setValues(toValues(RECOMMENDED_POLICY));
    if (chosen === "classic") setValues(toValues(CLASSIC_POLICY));
  };
  // Editing any field makes the choice "Custom", unless the fields then match a preset exactly.
  const set = (name: string, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    setPreset(presetOf(next));
  };
  const checkbox = (name: keyof PasswordPolicy) => ({
    name,
    checked: values[name] === "on",
    onChange: (checked: boolean) => set(name, checked ? "on" : ""),
    errors: errors[name],
  });

  const compositionOn = COMPOSITION.some((name) => values[name] === "on");
  const expiryOn = Number(values.maxAgeDays) > 0;
  const presetName = (name: PasswordPreset) => t(`presets.${name}`);

  return (
    <SettingsSection
      id="password-policy"
      title={t("title")}
      lead={t("lead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <fieldset className="min-w-0" aria-describedby="password-preset-saved">
        <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("presetLegend")}</legend>
        <p id="password-preset-saved" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          {t("savedPreset", { preset: presetName(savedPreset) })}
        </p>
        <div className="space-y-2">
          {PRESETS.map((name) => (
            <RadioOption
              key={name}
              name="preset"
              value={name}
              checked={preset === name}
              onChange={choosePreset}
              label={presetName(name)}
              description={t(`presetHints.${name}`)}
              badge={savedPreset === name ? t("savedBadge") : undefined}
            />
          ))}
        </div>
      </fieldset>

      <NumberField
        label={t("minLength")}
        name="minLength"
        value={values.minLength ?? ""}
        onChange={(value) => set("minLength", value)}
        min={MIN_LENGTH_FLOOR}
        max={MIN_LENGTH_CEILING}
        unit={t("characters")}
        hint={t("minLengthHint")}
        errors={errors.minLength}
      />

      <fieldset className="min-w-0" aria-describedby={compositionOn ? "composition-note" : undefined}>
        <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("compositionLegend")}</legend>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("compositionHint")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <CheckboxField label={t("requireLowercase")} {...checkbox("requireLowercase")} />
          <CheckboxField label={t("requireUppercase")} {...checkbox("requireUppercase")} />
          <CheckboxField label={t("requireDigit")} {...checkbox("requireDigit")} />
          <CheckboxField label={t("requireSymbol")} {...checkbox("requireSymbol")} />
        </div>
        <GuidanceNote id="composition-note" show={compositionOn} title={t("compositionNoteTitle")}>
          {t("compositionNote")}
        </GuidanceNote>
      </fieldset>

      <div>
        <NumberField
          label={t("maxAgeDays")}
          name="maxAgeDays"
          value={values.maxAgeDays ?? ""}
          onChange={(value) => set("maxAgeDays", value)}
          min={0}
          max={MAX_AGE_DAYS_LIMIT}
          unit={t("days")}
          hint={t("maxAgeDaysHint")}
          errors={errors.maxAgeDays}
          extraDescribedBy={expiryOn ? "expiry-note" : undefined}
        />
        <GuidanceNote id="expiry-note" show={expiryOn} title={t("expiryNoteTitle")}>
          {t("expiryNote")}
        </GuidanceNote>
      </div>

      <NumberField
        label={t("historyCount")}
        name="historyCount"
        value={values.historyCount ?? ""}
        onChange={(value) => set("historyCount", value)}
        min={0}
        max={HISTORY_COUNT_LIMIT}
        unit={t("passwords")}
        hint={t("historyCountHint")}
        errors={errors.historyCount}
      />

      <fieldset className="min-w-0">
        <legend className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("checksLegend")}</legend>
        <div className="space-y-3">
          <CheckboxField label={t("checkCommonPasswords")} hint={t("checkCommonPasswordsHint")} {...checkbox("checkCommonPasswords")} />
          <CheckboxField label={t("checkPersonalInfo")} hint={t("checkPersonalInfoHint")} {...checkbox("checkPersonalInfo")} />
        </div>
      </fieldset>

      <InfoNote>{t("appliesNote")}</InfoNote>
    </SettingsSection>
  );
}
