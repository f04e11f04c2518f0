import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can, mayMergeCustomers } from "@/lib/auth/permissions";
import { getCustomer, listCustomerContacts, listCustomerOpportunities } from "@/lib/dal/customers/get-customer";
import { listRecordChanges, memberNames } from "@/lib/dal/crm/list-record-changes";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import { labelKey } from "@/lib/validation/customer";
import { storedListLabel } from "@/components/customers/field-definitions";
import { Card, Notice } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RowActionForm } from "@/components/members/row-action-form";
import { RecordHistory } from "@/components/crm/record-history";
import { RecordTimeline } from "@/app/[tenant]/(app)/_components/record-timeline";
import { RecordColumns } from "@/components/crm/record-columns";
import { DetailList } from "@/components/customers/detail-list";
import { StatusBadge } from "@/components/customers/status-badge";
import { deleteCustomerAction } from "../actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata({ params }: { params: Promise<{ tenant: string; id: string }> }): Promise<Metadata> {
  const { tenant, id } = await params;
  const member = await requireMember(tenant);
  const customer = await getCustomer(member, id);
  return { title: customer?.name ?? (await getTranslations("customers"))("title") };
}

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant, id } = await params;
  const query = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}`);
  const customer = await getCustomer(member, id);
  if (!customer) notFound();
  const [t, format, contacts, opportunities, history] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listCustomerContacts(member, customer.id, readerLocale(await getLocale())),
    listCustomerOpportunities(member, customer.id),
    listRecordChanges(member, "customer", customer.id),
  ]);
  const names = await memberNames(
    member,
    history.flatMap((entry) => [entry.changes.ownerId?.from, entry.changes.ownerId?.to].filter((value): value is string => typeof value === "string")),
  );
  const canWrite = can(member.role, "records.write");
  const base = `/${tenant}/customers/${customer.id}`;
  const address = [customer.addressLine, [customer.postalCode, customer.city].filter(Boolean).join(" "), customer.region, customer.country].filter(Boolean).join(", ");

  return (
    <div className="space-y-6">
      <nav aria-label={t("customers.breadcrumb")} className="text-sm">
        <Link href={`/${tenant}/customers`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← {t("customers.title")}
        </Link>
      </nav>
      {query.created ? <Notice tone="success">{t("customers.createdNotice")}</Notice> : null}
      {query.saved ? <Notice tone="success">{t("customers.savedNotice")}</Notice> : null}
      {query.restored ? <Notice tone="success">{t("customers.restoredNotice")}</Notice> : null}
      {query.merged && history[0]?.action === "merged" ? (
        <Notice tone="success">{t("customers.mergedNotice", { name: String(history[0].changes.mergedFrom?.to ?? "") })}</Notice>
      ) : null}
      {query.contactDeleted ? <Notice tone="success">{t("contacts.deletedNotice")}</Notice> : null}

      <header className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold tracking-tight wrap-anywhere text-slate-900 dark:text-white" data-testid="customer-name">
            {customer.name}
          </h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <StatusBadge status={customer.status} label={t(labelKey("status", customer.status))} />
            <span>{t("customers.ownedBy", { name: customer.owner.name })}</span>
            {customer.industry ? <span>· {storedListLabel(t, "industry", customer.industry)}</span> : null}
          </p>
          {customer.tags.length > 0 ? (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("crmFields.tags")}>
              {customer.tags.map((tag) => (
                <li key={tag}>
                  <Link
                    href={`/${tenant}/customers?tag=${encodeURIComponent(tag)}`}
                    className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
                  >
                    {tag}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`${base}/edit`} className={buttonStyles.secondary}>
              {t("customers.edit")}
            </Link>
            {mayMergeCustomers(member.role, member.user.id, [customer.ownerId]) ? (
              <Link href={`${base}/merge`} className={buttonStyles.secondary} data-testid="merge-customer">
                {t("customers.merge")}
              </Link>
            ) : null}
            <RowActionForm action={deleteCustomerAction.bind(null, tenant)} hidden={{ id: customer.id }} confirmMessage={t("customers.confirmDelete", { name: customer.name })}>
              <button type="submit" className={buttonStyles.danger}>
                {t("customers.delete")}
              </button>
            </RowActionForm>
          </div>
        ) : null}
      </header>

      <RecordColumns
        labels={{ sections: t("activities.recordSections"), details: t("customers.details"), timeline: t("activities.jumpToTimeline") }}
        details={
          <>
            <Card>
              <h2 className="mb-4 text-lg font-semibold">{t("customers.details")}</h2>
              <DetailList
                items={[
                  { label: t("crmFields.phone"), value: customer.phone ? <a href={`tel:${customer.phone}`} className="text-brand-700 hover:underline dark:text-brand-300">{formatCrmPhone(customer.phone)}</a> : null },
                  {
                    label: t("crmFields.website"),
                    value: customer.website ? (
                      <a href={customer.website} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 hover:underline dark:text-brand-300">
                        {customer.website.replace(/^https?:\/\//, "")}
                      </a>
                    ) : null,
                  },
                  { label: t("crmFields.size"), value: customer.size ? storedListLabel(t, "size", customer.size) : null },
                  { label: t("crmFields.source"), value: customer.source ? storedListLabel(t, "source", customer.source) : null },
                  { label: t("customers.address"), value: address },
                  { label: t("customers.createdAt"), value: format.dateTime(customer.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
                ]}
              />
              {customer.notes ? (
                <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                  <h3 className="text-sm text-slate-600 dark:text-slate-400">{t("crmFields.notes")}</h3>
                  <p className="mt-1 whitespace-pre-wrap text-sm wrap-anywhere">{customer.notes}</p>
                </div>
              ) : null}
            </Card>

            <Card>
              <div className="mb-4 flex flex-wrap items-center gap-3">
                <h2 className="flex-1 text-lg font-semibold">{t("contacts.title", { count: contacts.length })}</h2>
                {canWrite ? (
                  <Link href={`${base}/contacts/new`} className={`${buttonStyles.secondary} ${buttonStyles.small}`}>
                    {t("contacts.add")}
                  </Link>
                ) : null}
              </div>
              {contacts.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">{t("contacts.none")}</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="contact-list">
                  {contacts.map((contact) => (
                    <li key={contact.id} className="flex flex-col gap-1 py-3">
                      <div className="min-w-0 flex-1">
                        <Link href={`${base}/contacts/${contact.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                          {contact.name}
                        </Link>
                        {contact.title ? <span className="text-sm text-slate-600 dark:text-slate-400"> · {contact.title}</span> : null}
                      </div>
                      <div className="flex flex-wrap gap-x-4 text-sm text-slate-600 dark:text-slate-400">
                        {contact.email ? <a href={`mailto:${contact.email}`} className="wrap-anywhere hover:underline">{contact.email}</a> : null}
                        {contact.phone || contact.mobile ? <span>{formatCrmPhone(contact.mobile ?? contact.phone)}</span> : null}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>

            <Card>
              <h2 className="mb-4 text-lg font-semibold">{t("customers.opportunities")}</h2>
              {opportunities.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">{t("customers.noOpportunities")}</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="customer-opportunities">
                  {opportunities.map((opportunity) => (
                    <li key={opportunity.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-3">
                      <Link href={`/${tenant}/opportunities/${opportunity.id}`} className="min-w-0 basis-full font-medium text-brand-700 hover:underline dark:text-brand-300">
                        {opportunity.title}
                      </Link>
                      <span className="text-sm text-slate-600 dark:text-slate-400">{opportunity.stage.name}</span>
                      <span className="text-sm font-medium tabular-nums">
                        {format.number(Number(opportunity.amount.toString()), { style: "currency", currency: opportunity.currency })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>

            <Card>
              <h2 className="mb-4 text-lg font-semibold">{t("recordHistory.title")}</h2>
              <RecordHistory entries={history} memberNames={names} />
            </Card>
          </>
        }
        timeline={
          <Card>
            <RecordTimeline
              ctx={member}
              slug={member.tenant.slug}
              record={{ kind: "customer", id: customer.id }}
              basePath={base}
              cursor={typeof query.timeline === "string" ? query.timeline : null}
            />
          </Card>
        }
      />
    </div>
  );
}
