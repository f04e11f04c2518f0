"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SettingsSection, useSavedValues } from "@/components/settings/settings-fields";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { CURRENCIES } from "@/lib/money";
import { exchangeRatesSchema } from "@/lib/validation/exchange-rates";

const narrowInput = `${inputClass.replace("w-full", "")} w-40`;

/**
 * The reporting currency and a rate into it for each other currency the workspace uses, with the
 * date of each rate. The rates shown are the saved currency's: choosing another reporting currency
 * hides them until it is saved, so a dollar rate is never saved as a rate into yen.
 */
export function ExchangeRatesForm({
  action,
  saved,
  today,
}: {
  action: FormAction;
  saved: { reportingCurrency: string; rates: { currency: string; rate: string; rateDate: string }[]; currencies: string[] };
  /** The member's date, the default for a new rate's date. */
  today: string;
}) {
  const t = useTranslations("crmSettings");
  const form = useActionForm(action, exchangeRatesSchema);
  const id = useId();
  const initial: Record<string, string> = { reportingCurrency: saved.reportingCurrency };
  for (const currency of saved.currencies) {
    const rate = saved.rates.find((item) => item.currency === currency);
    initial[`rate_${currency}`] = rate?.rate ?? "";
    initial[`rateDate_${currency}`] = rate?.rateDate ?? today;
  }
  const [values, setValues] = useSavedValues(initial, form.state);
  const changingCurrency = values.reportingCurrency !== saved.reportingCurrency;
  return (
    <SettingsSection
      id="exchange-rates"
      title={t("ratesTitle")}
      lead={t("ratesLead")}
      saveLabel={t("ratesSave")}
      savedMessage={t("ratesSaved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <div className="space-y-6">
        <div>
          <label htmlFor={`${id}-reporting`} className={labelClass}>
            {t("reportingCurrency")}
          </label>
          <select
            id={`${id}-reporting`}
            name="reportingCurrency"
            value={values.reportingCurrency}
            onChange={(event) => setValues({ ...values, reportingCurrency: event.target.value })}
            aria-describedby={`${id}-reporting-hint`}
            className={`${inputClass} sm:max-w-48`}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <p id={`${id}-reporting-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {changingCurrency ? t("reportingCurrencyChanging", { currency: values.reportingCurrency ?? "" }) : t("reportingCurrencyHint")}
          </p>
          <CrmFieldError id={`${id}-reporting-error`} messages={form.fieldErrors.reportingCurrency} />
        </div>
        {changingCurrency ? null : saved.currencies.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("ratesNone", { currency: saved.reportingCurrency })}</p>
        ) : (
          <ul className="space-y-4" aria-label={t("ratesListLabel", { currency: saved.reportingCurrency })}>
            {saved.currencies.map((currency) => {
              const rateName = `rate_${currency}`;
              const dateName = `rateDate_${currency}`;
              const rateErrors = form.fieldErrors[rateName];
              const dateErrors = form.fieldErrors[dateName];
              return (
                <li key={currency} className="flex flex-wrap items-start gap-x-4 gap-y-2" data-testid="exchange-rate-row" data-currency={currency}>
                  <div>
                    <label htmlFor={`${id}-${rateName}`} className={labelClass}>
                      {t("rateLabel", { currency, reporting: saved.reportingCurrency })}
                    </label>
                    <input
                      id={`${id}-${rateName}`}
                      name={rateName}
                      inputMode="decimal"
                      autoComplete="off"
                      value={values[rateName] ?? ""}
                      onChange={(event) => setValues({ ...values, [rateName]: event.target.value })}
                      aria-invalid={rateErrors ? true : undefined}
                      aria-describedby={rateErrors ? `${id}-${rateName}-error` : undefined}
                      className={narrowInput}
                    />
                    <CrmFieldError id={`${id}-${rateName}-error`} messages={rateErrors} />
                  </div>
                  <div>
                    <label htmlFor={`${id}-${dateName}`} className={labelClass}>
                      {t("rateDateLabel", { currency })}
                    </label>
                    <input
                      id={`${id}-${dateName}`}
                      name={dateName}
                      type="date"
                      value={values[dateName] ?? today}
                      onChange={(event) => setValues({ ...values, [dateName]: event.target.value })}
                      aria-invalid={dateErrors ? true : undefined}
                      aria-describedby={dateErrors ? `${id}-${dateName}-error` : undefined}
                      className={narrowInput}
                    />
                    <CrmFieldError id={`${id}-${dateName}-error`} messages={dateErrors} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {changingCurrency || saved.currencies.length === 0 ? null : <p className="text-sm text-slate-600 dark:text-slate-400">{t("ratesEmptyHint")}</p>}
      </div>
    </SettingsSection>
  );
}
