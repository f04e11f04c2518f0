import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getCustomer } from "@/lib/dal/customers/get-customer";
import { Card, PageHeader } from "@/components/ui/card";
import { RecordForm } from "@/components/customers/record-form";
import { contactFields, contactInitialValues } from "@/components/customers/field-definitions";
import { saveContactAction } from "../../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts"))("newTitle") };
}

export default async function NewContactPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}/contacts/new`);
  const customer = await getCustomer(member, id);
  if (!customer) notFound();
  if (!can(member.role, "records.write")) forbidden();
  const [t, settings, locale] = await Promise.all([getTranslations(), getCrmSettings(member), getLocale()]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("contacts.newTitle")} lead={customer.name} />
      <Card>
        <RecordForm
          basePath={`/${tenant}`}
          action={saveContactAction.bind(null, tenant)}
          fields={contactFields(t, phoneCountryOptions(locale))}
          initial={contactInitialValues(null, settings.defaultCountry)}
          hidden={{ customerId: customer.id }}
          version="new"
          submitLabel={t("contacts.create")}
          cancelHref={`/${tenant}/customers/${customer.id}`}
        />
      </Card>
    </div>
  );
}
