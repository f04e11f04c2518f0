import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { recordScope } from "@/lib/dal/crm/visibility";
import { Card, PageHeader } from "@/components/ui/card";
import { RecordForm } from "@/components/customers/record-form";
import { customerFields, customerInitialValues } from "@/components/customers/field-definitions";
import { saveCustomerAction } from "../actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customers"))("newTitle") };
}

export default async function NewCustomerPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/new`);
  if (!can(member.role, "records.write")) forbidden();
  const [t, owners, scope, settings, locale] = await Promise.all([getTranslations(), listRecordOwners(member, readerLocale(await getLocale())), recordScope(member), getCrmSettings(member), getLocale()]);
  // A Sales rep who sees only their own records can only own what they create.
  const choices = scope.ownOnly ? owners.filter((owner) => owner.id === member.user.id) : owners;
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("customers.newTitle")} />
      <Card>
        <RecordForm
          basePath={`/${tenant}`}
          action={saveCustomerAction.bind(null, tenant)}
          fields={customerFields(t, choices, phoneCountryOptions(locale))}
          initial={customerInitialValues(null, member.user.id, settings.defaultCountry)}
          hidden={{}}
          version="new"
          submitLabel={t("customers.create")}
          cancelHref={`/${tenant}/customers`}
        />
      </Card>
    </div>
  );
}
