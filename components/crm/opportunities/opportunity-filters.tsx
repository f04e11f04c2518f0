import { getTranslations } from "next-intl/server";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { AutoApplyForm } from "@/components/ui/auto-apply-form";
import type { OpportunityListQuery } from "@/lib/dal/opportunities/list-query";

const label = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";

/**
 * The filters as a plain GET form: they live in the URL, so a view can be shared (works without
 * JS, with the Apply button); with JS they apply as they change (AutoApplyForm).
 */
export async function OpportunityFilters({
  action,
  query,
  owners,
  stages,
  showStage,
}: {
  action: string;
  query: OpportunityListQuery;
  owners: { id: string; name: string }[];
  stages: { id: string; name: string }[];
  showStage: boolean;
}) {
  const t = await getTranslations("opportunities");
  return (
    <AutoApplyForm action={action} className="group grid gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900" aria-label={t("filters")}>
      <input type="hidden" name="view" value={query.view} />
      {query.view === "table" && !(query.sort === "createdAt" && query.dir === "desc") ? (
        <input type="hidden" name="sort" value={`${query.dir === "desc" ? "-" : ""}${query.sort}`} />
      ) : null}
      {query.customer ? <input type="hidden" name="customer" value={query.customer} /> : null}
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
  );
}
