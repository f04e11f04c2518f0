"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { CheckboxField, NumberField, SettingsSection, useSavedValues } from "@/components/settings/settings-fields";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { CURRENCIES } from "@/lib/money";
import { STALE_DAYS_MAX, crmSettingsSchema } from "@/lib/validation/opportunity";
import type { PhoneCountryOption } from "@/lib/phone-country-options";

export function CrmSettingsForm({
  action,
  saved,
  countries,
}: {
  action: FormAction;
  saved: { repsSeeOwnRecordsOnly: boolean; staleOpportunityDays: number; defaultCurrency: string; defaultCountry: string };
  /** Every country numbers can be read in, named in the reader's language (lib/phone-country-options.ts). */
  countries: PhoneCountryOption[];
}) {
  const t = useTranslations("crmSettings");
  const form = useActionForm(action, crmSettingsSchema);
  const id = useId();
  const [values, setValues] = useSavedValues(
    {
      repsSeeOwnRecordsOnly: saved.repsSeeOwnRecordsOnly ? "on" : "",
      staleOpportunityDays: String(saved.staleOpportunityDays),
      defaultCurrency: saved.defaultCurrency,
      defaultCountry: saved.defaultCountry,
    },
    form.state,
  );
  return (
    <SettingsSection
      id="crm-settings"
      title={t("sectionTitle")}
      lead={t("sectionLead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <div className="space-y-6">
        <CheckboxField
          label={t("repsSeeOwnRecordsOnly")}
          hint={t("repsSeeOwnRecordsOnlyHint")}
          name="repsSeeOwnRecordsOnly"
          checked={values.repsSeeOwnRecordsOnly === "on"}
          onChange={(checked) => setValues({ ...values, repsSeeOwnRecordsOnly: checked ? "on" : "" })}
          errors={form.fieldErrors.repsSeeOwnRecordsOnly}
        />
        <NumberField
          label={t("staleOpportunityDays")}
          hint={t("staleOpportunityDaysHint")}
          name="staleOpportunityDays"
          value={values.staleOpportunityDays ?? ""}
          onChange={(value) => setValues({ ...values, staleOpportunityDays: value })}
          min={0}
          max={STALE_DAYS_MAX}
          unit={t("days")}
          errors={form.fieldErrors.staleOpportunityDays}
        />
        <div>
          <label htmlFor={`${id}-currency`} className={labelClass}>
            {t("defaultCurrency")}
          </label>
          <select
            id={`${id}-currency`}
            name="defaultCurrency"
            value={values.defaultCurrency}
            onChange={(event) => setValues({ ...values, defaultCurrency: event.target.value })}
            aria-describedby={`${id}-currency-hint`}
            className={`${inputClass} sm:max-w-48`}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <p id={`${id}-currency-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {t("defaultCurrencyHint")}
          </p>
          <CrmFieldError id={`${id}-currency-error`} messages={form.fieldErrors.defaultCurrency} />
        </div>
        <div>
          <label htmlFor={`${id}-country`} className={labelClass}>
            {t("defaultCountry")}
          </label>
          <select
            id={`${id}-country`}
            name="defaultCountry"
            value={values.defaultCountry}
            onChange={(event) => setValues({ ...values, defaultCountry: event.target.value })}
            aria-describedby={[`${id}-country-hint`, form.fieldErrors.defaultCountry ? `${id}-country-error` : null].filter(Boolean).join(" ")}
            aria-invalid={form.fieldErrors.defaultCountry ? true : undefined}
            className={`${inputClass} sm:max-w-md`}
          >
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {t("countryOption", { name: country.name, code: country.callingCode })}
              </option>
            ))}
          </select>
          <p id={`${id}-country-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {t("defaultCountryHint")}
          </p>
          <CrmFieldError id={`${id}-country-error`} messages={form.fieldErrors.defaultCountry} />
        </div>
      </div>
    </SettingsSection>
  );
}
