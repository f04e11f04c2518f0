import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getContact } from "@/lib/dal/customers/get-customer";
import { Card, PageHeader } from "@/components/ui/card";
import { RecordForm } from "@/components/customers/record-form";
import { contactFields, contactInitialValues } from "@/components/customers/field-definitions";
import { saveContactAction } from "../../../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts"))("editTitle") };
}

export default async function EditContactPage({ params }: { params: Promise<{ tenant: string; id: string; contactId: string }> }) {
  const { tenant, id, contactId } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}/contacts/${encodeURIComponent(contactId)}/edit`);
  const contact = await getContact(member, contactId);
  if (!contact || contact.customerId !== id) notFound();
  if (!can(member.role, "records.write")) forbidden();
  const [t, settings, locale] = await Promise.all([getTranslations(), getCrmSettings(member), getLocale()]);
  const base = `/${tenant}/customers/${id}/contacts/${contact.id}`;
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("contacts.editTitle")} lead={`${contact.name} · ${contact.customer.name}`} />
      <Card>
        <RecordForm
          basePath={`/${tenant}`}
          action={saveContactAction.bind(null, tenant)}
          fields={contactFields(t, phoneCountryOptions(locale))}
          initial={contactInitialValues(contact, settings.defaultCountry)}
          hidden={{ id: contact.id, version: String(contact.version), customerId: contact.customerId }}
          version={String(contact.version)}
          submitLabel={t("common.save")}
          cancelHref={base}
        />
      </Card>
    </div>
  );
}
