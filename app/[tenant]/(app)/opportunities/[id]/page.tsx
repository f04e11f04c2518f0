import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getOpportunity, listStageChanges } from "@/lib/dal/opportunities/get-opportunity";
import { listRecordChanges, memberNames } from "@/lib/dal/crm/list-record-changes";
import { listStages } from "@/lib/dal/pipeline/list-stages";
import { formatMoney } from "@/lib/money";
import { Card, Notice } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RowActionForm } from "@/components/members/row-action-form";
import { RecordHistory } from "@/components/crm/record-history";
import { RecordTimeline } from "@/app/[tenant]/(app)/_components/record-timeline";
import { RecordColumns } from "@/components/crm/record-columns";
import { deleteOpportunityAction } from "@/lib/actions/opportunity-actions";

export async function generateMetadata({ params }: { params: Promise<{ tenant: string; id: string }> }): Promise<Metadata> {
  const { tenant, id } = await params;
  const member = await requireMember(tenant);
  const opportunity = await getOpportunity(member, id);
  return { title: opportunity?.title ?? (await getTranslations("opportunities"))("title") };
}

export default async function OpportunityPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant, id } = await params;
  const query = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/opportunities/${encodeURIComponent(id)}`);
  // Missing, deleted, another workspace's or outside the member's scope: all the same 404.
  const opportunity = await getOpportunity(member, id);
  if (!opportunity) notFound();
  const [t, tAll, format, locale, stageChanges, history, stages] = await Promise.all([
    getTranslations("opportunities"),
    getTranslations(),
    getFormatter(),
    getLocale(),
    listStageChanges(member, opportunity.id),
    listRecordChanges(member, "opportunity", opportunity.id),
    listStages(member),
  ]);
  const names = await memberNames(
    member,
    history.flatMap((entry) => [entry.changes.ownerId?.from, entry.changes.ownerId?.to].filter((value): value is string => typeof value === "string")),
  );
  const stageNames = Object.fromEntries([...stages, opportunity.stage].map((stage) => [stage.id, stage.name]));
  for (const change of stageChanges ?? []) {
    stageNames[change.toStage.id] = change.toStage.name;
    if (change.fromStage) stageNames[change.fromStage.id] = change.fromStage.name;
  }
  const canWrite = can(member.role, "records.write");
  const slug = member.tenant.slug;
  const tenantPath = `/${encodeURIComponent(slug)}`;
  const base = `${tenantPath}/opportunities/${opportunity.id}`;
  const dateOnly = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeZone: "UTC" }) : "—");
  const rows: [string, React.ReactNode][] = [
    [t("fields.customer"), <Link key="c" href={`${tenantPath}/customers/${opportunity.customer.id}`} className="text-brand-700 underline dark:text-brand-300">{opportunity.customer.name}</Link>],
    [t("fields.contact"), opportunity.contact ? opportunity.contact.name : "—"],
    [t("fields.amount"), formatMoney(opportunity.amount, opportunity.currency, locale)],
    [t("fields.stage"), opportunity.stage.name],
    [t("fields.probability"), `${opportunity.probability}%`],
    [t("fields.expectedCloseDate"), dateOnly(opportunity.expectedCloseDate)],
    [t("fields.owner"), opportunity.owner.name],
    [t("closedAt"), opportunity.closedAt ? format.dateTime(opportunity.closedAt, { dateStyle: "medium", timeStyle: "short" }) : "—"],
    [t("lastActivity"), format.dateTime(opportunity.lastActivityAt, { dateStyle: "medium", timeStyle: "short" })],
  ];
  if (opportunity.stage.kind === "LOST") rows.push([t("fields.lostReason"), opportunity.lostReason ?? "—"]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <Link href={`${tenantPath}/opportunities`} className="underline">
              {t("title")}
            </Link>
          </p>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{opportunity.title}</h1>
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`${base}/edit`} className={buttonStyles.secondary}>
              {t("edit")}
            </Link>
            <RowActionForm action={deleteOpportunityAction.bind(null, slug)} hidden={{ id: opportunity.id }} confirmMessage={t("deleteConfirm", { title: opportunity.title })}>
              <button type="submit" className={buttonStyles.danger}>
                {t("delete")}
              </button>
            </RowActionForm>
          </div>
        ) : null}
      </div>
      {query.saved ? <Notice tone="success">{t("saved")}</Notice> : null}

      <RecordColumns
        labels={{ sections: tAll("activities.recordSections"), details: t("details"), timeline: tAll("activities.jumpToTimeline") }}
        details={
          <>
            <Card>
              <h2 className="mb-4 text-lg font-semibold text-slate-900 dark:text-white">{t("details")}</h2>
              <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
                {rows.map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
                    <dd className="font-medium text-slate-900 dark:text-slate-100">{value}</dd>
                  </div>
                ))}
              </dl>
            </Card>
            <Card>
              <h2 className="mb-4 text-lg font-semibold text-slate-900 dark:text-white">{t("stageHistory")}</h2>
              <ol className="space-y-2 text-sm" data-testid="stage-history">
                {(stageChanges ?? []).map((change) => (
                  <li key={change.id} className="border-l-2 border-brand-500 pl-3">
                    <p className="font-medium text-slate-900 dark:text-slate-100">
                      {change.fromStage ? t("stageHistoryEntry", { from: change.fromStage.name, to: change.toStage.name }) : t("stageHistoryFirst", { to: change.toStage.name })}
                    </p>
                    <p className="text-slate-600 dark:text-slate-400">
                      {t("byWhen", { name: change.changedBy?.name ?? tAll("activities.someone"), when: format.dateTime(change.changedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                    </p>
                  </li>
                ))}
              </ol>
            </Card>
            <Card>
              <h2 className="mb-4 text-lg font-semibold text-slate-900 dark:text-white">{t("recordHistory")}</h2>
              <RecordHistory
                entries={history}
                memberNames={names}
                valueNames={{ stageId: stageNames, customerId: { [opportunity.customer.id]: opportunity.customer.name } }}
                currency={opportunity.currency}
              />
            </Card>
          </>
        }
        timeline={
          <Card>
            <RecordTimeline ctx={member} slug={slug} record={{ kind: "opportunity", id: opportunity.id }} basePath={base} cursor={typeof query.timeline === "string" ? query.timeline : null} />
          </Card>
        }
      />
    </div>
  );
}
