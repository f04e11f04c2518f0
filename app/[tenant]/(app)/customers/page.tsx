import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { readerLocale } from "@/lib/i18n/name-order";
import { forbidden } from "next/navigation";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listCustomers } from "@/lib/dal/customers/list-customers";
import {
  CUSTOMER_COLUMNS as COLUMNS,
  customerColumnsParam,
  customerListSearchParams,
  DEFAULT_PAGE_SIZE,
  parseCustomerColumns,
  parseCustomerListQuery,
  PAGE_SIZES,
  type CustomerColumn as Column,
  type CustomerSort,
} from "@/lib/dal/customers/list-query";
import { listOwnerChoices } from "@/lib/dal/customers/get-customer";
import { COMPANY_SIZES, CUSTOMER_NAME_MAX, CUSTOMER_STATUSES, INDUSTRIES, SOURCES, labelKey } from "@/lib/validation/customer";
import { storedListLabel } from "@/components/customers/field-definitions";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import { Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { RowActionForm } from "@/components/members/row-action-form";
import { CustomerRows, type CustomerInlineEditing } from "@/components/customers/customer-rows";
import type { CellEditor } from "@/components/crm/inline-edit/editable-cell";
import { editCustomerCellAction } from "@/lib/actions/inline-edit-actions";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { recordScope } from "@/lib/dal/crm/visibility";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AutoApplyForm } from "@/components/ui/auto-apply-form";
import { nextDirection, SortHeaderLink, sortState, type SortDirection } from "@/components/ui/sort-header";
import { BulkSelectionProvider, PageSelectCheckbox } from "@/components/crm/bulk/bulk-selection";
import { BulkBar, type BulkActionKind } from "@/components/crm/bulk/bulk-bar";
import { bulkCustomersAction, undoBulkTrashAction } from "@/lib/actions/bulk-actions";
import { BULK_LIMIT } from "@/lib/dal/crm/bulk-selection";
import { restoreRecordAction } from "./actions";
import { resolveListRequest } from "@/lib/dal/lists/saved-views";
import { SavedViewBar } from "@/components/crm/saved-views/saved-view-bar";
import { createSavedViewAction, deleteSavedViewAction, overwriteSavedViewAction, renameSavedViewAction } from "../saved-view-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customers"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const SORTS = ["name", "-name", "status", "-status", "phone", "-phone", "city", "-city", "-createdAt", "createdAt", "-updatedAt", "updatedAt"] as const satisfies readonly (CustomerSort | `-${CustomerSort}`)[];
type Sort = (typeof SORTS)[number];

// The header that sorts by each column (name included); tags, owner and contacts don't sort. The
// first click sorts text A–Z and dates newest first; the next one reverses it.
const COLUMN_SORT: Partial<Record<Column | "name", { sort: CustomerSort; first: SortDirection }>> = {
  name: { sort: "name", first: "asc" },
  status: { sort: "status", first: "asc" },
  phone: { sort: "phone", first: "asc" },
  city: { sort: "city", first: "asc" },
  createdAt: { sort: "createdAt", first: "desc" },
  updatedAt: { sort: "updatedAt", first: "desc" },
};

/** "-name" → "desc_name": the sort's message key under customers.sort (a key may not hold "-"). */
function sortKey<S extends Sort>(sort: S): S extends `-${infer Field}` ? `desc_${Field}` : S {
  return (sort.startsWith("-") ? `desc_${sort.slice(1)}` : sort) as S extends `-${infer Field}` ? `desc_${Field}` : S;
}

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const raw = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/customers`);
  if (!can(member.role, "records.read")) forbidden();
  // The list's state: the address's own, or the saved view it names (lib/dal/lists/saved-views.ts).
  const list = await resolveListRequest(member, "customers", raw);
  const savedView = list.selected?.id;
  const { query, ignored } = parseCustomerListQuery(list.params);
  const columns = parseCustomerColumns(list.params.get("cols") ?? list.params.getAll("col"));
  const colsParam = customerColumnsParam(columns);
  const reader = readerLocale(await getLocale());
  // The owner filter names every active member (anyone may still own old records); new owners come
  // only from the members who may own records (listRecordOwners), as the forms offer them.
  const [t, format, page, owners, recordOwners] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listCustomers(member, query, reader),
    listOwnerChoices(member, reader),
    listRecordOwners(member, reader),
  ]);
  const base = `/${tenant}/customers`;
  const hasFilters = Boolean(query.q || query.owner || query.status || query.tag || query.industry || query.source || query.size);
  const pageHref = (cursor: string) => `${base}?${customerListSearchParams(query, { cols: colsParam, cursor, savedView }).toString()}`;
  // After "Confirm it's you", a download of ticked rows comes back with their ids.
  const exportIds = typeof raw.exportIds === "string" && /^[A-Za-z0-9_,-]{1,8200}$/.test(raw.exportIds) ? raw.exportIds : null;
  const exportHref = `${base}/export?${exportIds ? new URLSearchParams({ ids: exportIds }).toString() : customerListSearchParams(query).toString()}`;
  const deletedId = typeof raw.deleted === "string" ? raw.deleted : null;
  const canRestore = can(member.role, "records.restore");
  const show = (column: Column) => columns.includes(column);
  const shown = COLUMNS.filter(show);
  const cellText = (row: (typeof page.rows)[number], column: Column): string | number => {
    switch (column) {
      case "status":
        return t(labelKey("status", row.status));
      case "owner":
        return row.owner.name;
      case "industry":
        return row.industry ? storedListLabel(t, "industry", row.industry) : "";
      case "source":
        return row.source ? storedListLabel(t, "source", row.source) : "";
      case "size":
        return row.size ? storedListLabel(t, "size", row.size) : "";
      case "phone":
        return formatCrmPhone(row.phone);
      case "city":
        return [row.city, row.country].filter(Boolean).join(", ");
      case "tags":
        return row.tags.join(", ");
      case "contacts":
        return row._count.contacts;
      case "createdAt":
        return format.dateTime(row.createdAt, { dateStyle: "medium" });
      case "updatedAt":
        return format.dateTime(row.updatedAt, { dateStyle: "medium", timeStyle: "short" });
    }
  };
  const sortValue = `${query.dir === "desc" ? "-" : ""}${query.sort}`;
  const header = (column: Column | "name", label: string) => {
    const sorting = COLUMN_SORT[column];
    if (!sorting) return { ariaSort: undefined, content: label };
    const active = query.sort === sorting.sort;
    const dir = nextDirection(active, query.dir, sorting.first);
    const href = `${base}?${customerListSearchParams({ ...query, sort: sorting.sort, dir }, { cols: colsParam, savedView }).toString()}`;
    return {
      ariaSort: sortState(active, query.dir),
      content: <SortHeaderLink href={href} label={label} sortByLabel={t("customers.sortBy", { column: label })} active={active} dir={query.dir} stateLabel={query.dir === "asc" ? t("customers.sortedAsc") : t("customers.sortedDesc")} />,
    };
  };
  const nameHeader = header("name", t("crmFields.name"));
  const from = page.start + 1;
  const to = page.start + page.rows.length;
  const countText =
    page.rows.length === 0 || (page.start === 0 && !page.nextCursor && page.total.exact)
      ? t("customers.count", { count: page.rows.length })
      : t(page.total.exact ? "customers.range" : "customers.rangeAbout", { from: format.number(from), to: format.number(to), total: format.number(Math.max(page.total.count, to)) });
  // Bulk actions: what this member may do to many customers at once (lib/dal/customers/bulk-update-customers.ts).
  const canWrite = can(member.role, "records.write");
  const bulkActions: BulkActionKind[] = [
    ...(canWrite ? (["owner", "addTag", "removeTag", "status"] as const) : []),
    ...(can(member.role, "records.export") ? (["export"] as const) : []),
    ...(canWrite ? (["trash"] as const) : []),
  ];
  const selectable = bulkActions.length > 0;
  const inline = canWrite ? await inlineEditing(member, recordOwners, t) : undefined;
  // "All matching" goes back as the list's filters, which the server parses again (never the ids this page showed).
  const bulkFilters = customerListSearchParams({ ...query, sort: "name", dir: "asc", pageSize: DEFAULT_PAGE_SIZE }).toString();
  const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400 whitespace-nowrap";
  // The cells' padding and alignment are set once on the table ([&_td]:…), not on each of the
  // page's 50 × 11 cells: every class written on a cell is sent twice (HTML and flight data).

  return (
    <>
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <PageHeader title={t("customers.title")} lead={t("customers.lead")} />
        </div>
        <div className="flex flex-wrap gap-2">
          {can(member.role, "records.write") ? (
            <Link href={`${base}/new`} className={buttonStyles.primary}>
              {t("customers.new")}
            </Link>
          ) : null}
          {can(member.role, "records.import") ? (
            <Link href={`${base}/import`} className={buttonStyles.secondary}>
              {t("imports.link")}
            </Link>
          ) : null}
          {can(member.role, "records.export") ? (
            <a href={exportHref} className={buttonStyles.secondary} data-testid="export-csv" download>
              {t("customers.exportCsv")}
            </a>
          ) : null}
          {canRestore ? (
            <Link href={`${base}/trash`} className={buttonStyles.ghost}>
              {t("trash.link")}
            </Link>
          ) : null}
        </div>
      </div>

      <ClientMessages namespaces={["savedViews", "errors"]}>
        <SavedViewBar
          list="customers"
          base={base}
          views={list.views}
          selected={list.selected}
          modified={list.modified}
          query={list.query}
          actions={{
            create: createSavedViewAction.bind(null, tenant),
            overwrite: overwriteSavedViewAction.bind(null, tenant),
            rename: renameSavedViewAction.bind(null, tenant),
            remove: deleteSavedViewAction.bind(null, tenant),
          }}
        />
      </ClientMessages>

      <div className="mb-4 space-y-3" aria-live="polite">
        {list.viewMissing ? <Notice tone="info">{t("savedViews.notFound")}</Notice> : null}
        {list.dropped.length > 0 ? <Notice tone="info">{t("savedViews.dropped", { fields: list.dropped.join(", ") })}</Notice> : null}
        {ignored.length > 0 ? <Notice tone="info">{t("customers.ignoredParams", { names: ignored.join(", ") })}</Notice> : null}
        {raw.exportReady ? (
          <Notice tone="success">
            {t("customers.exportReady")}{" "}
            <a href={exportHref} className="font-semibold underline" download>
              {t("customers.exportCsv")}
            </a>
          </Notice>
        ) : null}
        {deletedId ? (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-700 dark:bg-slate-900" role="status" data-testid="deleted-toast">
            <span className="flex-1">{canRestore ? t("customers.deletedUndo") : t("customers.deletedAskAdmin")}</span>
            {canRestore ? (
              // The list's only translated client component, and only after a delete: its messages come with it.
              <ClientMessages namespaces={["members", "errors"]}>
                <RowActionForm action={restoreRecordAction.bind(null, tenant)} hidden={{ id: deletedId, kind: "customer", then: "open" }}>
                  <button type="submit" className={`${buttonStyles.secondary} ${buttonStyles.small}`}>
                    {t("customers.undo")}
                  </button>
                </RowActionForm>
              </ClientMessages>
            ) : null}
          </div>
        ) : null}
      </div>

      <AutoApplyForm action={base} role="search" aria-label={t("customers.filtersLabel")} className="group mb-4 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <div className="col-span-2">
            <label htmlFor="customer-q" className="mb-1 block text-sm font-medium">
              {t("customers.searchLabel")}
            </label>
            <input id="customer-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("customers.searchPlaceholder")} className={inputClass} maxLength={200} />
          </div>
          <FilterSelect id="f-owner" name="owner" label={t("crmFields.ownerId")} value={query.owner} anyLabel={t("customers.anyOwner")} options={[{ value: "me", label: t("customers.ownerMe") }, ...owners.map((owner) => ({ value: owner.id, label: owner.name }))]} />
          <FilterSelect id="f-status" name="status" label={t("crmFields.status")} value={query.status} anyLabel={t("customers.any")} options={CUSTOMER_STATUSES.map((value) => ({ value, label: t(labelKey("status", value)) }))} />
          <FilterSelect id="f-industry" name="industry" label={t("crmFields.industry")} value={query.industry} anyLabel={t("customers.any")} options={INDUSTRIES.map((value) => ({ value, label: t(labelKey("industry", value)) }))} />
          <FilterSelect id="f-source" name="source" label={t("crmFields.source")} value={query.source} anyLabel={t("customers.any")} options={SOURCES.map((value) => ({ value, label: t(labelKey("source", value)) }))} />
          <FilterSelect id="f-size" name="size" label={t("crmFields.size")} value={query.size} anyLabel={t("customers.any")} options={COMPANY_SIZES.map((value) => ({ value, label: t(labelKey("size", value)) }))} />
          <div>
            <label htmlFor="f-tag" className="mb-1 block text-sm font-medium">
              {t("crmFields.tags")}
            </label>
            <input id="f-tag" name="tag" defaultValue={query.tag ?? ""} className={inputClass} maxLength={40} />
          </div>
          <div>
            <label htmlFor="f-sort" className="mb-1 block text-sm font-medium">
              {t("customers.sortLabel")}
            </label>
            <select id="f-sort" name="sort" defaultValue={sortValue} className={inputClass}>
              {SORTS.map((value) => (
                <option key={value} value={value}>
                  {t(`customers.sort.${sortKey(value)}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-size-page" className="mb-1 block text-sm font-medium">
              {t("customers.pageSize")}
            </label>
            <select id="f-size-page" name="pageSize" defaultValue={String(query.pageSize)} className={inputClass}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
        </div>
        {colsParam ? <input type="hidden" name="cols" value={colsParam} /> : null}
        {savedView ? <input type="hidden" name="savedView" value={savedView} /> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="submit" className={`${buttonStyles.primary} group-data-[enhanced]:hidden`}>
            {t("customers.apply")}
          </button>
          {hasFilters ? (
            <Link href={colsParam ? `${base}?cols=${colsParam}` : base} className={buttonStyles.secondary}>
              {t("customers.clearFilters")}
            </Link>
          ) : null}
        </div>
      </AutoApplyForm>

      <div className="mb-3 flex flex-wrap items-center gap-3">
        {/* A status region: when the filters apply themselves, the new count is read out. */}
        <p className="flex-1 text-sm text-slate-600 dark:text-slate-400" data-testid="result-count" role="status">
          {countText}
        </p>
        <details className="relative">
          <summary className={`${buttonStyles.secondary} ${buttonStyles.small} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>{t("customers.columns")}</summary>
          <form method="get" action={base} className="absolute right-0 z-10 mt-2 w-60 rounded-xl border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            {[...customerListSearchParams(query, { savedView }).entries()].map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <fieldset>
              <legend className="mb-2 text-sm font-semibold">{t("customers.columnsLegend")}</legend>
              {COLUMNS.map((column) => (
                <label key={column} className="flex min-h-9 items-center gap-2 text-sm">
                  <input type="checkbox" name="col" value={column} defaultChecked={show(column)} className="h-4 w-4" />
                  {t(`customers.column.${column}`)}
                </label>
              ))}
            </fieldset>
            <ColumnsSubmit label={t("customers.applyColumns")} />
          </form>
        </details>
      </div>

      <ClientMessages namespaces={["bulk", "errors", "inlineEdit"]}>
        <BulkSelectionProvider pageIds={page.rows.map((row) => row.id)} filters={bulkFilters}>
          {selectable ? (
            <BulkBar
              action={bulkCustomersAction.bind(null, tenant)}
              undoAction={canRestore ? undoBulkTrashAction.bind(null, tenant) : undefined}
              actions={bulkActions}
              total={{ count: page.total.count, more: !page.total.exact }}
              limit={BULK_LIMIT}
              owners={recordOwners.map((owner) => ({ value: owner.id, label: owner.name }))}
              statuses={CUSTOMER_STATUSES.map((value) => ({ value, label: t(labelKey("status", value)) }))}
              exportBase={`${base}/export`}
            />
          ) : null}
      {page.rows.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700" data-testid="empty-state">
          {hasFilters || query.cursor ? (
            <>
              <p className="font-medium">{t("customers.noMatches")}</p>
              <Link href={base} className={`${buttonStyles.secondary} mt-4`}>
                {t("customers.clearFilters")}
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium">{t("customers.empty")}</p>
              {can(member.role, "records.write") ? (
                <Link href={`${base}/new`} className={`${buttonStyles.primary} mt-4`}>
                  {t("customers.new")}
                </Link>
              ) : null}
            </>
          )}
        </div>
      ) : (
        // relative: the cells' visually hidden announcers and labels (position: absolute) then scroll
        // with the table; placed by the page instead, they made a phone's page 533 px wide.
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label={t("customers.tableLabel")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800 [&_td]:px-3 [&_td]:py-2.5 [&_td]:align-top" data-testid="customer-table">
            <thead className="bg-slate-50 dark:bg-slate-950">
              <tr>
                {selectable ? (
                  <th scope="col" className="w-10 px-3 py-2.5">
                    <PageSelectCheckbox />
                  </th>
                ) : null}
                <th scope="col" className={th} aria-sort={nameHeader.ariaSort}>
                  {nameHeader.content}
                </th>
                {shown.map((column) => {
                  const { ariaSort, content } = header(column, t(`customers.column.${column}`));
                  return (
                    <th key={column} scope="col" className={th} aria-sort={ariaSort}>
                      {content}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800 [&>tr:hover]:bg-slate-50 dark:[&>tr:hover]:bg-slate-800/50">
              <CustomerRows
                base={base}
                columns={shown}
                selectable={selectable}
                inline={inline}
                rows={page.rows.map((row) => [row.id, row.name, row.status, shown.map((column) => cellText(row, column)), inline ? { version: row.version, values: inlineValues(row, shown, inline) } : undefined])}
              />
            </tbody>
          </table>
        </div>
      )}
        </BulkSelectionProvider>
      </ClientMessages>

      <nav aria-label={t("customers.pagination")} className="mt-4 flex justify-between gap-3">
        {page.prevCursor ? (
          <Link href={pageHref(page.prevCursor)} className={buttonStyles.secondary} rel="prev">
            ← {t("customers.previous")}
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={pageHref(page.nextCursor)} className={buttonStyles.secondary} rel="next">
            {t("customers.next")} →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

type Translator = Awaited<ReturnType<typeof getTranslations<never>>>;

/**
 * The cells a member who may edit customers edits in place, with the edit form's choices: the
 * owner only where the form offers more than the member themselves (not to a Sales rep who sees
 * only their own records), from the members who may own records.
 */
async function inlineEditing(member: Awaited<ReturnType<typeof requireMember>>, owners: { id: string; name: string }[], t: Translator): Promise<CustomerInlineEditing> {
  const scope = await recordScope(member);
  const notSet = { value: "", label: t("crmFields.notSet") };
  const list = (editor: CellEditor, field: string, label: string) => ({ field, label, editor });
  return {
    action: editCustomerCellAction.bind(null, member.tenant.slug),
    editors: {
      name: list({ kind: "text", maxLength: CUSTOMER_NAME_MAX }, "name", t("crmFields.name")),
      status: list({ kind: "select", options: CUSTOMER_STATUSES.map((value) => ({ value, label: t(labelKey("status", value)) })) }, "status", t("customers.column.status")),
      ...(scope.ownOnly ? {} : { owner: list({ kind: "select", options: owners.map((owner) => ({ value: owner.id, label: owner.name })) }, "ownerId", t("customers.column.owner")) }),
      industry: list({ kind: "select", options: [notSet, ...INDUSTRIES.map((value) => ({ value, label: t(labelKey("industry", value)) }))] }, "industry", t("customers.column.industry")),
      source: list({ kind: "select", options: [notSet, ...SOURCES.map((value) => ({ value, label: t(labelKey("source", value)) }))] }, "source", t("customers.column.source")),
      size: list({ kind: "select", options: [notSet, ...COMPANY_SIZES.map((value) => ({ value, label: t(labelKey("size", value)) }))] }, "size", t("customers.column.size")),
    },
  };
}

/** The stored values of the row's shown editable cells (the name's always), by column. */
function inlineValues(
  row: { name: string; status: string; ownerId: string; industry: string | null; source: string | null; size: string | null },
  shown: readonly string[],
  inline: CustomerInlineEditing,
): Record<string, string> {
  const stored: Record<string, string> = { name: row.name, status: row.status, owner: row.ownerId, industry: row.industry ?? "", source: row.source ?? "", size: row.size ?? "" };
  return Object.fromEntries(Object.entries(stored).filter(([column]) => inline.editors[column] && (column === "name" || shown.includes(column))));
}

function FilterSelect({ id, name, label, value, anyLabel, options }: { id: string; name: string; label: string; value?: string; anyLabel: string; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ColumnsSubmit({ label }: { label: string }) {
  return (
    <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small} mt-3 w-full`}>
      {label}
    </button>
  );
}
