import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getOpportunity } from "@/lib/dal/opportunities/get-opportunity";
import { listStages } from "@/lib/dal/pipeline/list-stages";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { pickableContacts } from "@/lib/dal/opportunities/pickers";
import { PageHeader } from "@/components/ui/card";
import { OpportunityForm } from "@/components/crm/opportunities/opportunity-form";
import { updateOpportunityAction } from "@/lib/actions/opportunity-actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("opportunities"))("editTitle") };
}

export default async function EditOpportunityPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const member = await requireMember(tenant, `/${tenant}/opportunities/${encodeURIComponent(id)}/edit`);
  if (!can(member.role, "records.write")) forbidden();
  const opportunity = await getOpportunity(member, id);
  if (!opportunity) notFound();
  const [t, stages, owners, contacts] = await Promise.all([
    getTranslations("opportunities"),
    listStages(member),
    listRecordOwners(member, readerLocale(await getLocale())),
    pickableContacts(member, opportunity.customerId),
  ]);
  // An archived current stage stays selectable for this record.
  const stageOptions = stages.some((stage) => stage.id === opportunity.stageId)
    ? stages
    : [...stages, { id: opportunity.stage.id, name: opportunity.stage.name, probability: opportunity.stage.probability, position: 0, kind: opportunity.stage.kind }];
  const ownerOptions = owners.some((owner) => owner.id === opportunity.ownerId) ? owners : [...owners, opportunity.owner];
  const detail = `/${encodeURIComponent(member.tenant.slug)}/opportunities/${opportunity.id}`;
  return (
    <div>
      <PageHeader title={t("editTitle")} />
      <OpportunityForm
        slug={member.tenant.slug}
        action={updateOpportunityAction.bind(null, member.tenant.slug)}
        stages={stageOptions}
        owners={ownerOptions}
        initialContacts={contacts}
        cancelHref={detail}
        initial={{
          id: opportunity.id,
          version: opportunity.version,
          title: opportunity.title,
          customer: opportunity.customer,
          contactId: opportunity.contactId ?? "",
          amount: opportunity.amount.replace(/\.?0+$/, (match) => (match.startsWith(".") ? "" : match)),
          currency: opportunity.currency,
          stageId: opportunity.stageId,
          probability: String(opportunity.probability),
          expectedCloseDate: opportunity.expectedCloseDate ? opportunity.expectedCloseDate.toISOString().slice(0, 10) : "",
          ownerId: opportunity.ownerId,
          lostReason: opportunity.lostReason ?? "",
        }}
      />
    </div>
  );
}
