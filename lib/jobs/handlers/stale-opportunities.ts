import "server-only";
import { translatorFor } from "@/lib/i18n/translator";
import { recordChange } from "@/lib/dal/crm/record-history";
import type { JobHandler } from "./types";

export const STALE_TASK_SOURCE = "stale-opportunity";

/**
 * "No activity for N days": for every open opportunity of the workspace whose last activity is
 * older than the workspace's setting, one task for its owner. Not again while that task is open,
 * nor within N days of the last one (completing the reminder without logging anything starts a new
 * N-day wait rather than a daily nag). A per-workspace advisory lock keeps two runs from both
 * creating the task.
 */
export const runStaleOpportunities: JobHandler = async (job, tx, now) => {
  const tenantId = job.tenantId;
  if (!tenantId) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`stale-opportunities:${tenantId}`}))`;
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { staleOpportunityDays: true } });
  const days = tenant?.staleOpportunityDays ?? 0;
  if (days <= 0) return;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const stale = await tx.opportunity.findMany({
    where: {
      tenantId,
      deletedAt: null,
      closedAt: null,
      stage: { kind: "OPEN" },
      lastActivityAt: { lt: cutoff },
      owner: { status: "ACTIVE" },
      tasks: {
        none: {
          source: STALE_TASK_SOURCE,
          deletedAt: null,
          OR: [{ completedAt: null }, { createdAt: { gte: cutoff } }],
        },
      },
    },
    select: { id: true, title: true, customerId: true, ownerId: true, owner: { select: { locale: true } } },
    take: 1000,
  });
  for (const opportunity of stale) {
    const { t } = translatorFor(opportunity.owner.locale);
    // Area keys (messages/<locale>/tasks.json) are merged at runtime; the translator's type knows the base file only.
    const translate = t as unknown as (key: string, values: Record<string, string | number>) => string;
    const task = await tx.task.create({
      data: {
        tenantId,
        title: translate("tasks.staleTitle", { days, title: opportunity.title }).slice(0, 200),
        dueAt: now,
        assigneeId: opportunity.ownerId,
        customerId: opportunity.customerId,
        opportunityId: opportunity.id,
        source: STALE_TASK_SOURCE,
      },
      select: { id: true, title: true, dueAt: true, assigneeId: true },
    });
    // The system client's transaction has the same recordChange delegate as a tenant-scoped one;
    // tenantId is written explicitly.
    await recordChange(tx as unknown as Parameters<typeof recordChange>[0], tenantId, {
      entityType: "task",
      entityId: task.id,
      action: "created",
      actorId: null,
      changes: {
        title: { from: null, to: task.title },
        dueAt: { from: null, to: task.dueAt.toISOString() },
        assigneeId: { from: null, to: task.assigneeId },
        source: { from: null, to: STALE_TASK_SOURCE },
      },
    });
  }
};
