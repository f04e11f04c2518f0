import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { AUDIT_EVENT_GROUPS } from "@/lib/audit/event-types";
import type { AuditFilterError, AuditFilterInput } from "@/lib/audit/audit-filters";
import type { AuditPersonOption } from "@/lib/dal/audit/list-audit-people";

const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";

/** The audit log's filters as a plain GET form: they end up in the URL, so views can be shared. */
export async function AuditFiltersForm({
  action,
  input,
  errors,
  people,
}: {
  action: string;
  input: AuditFilterInput;
  errors: AuditFilterError[];
  people: AuditPersonOption[];
}) {
  const t = await getTranslations();
  const fromInvalid = errors.includes("invalidFrom") || errors.includes("reversedRange");
  const toInvalid = errors.includes("invalidTo") || errors.includes("reversedRange");
  const dateErrorId = "audit-date-error";
  return (
    <form method="get" action={action} role="search" aria-labelledby="audit-filters-heading" data-testid="audit-filters">
      <h2 id="audit-filters-heading" className="sr-only">
        {t("audit.filtersTitle")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="audit-person" className={labelClass}>
            {t("audit.person")}
          </label>
          <select id="audit-person" name="person" defaultValue={input.person} aria-describedby="audit-person-hint" className={inputClass}>
            <option value="">{t("audit.everyone")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.status === "ACTIVE" ? person.name : t("audit.deactivatedSuffix", { name: person.name })} ({person.email})
              </option>
            ))}
          </select>
          <p id="audit-person-hint" className="mt-1.5 text-xs text-slate-600 dark:text-slate-400">
            {t("audit.personHint")}
          </p>
        </div>
        <div>
          <label htmlFor="audit-type" className={labelClass}>
            {t("audit.eventType")}
          </label>
          <select id="audit-type" name="type" defaultValue={input.type} className={inputClass}>
            <option value="">{t("audit.allEvents")}</option>
            {AUDIT_EVENT_GROUPS.map((group) => (
              <optgroup key={group.group} label={t(`auditGroups.${group.group}`)}>
                {group.types.map((type) => (
                  <option key={type} value={type}>
                    {t(`auditEvents.${type}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className={labelClass}>
            {t("audit.from")}
          </label>
          <input
            id="audit-from"
            type="date"
            name="from"
            defaultValue={input.from}
            aria-invalid={fromInvalid || undefined}
            aria-describedby={fromInvalid ? dateErrorId : undefined}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="audit-to" className={labelClass}>
            {t("audit.to")}
          </label>
          <input
            id="audit-to"
            type="date"
            name="to"
            defaultValue={input.to}
            aria-invalid={toInvalid || undefined}
            aria-describedby={toInvalid ? dateErrorId : undefined}
            className={inputClass}
          />
        </div>
      </div>
      {errors.length > 0 ? (
        <div id={dateErrorId} role="alert" className="mt-4 space-y-1 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="audit-filter-error">
          {errors.map((error) => (
            <p key={error}>{t(`audit.errors.${error}`)}</p>
          ))}
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" className={buttonStyles.primary}>
          {t("audit.apply")}
        </button>
        <Link href={action} className={buttonStyles.ghost}>
          {t("audit.clear")}
        </Link>
      </div>
    </form>
  );
}
