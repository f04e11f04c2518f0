import "server-only";
import { authorize, type MemberContext } from "../context";
import { opportunityWhere, recordScope } from "../crm/visibility";

export type OpportunityDetail = NonNullable<Awaited<ReturnType<typeof getOpportunity>>>;

/** One opportunity with its customer, contact, stage and owner; null when missing, deleted or not visible. */
export async function getOpportunity(ctx: MemberContext, id: string) {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const row = await db.opportunity.findFirst({
    where: { id, deletedAt: null, customer: { deletedAt: null }, ...opportunityWhere(scope) },
    include: {
      customer: { select: { id: true, name: true } },
      contact: { select: { id: true, name: true, deletedAt: true } },
      stage: { select: { id: true, name: true, kind: true, probability: true, archivedAt: true } },
      owner: { select: { id: true, name: true } },
    },
  });
  if (!row) return null;
  return { ...row, amount: row.amount.toString(), contact: row.contact && !row.contact.deletedAt ? row.contact : null };
}

/** The opportunity's stage changes, oldest first (who, when, from, to). */
export async function listStageChanges(ctx: MemberContext, opportunityId: string) {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const visible = await db.opportunity.findFirst({ where: { id: opportunityId, deletedAt: null, ...opportunityWhere(scope) }, select: { id: true } });
  if (!visible) return null;
  return db.opportunityStageChange.findMany({
    where: { opportunityId },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      changedAt: true,
      fromStage: { select: { id: true, name: true } },
      toStage: { select: { id: true, name: true, kind: true } },
      changedBy: { select: { id: true, name: true } },
    },
  });
}
