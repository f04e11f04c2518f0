import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can, mayMergeCustomers } from "@/lib/auth/permissions";
import { getCustomer } from "@/lib/dal/customers/get-customer";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { recordScope } from "@/lib/dal/crm/visibility";
import { Card, PageHeader } from "@/components/ui/card";
import { RecordForm } from "@/components/customers/record-form";
import { customerFields, customerInitialValues } from "@/components/customers/field-definitions";
import { saveCustomerAction } from "../../actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customers"))("editTitle") };
}

export default async function EditCustomerPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}/edit`);
  const customer = await getCustomer(member, id);
  if (!customer) notFound();
  if (!can(member.role, "records.write")) forbidden();
  const [t, owners, scope, settings, locale] = await Promise.all([getTranslations(), listRecordOwners(member, readerLocale(await getLocale())), recordScope(member), getCrmSettings(member), getLocale()]);
  const choices = scope.ownOnly ? owners.filter((owner) => owner.id === member.user.id) : owners;
  // The current owner stays choosable even if they have left (their name still shows).
  if (!choices.some((owner) => owner.id === customer.ownerId)) choices.unshift({ id: customer.owner.id, name: customer.owner.name });
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("customers.editTitle")} lead={customer.name} />
      <Card>
        <RecordForm
          basePath={`/${tenant}`}
          mergeFrom={mayMergeCustomers(member.role, member.user.id, [customer.ownerId]) ? customer.id : undefined}
          action={saveCustomerAction.bind(null, tenant)}
          fields={customerFields(t, choices, phoneCountryOptions(locale))}
          initial={customerInitialValues(customer, member.user.id, settings.defaultCountry)}
          hidden={{ id: customer.id, version: String(customer.version) }}
          version={String(customer.version)}
          submitLabel={t("common.save")}
          cancelHref={`/${tenant}/customers/${customer.id}`}
        />
      </Card>
    </div>
  );
}
