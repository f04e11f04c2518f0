import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { RANGE_PRESETS, type ReportFilterError, type ReportFilterInput } from "@/lib/reports/report-filters";
import type { ReportOwnerOption, ReportStageOption } from "@/lib/dal/reports/report-options";
import { RangeFields } from "./range-fields";

const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";
const hintClass = "mt-1.5 text-xs text-slate-600 dark:text-slate-400";

/** The Reports page's filters as a plain GET form: they end up in the URL, so views can be shared. */
export async function ReportFiltersForm({
  action,
  input,
  errors,
  owners,
  stages,
  currencies,
  currency,
}: {
  action: string;
  input: ReportFilterInput;
  errors: ReportFilterError[];
  owners: ReportOwnerOption[];
  stages: ReportStageOption[];
  currencies: string[];
  currency: string;
}) {
  const t = await getTranslations("reports");
  const errorId = "report-filter-errors";
  const dateInvalid = errors.some((error) => ["invalidFrom", "invalidTo", "missingDates", "reversedRange", "rangeTooLong", "unknownRange"].includes(error));
  const invalid = (names: ReportFilterError[]) => (errors.some((error) => names.includes(error)) ? { "aria-invalid": true, "aria-describedby": errorId } : {});
  return (
    <form method="get" action={action} role="search" aria-labelledby="report-filters-heading" data-testid="report-filters">
      <h2 id="report-filters-heading" className="sr-only">
        {t("filters.title")}
      </h2>
      {errors.length > 0 ? (
        <div id={errorId} role="alert" className="mb-4 space-y-1 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="report-filter-errors">
          {errors.map((error) => (
            <p key={error}>{t(`errors.${error}`)}</p>
          ))}
          <p>{t("errors.ignored")}</p>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <RangeFields
          presets={RANGE_PRESETS.map((preset) => ({ value: preset, label: t(`presets.${preset}`) }))}
          labels={{ range: t("filters.range"), from: t("filters.from"), to: t("filters.to") }}
          input={{ range: input.range, from: input.from, to: input.to }}
          invalid={dateInvalid}
          errorId={errorId}
        />
        <div>
          <label htmlFor="report-owner" className={labelClass}>
            {t("filters.owner")}
          </label>
          <select id="report-owner" name="owner" defaultValue={input.owner} className={inputClass} {...invalid(["unknownOwner"])}>
            <option value="">{t("filters.everyone")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="report-stage" className={labelClass}>
            {t("filters.stage")}
          </label>
          <select id="report-stage" name="stage" defaultValue={input.stage} aria-describedby="report-stage-hint" className={inputClass} {...invalid(["unknownStage"])}>
            <option value="">{t("filters.allStages")}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.archived ? t("filters.archivedStage", { name: stage.name }) : stage.name}
              </option>
            ))}
          </select>
          <p id="report-stage-hint" className={hintClass}>
            {t("filters.stageHint")}
          </p>
        </div>
        <div>
          <label htmlFor="report-tag" className={labelClass}>
            {t("filters.tag")}
          </label>
          <input id="report-tag" name="tag" type="text" defaultValue={input.tag} maxLength={50} autoComplete="off" className={inputClass} {...invalid(["invalidTag"])} />
        </div>
        <div>
          <label htmlFor="report-currency" className={labelClass}>
            {t("filters.currency")}
          </label>
          <select id="report-currency" name="currency" defaultValue={currency} aria-describedby="report-currency-hint" className={inputClass} {...invalid(["unknownCurrency"])}>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <p id="report-currency-hint" className={hintClass}>
            {t("filters.currencyHint")}
          </p>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" className={buttonStyles.primary} data-testid="report-apply">
          {t("filters.apply")}
        </button>
        <Link href={action} className={buttonStyles.ghost}>
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
