import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { listStages } from "@/lib/dal/pipeline/list-stages";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { pickableContacts, pickableCustomer } from "@/lib/dal/opportunities/pickers";
import { PageHeader } from "@/components/ui/card";
import { OpportunityForm } from "@/components/crm/opportunities/opportunity-form";
import { createOpportunityAction } from "@/lib/actions/opportunity-actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("opportunities"))("newTitle") };
}

export default async function NewOpportunityPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/opportunities/new`);
  if (!can(member.role, "records.write")) forbidden();
  const query = await searchParams;
  const customerId = typeof query.customer === "string" && /^[a-z0-9]{1,40}$/i.test(query.customer) ? query.customer : null;
  const [t, stages, owners, settings, customer] = await Promise.all([
    getTranslations("opportunities"),
    listStages(member),
    listRecordOwners(member, readerLocale(await getLocale())),
    getCrmSettings(member),
    customerId ? pickableCustomer(member, customerId) : null,
  ]);
  const contacts = customer ? await pickableContacts(member, customer.id) : [];
  const base = `/${encodeURIComponent(member.tenant.slug)}`;
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <OpportunityForm
        slug={member.tenant.slug}
        action={createOpportunityAction.bind(null, member.tenant.slug)}
        stages={stages}
        owners={owners}
        initialContacts={contacts}
        cancelHref={customer ? `${base}/customers/${customer.id}` : `${base}/opportunities`}
        initial={{
          title: "",
          customer,
          contactId: "",
          amount: "",
          currency: settings.defaultCurrency,
          stageId: stages.find((stage) => stage.kind === "OPEN")?.id ?? stages[0]?.id ?? "",
          probability: "",
          expectedCloseDate: "",
          ownerId: member.user.id,
          lostReason: "",
        }}
      />
    </div>
  );
}
