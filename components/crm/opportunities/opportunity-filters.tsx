import { getTranslations } from "next-intl/server";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { AutoApplyForm } from "@/components/ui/auto-apply-form";
import type { OpportunityListQuery } from "@/lib/dal/opportunities/list-query";

const label = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";

/** How many of the filters shown narrow the list (the disclosure's count). */
export function activeFilterCount(query: OpportunityListQuery, showStage: boolean): number {
  return [query.q, query.owner, showStage ? query.stage : undefined, query.tag, query.closeFrom, query.closeTo].filter(Boolean).length;
}

/**
 * The filters as a plain GET form: they live in the URL, so a view can be shared (works without JS,
 * with the Apply button); with JS they apply as they change (AutoApplyForm).
 * Inside a disclosure that says how many apply, folded on the board so the columns start higher.
 */
export async function OpportunityFilters({
  action,
  query,
  owners,
  stages,
  showStage,
  savedView,
}: {
  action: string;
  query: OpportunityListQuery;
  owners: { id: string; name: string }[];
  stages: { id: string; name: string }[];
  showStage: boolean;
  /** The saved view the list was opened from, kept selected while its filters change. */
  savedView?: string;
}) {
  const t = await getTranslations("opportunities");
  const active = activeFilterCount(query, showStage);
  return (
    <details
      className="group rounded-2xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      open={query.view === "table" ? true : undefined}
      data-testid="opportunity-filters"
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-2xl px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-slate-200 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 transition-transform group-open:rotate-90" fill="currentColor">
          <path d="M7 4l6 6-6 6V4z" />
        </svg>
        <span>{t("filtersToggle")}</span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs ${active > 0 ? "bg-brand-600 text-white dark:bg-brand-400 dark:text-slate-950" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
          data-testid="active-filter-count"
        >
          {t("filtersActive", { count: active })}
        </span>
      </summary>
      <AutoApplyForm action={action} className="group grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-800" aria-label={t("filters")}>
        <input type="hidden" name="view" value={query.view} />
        {query.view === "table" && !(query.sort === "createdAt" && query.dir === "desc") ? (
          <input type="hidden" name="sort" value={`${query.dir === "desc" ? "-" : ""}${query.sort}`} />
        ) : null}
        {query.customer ? <input type="hidden" name="customer" value={query.customer} /> : null}
        {savedView ? <input type="hidden" name="savedView" value={savedView} /> : null}
        <div className="lg:col-span-2">
          <label htmlFor="f-q" className={label}>
            {t("search")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-owner" className={label}>
            {t("owner")}
          </label>
          <select id="f-owner" name="owner" defaultValue={query.owner ?? ""} className={inputClass}>
            <option value="">{t("anyOwner")}</option>
            <option value="me">{t("me")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </div>
        {showStage ? (
          <div>
            <label htmlFor="f-stage" className={label}>
              {t("stage")}
            </label>
            <select id="f-stage" name="stage" defaultValue={query.stage ?? ""} className={inputClass}>
              <option value="">{t("anyStage")}</option>
              {stages.map((stage) => (
                <option key={stage.id} value={stage.id}>
                  {stage.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="f-tag" className={label}>
            {t("tag")}
          </label>
          <input id="f-tag" name="tag" defaultValue={query.tag ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-from" className={label}>
            {t("closeFrom")}
          </label>
          <input id="f-from" name="closeFrom" type="date" defaultValue={query.closeFrom ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-to" className={label}>
            {t("closeTo")}
          </label>
          <input id="f-to" name="closeTo" type="date" defaultValue={query.closeTo ?? ""} className={inputClass} />
        </div>
        <div className="flex items-end gap-2 lg:col-span-2">
          <button type="submit" className={`${buttonStyles.primary} group-data-[enhanced]:hidden`}>
            {t("apply")}
          </button>
          <a href={`${action}?view=${query.view}`} className={buttonStyles.ghost}>
            {t("clear")}
          </a>
        </div>
      </AutoApplyForm>
    </details>
  );
}
