import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getContact } from "@/lib/dal/customers/get-customer";
import { listRecordChanges } from "@/lib/dal/crm/list-record-changes";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import { storedListLabel } from "@/components/customers/field-definitions";
import { Card, Notice } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RowActionForm } from "@/components/members/row-action-form";
import { RecordHistory } from "@/components/crm/record-history";
import { RecordTimeline } from "@/app/[tenant]/(app)/_components/record-timeline";
import { RecordColumns } from "@/components/crm/record-columns";
import { DetailList } from "@/components/customers/detail-list";
import { deleteContactAction } from "../../../actions";

type Params = { tenant: string; id: string; contactId: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { tenant, contactId } = await params;
  const member = await requireMember(tenant);
  const contact = await getContact(member, contactId);
  return { title: contact?.name ?? (await getTranslations("contacts"))("heading") };
}

export default async function ContactPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, id, contactId } = await params;
  const query = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}/contacts/${encodeURIComponent(contactId)}`);
  const contact = await getContact(member, contactId);
  if (!contact || contact.customerId !== id) notFound();
  const [t, format, history] = await Promise.all([getTranslations(), getFormatter(), listRecordChanges(member, "contact", contact.id)]);
  const canWrite = can(member.role, "records.write");
  const customerHref = `/${tenant}/customers/${contact.customerId}`;
  const phoneLink = (value: string | null) =>
    value ? (
      <a href={`tel:${value}`} className="text-brand-700 hover:underline dark:text-brand-300">
        {formatCrmPhone(value)}
      </a>
    ) : null;
  return (
    <div className="space-y-6">
      <nav aria-label={t("customers.breadcrumb")} className="text-sm">
        <Link href={customerHref} className="text-brand-700 hover:underline dark:text-brand-300">
          ← {contact.customer.name}
        </Link>
      </nav>
      {query.saved ? <Notice tone="success">{t("contacts.savedNotice")}</Notice> : null}
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold tracking-tight wrap-anywhere text-slate-900 dark:text-white" data-testid="contact-name">
            {contact.name}
          </h1>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            {[contact.title, contact.customer.name].filter(Boolean).join(" · ")}
          </p>
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`${customerHref}/contacts/${contact.id}/edit`} className={buttonStyles.secondary}>
              {t("contacts.edit")}
            </Link>
            <RowActionForm action={deleteContactAction.bind(null, tenant)} hidden={{ id: contact.id }} confirmMessage={t("contacts.confirmDelete", { name: contact.name })}>
              <button type="submit" className={buttonStyles.danger}>
                {t("contacts.delete")}
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
              <DetailList
                items={[
                  { label: t("crmFields.email"), value: contact.email ? <a href={`mailto:${contact.email}`} className="text-brand-700 hover:underline dark:text-brand-300">{contact.email}</a> : null },
                  { label: t("crmFields.preferredChannel"), value: contact.preferredChannel ? storedListLabel(t, "channel", contact.preferredChannel) : null },
                  { label: t("crmFields.phone"), value: phoneLink(contact.phone) },
                  { label: t("crmFields.mobile"), value: phoneLink(contact.mobile) },
                  { label: t("customers.createdAt"), value: format.dateTime(contact.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
                ]}
              />
              {contact.notes ? (
                <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                  <h2 className="text-sm text-slate-600 dark:text-slate-400">{t("crmFields.notes")}</h2>
                  <p className="mt-1 whitespace-pre-wrap text-sm wrap-anywhere">{contact.notes}</p>
                </div>
              ) : null}
            </Card>

            <Card>
              <h2 className="mb-4 text-lg font-semibold">{t("recordHistory.title")}</h2>
              <RecordHistory entries={history} fieldLabels={{ title: t("crmFields.jobTitle"), name: t("crmFields.contactName") }} />
            </Card>
          </>
        }
        timeline={
          <Card>
            <RecordTimeline
              ctx={member}
              slug={member.tenant.slug}
              record={{ kind: "contact", id: contact.id }}
              basePath={`${customerHref}/contacts/${contact.id}`}
              cursor={typeof query.timeline === "string" ? query.timeline : null}
            />
          </Card>
        }
      />
    </div>
  );
}
