import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { readerLocale } from "@/lib/i18n/name-order";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { auditQueryString, parseAuditCursor, parseAuditFilters } from "@/lib/audit/audit-filters";
import { listAuditEvents } from "@/lib/dal/audit/list-audit-events";
import { listAuditPeople } from "@/lib/dal/audit/list-audit-people";
import { AUDIT_EXPORT_MAX_ROWS } from "@/lib/dal/audit/export-audit-events";
import { AuditFiltersForm } from "@/components/audit/audit-filters-form";
import { AuditEventTable } from "@/components/audit/audit-event-table";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/audit`);
  if (!can(member.role, "audit.view")) forbidden();
  const query = await searchParams;
  const { filters, input, errors } = parseAuditFilters(query);
  const people = await listAuditPeople(member, readerLocale(await getLocale()));
  if (filters.personId && !people.some((person) => person.id === filters.personId)) {
    // Not a member of this workspace: nothing could match, so show the unfiltered log instead.
    filters.personId = null;
    input.person = "";
  }
  const before = parseAuditCursor(query.before);
  const after = before ? null : parseAuditCursor(query.after);
  const [t, format, page] = await Promise.all([getTranslations(), getFormatter(), listAuditEvents(member, { filters, before, after })]);

  const slug = member.tenant.slug;
  const base = `/${encodeURIComponent(slug)}/audit`;
  const filtered = Boolean(filters.personId || filters.type || filters.from || filters.toExclusive);

  return (
    <>
      <PageHeader title={t("audit.title")} lead={t("audit.lead", { workspace: member.tenant.name })} />

      <Card className="mb-6">
        <AuditFiltersForm action={base} input={input} errors={errors} people={people} />
        <div className="mt-4 flex flex-col gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:items-center dark:border-slate-800">
          <a href={`${base}/export${auditQueryString(input)}`} download className={buttonStyles.secondary} data-testid="audit-export">
            {t("audit.export")}
          </a>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("audit.exportHint", { max: format.number(AUDIT_EXPORT_MAX_ROWS) })}</p>
        </div>
      </Card>

      <section aria-labelledby="audit-results-heading">
        <h2 id="audit-results-heading" className="mb-3 text-sm font-medium text-slate-600 dark:text-slate-400" aria-live="polite">
          {t("audit.showing", { count: page.rows.length })}
        </h2>
        {page.rows.length === 0 ? (
          <Card>
            <p className="text-slate-700 dark:text-slate-300" data-testid="audit-empty">
              {filtered ? t("audit.empty") : t("audit.emptyUnfiltered")}
            </p>
            {before || after ? (
              <Link href={`${base}${auditQueryString(input)}`} className={`${buttonStyles.secondary} mt-4`}>
                {t("audit.firstPage")}
              </Link>
            ) : null}
          </Card>
        ) : (
          <AuditEventTable rows={page.rows} caption={t("audit.tableCaption", { workspace: member.tenant.name })} slug={slug} />
        )}
        <AuditPagination
          label={t("audit.pagination")}
          newerHref={page.newerCursor ? `${base}${auditQueryString(input, { after: page.newerCursor })}` : null}
          olderHref={page.olderCursor ? `${base}${auditQueryString(input, { before: page.olderCursor })}` : null}
          newerLabel={t("audit.newer")}
          olderLabel={t("audit.older")}
        />
      </section>
    </>
  );
}
