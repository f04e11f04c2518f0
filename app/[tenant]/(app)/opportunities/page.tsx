import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { readerLocale } from "@/lib/i18n/name-order";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listBoard, listOpportunities, opportunityListSearchParams, parseOpportunityListQuery } from "@/lib/dal/opportunities/list-opportunities";
import { type OpportunityListQuery, type OpportunitySort } from "@/lib/dal/opportunities/list-query";
import { listStages } from "@/lib/dal/pipeline/list-stages";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { CURRENCIES, formatMoney } from "@/lib/money";
import { EditableCell, type CellEditor } from "@/components/crm/inline-edit/editable-cell";
import { editOpportunityCellAction } from "@/lib/actions/inline-edit-actions";
import { Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { OpportunityFilters } from "@/components/crm/opportunities/opportunity-filters";
import { PipelineBoard } from "@/components/crm/opportunities/pipeline-board";
import { nextDirection, SortHeaderLink, sortState, type SortDirection } from "@/components/ui/sort-header";
import { ClientMessages } from "@/components/i18n/client-messages";
import { BulkSelectionProvider, PageSelectCheckbox, RowSelectCheckbox } from "@/components/crm/bulk/bulk-selection";
import { BulkBar } from "@/components/crm/bulk/bulk-bar";
import { bulkOpportunitiesAction } from "@/lib/actions/bulk-actions";
import { BULK_LIMIT } from "@/lib/dal/crm/bulk-selection";
import { resolveListRequest } from "@/lib/dal/lists/saved-views";
import { SavedViewBar } from "@/components/crm/saved-views/saved-view-bar";
import { createSavedViewAction, deleteSavedViewAction, overwriteSavedViewAction, renameSavedViewAction } from "../saved-view-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("opportunities"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OpportunitiesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: SearchParams }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/opportunities`);
  // The list's state: the address's own, or the saved view it names (lib/dal/lists/saved-views.ts).
  const list = await resolveListRequest(member, "opportunities", await searchParams);
  const savedView = list.selected?.id;
  const { query, ignored } = parseOpportunityListQuery(list.params);
  const [t, tViews, stages, owners] = await Promise.all([getTranslations("opportunities"), getTranslations("savedViews"), listStages(member), listRecordOwners(member, readerLocale(await getLocale()))]);
  const base = `/${encodeURIComponent(member.tenant.slug)}/opportunities`;
  const canWrite = can(member.role, "records.write");
  const viewHref = (view: "board" | "table") => `${base}?${opportunityListSearchParams({ ...query, view, cursor: undefined }, { savedView }).toString()}`;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeader title={t("title")} lead={t("lead")} />
        {canWrite ? (
          <Link href={`${base}/new`} className={buttonStyles.primary}>
            {t("new")}
          </Link>
        ) : null}
      </div>
      <ClientMessages namespaces={["savedViews", "errors"]}>
        <SavedViewBar
          list="opportunities"
          base={base}
          views={list.views}
          selected={list.selected}
          modified={list.modified}
          query={list.query}
          actions={{
            create: createSavedViewAction.bind(null, member.tenant.slug),
            overwrite: overwriteSavedViewAction.bind(null, member.tenant.slug),
            rename: renameSavedViewAction.bind(null, member.tenant.slug),
            remove: deleteSavedViewAction.bind(null, member.tenant.slug),
          }}
        />
      </ClientMessages>
      <nav aria-label={t("viewLabel")} className="inline-flex rounded-lg border border-slate-300 p-1 dark:border-slate-700">
        {(["board", "table"] as const).map((view) => (
          <Link
            key={view}
            href={viewHref(view)}
            aria-current={query.view === view ? "page" : undefined}
            className={`min-h-9 rounded-md px-4 py-1.5 text-sm font-medium ${
              query.view === view ? "bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            }`}
          >
            {t(view)}
          </Link>
        ))}
      </nav>
      {list.viewMissing ? <Notice>{tViews("notFound")}</Notice> : null}
      {list.dropped.length > 0 ? <Notice>{tViews("dropped", { fields: list.dropped.join(", ") })}</Notice> : null}
      {ignored.length > 0 ? <Notice tone="error">{t("ignored", { fields: ignored.join(", ") })}</Notice> : null}
      {!canWrite ? <Notice>{t("readOnly")}</Notice> : null}
      <OpportunityFilters action={base} query={query} owners={owners} stages={stages} showStage={query.view === "table"} savedView={savedView} />
      {query.view === "board" ? (
        <PipelineBoard slug={member.tenant.slug} columns={await listBoard(member, query)} canWrite={canWrite} />
      ) : (
        <OpportunityTable base={base} query={query} member={member} owners={owners} stages={stages} savedView={savedView} />
      )}
    </div>
  );
}

type Choice = { id: string; name: string };

async function OpportunityTable({
  base,
  query,
  member,
  owners,
  stages,
  savedView,
}: {
  base: string;
  savedView: string | undefined;
  query: OpportunityListQuery;
  member: Awaited<ReturnType<typeof requireMember>>;
  owners: Choice[];
  stages: (Choice & { kind: "OPEN" | "WON" | "LOST" })[];
}) {
  const locale = await getLocale();
  // Bulk changes (lib/dal/opportunities/bulk-update-opportunities.ts), for members who may edit.
  const selectable = can(member.role, "records.write");
  const [t, format, page] = await Promise.all([getTranslations("opportunities"), getFormatter(), listOpportunities(member, query, undefined, readerLocale(locale))]);
  // "All matching" goes back as the table's filters, which the server parses again.
  const bulkFilters = opportunityListSearchParams({ ...query, view: undefined, cursor: undefined, sort: "createdAt", dir: "desc" }).toString();
  const header = (column: keyof typeof COLUMN_SORT, label: string) => {
    const sorting = COLUMN_SORT[column];
    if (!sorting) return label;
    const active = query.sort === sorting.sort;
    const dir = nextDirection(active, query.dir, sorting.first);
    const href = `${base}?${opportunityListSearchParams({ ...query, sort: sorting.sort, dir, cursor: undefined }, { savedView }).toString()}`;
    return <SortHeaderLink href={href} label={label} sortByLabel={t("sortBy", { column: label })} active={active} dir={query.dir} stateLabel={query.dir === "asc" ? t("sortedAsc") : t("sortedDesc")} />;
  };
  const cell = "px-3 py-2.5 align-top";
  // Cells edited in place, with the edit form's choices, for members who may edit (the same as may select).
  const editors: Record<"title" | "amount" | "stage" | "closeDate" | "owner", CellEditor> = {
    title: { kind: "text", maxLength: 200 },
    amount: { kind: "amount", currencies: CURRENCIES },
    stage: { kind: "select", options: stages.map((stage) => ({ value: stage.id, label: stage.name })), needReason: stages.filter((stage) => stage.kind === "LOST").map((stage) => stage.id) },
    closeDate: { kind: "date" },
    owner: { kind: "select", options: owners.map((owner) => ({ value: owner.id, label: owner.name })) },
  };
  const editAction = editOpportunityCellAction.bind(null, member.tenant.slug);
  const editable = (row: (typeof page.rows)[number], column: keyof typeof editors, field: string, value: string, text: string, shown: ReactNode, currency?: string) =>
    selectable ? (
      <EditableCell
        action={editAction}
        id={row.id}
        version={row.version}
        field={field}
        value={value}
        currency={currency}
        text={text}
        column={t(`columns.${column}`)}
        record={row.title}
        editor={editors[column]}
      >
        {shown}
      </EditableCell>
    ) : (
      shown
    );
  const from = page.start + 1;
  const to = page.start + page.rows.length;
  const countText =
    page.rows.length === 0 || (page.start === 0 && !page.nextCursor && page.total.exact)
      ? t("count", { count: page.rows.length })
      : t(page.total.exact ? "range" : "rangeAbout", { from: format.number(from), to: format.number(to), total: format.number(Math.max(page.total.count, to)) });
  return (
    <div className="space-y-3">
      {/* A status region: when the filters apply themselves, the new count is read out. */}
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="result-count" role="status">
        {countText}
      </p>
      <ClientMessages namespaces={["opportunities", "errors", "bulk", "inlineEdit"]}>
        <BulkSelectionProvider pageIds={page.rows.map((row) => row.id)} filters={bulkFilters}>
          {selectable ? (
            <BulkBar
              action={bulkOpportunitiesAction.bind(null, member.tenant.slug)}
              actions={["owner", "stage"]}
              total={{ count: page.total.count, more: !page.total.exact }}
              limit={BULK_LIMIT}
              owners={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
              stages={stages.map((stage) => ({ value: stage.id, label: stage.name, lost: stage.kind === "LOST" }))}
            />
          ) : null}
      {page.rows.length === 0 ? (
        <p className="rounded-2xl border border-slate-200 bg-white p-6 text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">{t("empty")}</p>
      ) : (
        <>
        {/* relative: the sort links' screen-reader text is absolutely positioned; without a positioned
            scroll box it escapes the clip and widens the page on a phone. */}
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" data-testid="opportunity-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
              <tr>
                {selectable ? (
                  <th scope="col" className={`${cell} w-10`}>
                    <PageSelectCheckbox />
                  </th>
                ) : null}
                {(["title", "customer", "amount", "stage", "probability", "closeDate", "owner", "createdAt"] as const).map((column) => (
                  <th
                    key={column}
                    scope="col"
                    className={`${cell} whitespace-nowrap`}
                    aria-sort={sortState(query.sort === COLUMN_SORT[column]?.sort, query.dir)}
                  >
                    {header(column, t(`columns.${column}`))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {page.rows.map((row) => (
                <tr key={row.id} className="text-slate-800 dark:text-slate-200">
                  {selectable ? (
                    <td className={`${cell} w-10`}>
                      <RowSelectCheckbox id={row.id} name={row.title} />
                    </td>
                  ) : null}
                  <td className={cell}>
                    {editable(
                      row,
                      "title",
                      "title",
                      row.title,
                      row.title,
                      <Link href={`${base}/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
                        {row.title}
                      </Link>,
                    )}
                  </td>
                  <td className={cell}>{row.customer.name}</td>
                  <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>
                    {editable(row, "amount", "amount", row.amount.includes(".") ? row.amount.replace(/\.?0+$/, "") : row.amount, formatMoney(row.amount, row.currency, locale), formatMoney(row.amount, row.currency, locale), row.currency)}
                  </td>
                  <td className={cell}>{editable(row, "stage", "stageId", row.stageId, row.stage.name, row.stage.name)}</td>
                  <td className={`${cell} text-right tabular-nums`}>{row.probability}%</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {editable(
                      row,
                      "closeDate",
                      "expectedCloseDate",
                      row.expectedCloseDate ? row.expectedCloseDate.toISOString().slice(0, 10) : "",
                      row.expectedCloseDate ? format.dateTime(row.expectedCloseDate, { dateStyle: "medium", timeZone: "UTC" }) : "—",
                      row.expectedCloseDate ? format.dateTime(row.expectedCloseDate, { dateStyle: "medium", timeZone: "UTC" }) : "—",
                    )}
                  </td>
                  <td className={cell}>{editable(row, "owner", "ownerId", row.owner.id, row.owner.name, row.owner.name)}</td>
                  <td className={`${cell} whitespace-nowrap`}>{format.dateTime(row.createdAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </>
      )}
        </BulkSelectionProvider>
      </ClientMessages>
      <nav className="flex gap-3" aria-label={t("table")}>
        {query.cursor ? (
          <Link href={`${base}?${opportunityListSearchParams({ ...query, cursor: undefined }, { savedView }).toString()}`} className={buttonStyles.secondary}>
            {t("first")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`${base}?${opportunityListSearchParams(query, { cursor: page.nextCursor, savedView }).toString()}`} className={buttonStyles.secondary}>
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

// The header that sorts by each column; customer, stage and owner (names in other tables) don't
// sort. The first click sorts titles A–Z, the rest largest or newest first (close dates soonest
// first); the next one reverses it.
const COLUMN_SORT: Record<"title" | "customer" | "amount" | "stage" | "probability" | "closeDate" | "owner" | "createdAt", { sort: OpportunitySort; first: SortDirection } | null> = {
  title: { sort: "title", first: "asc" },
  customer: null,
  amount: { sort: "amount", first: "desc" },
  stage: null,
  probability: { sort: "probability", first: "desc" },
  closeDate: { sort: "expectedCloseDate", first: "asc" },
  owner: null,
  createdAt: { sort: "createdAt", first: "desc" },
};
