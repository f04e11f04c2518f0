import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";
import { syncTaskDueJob } from "./task-access";

export type TransferCounts = { customers: number; opportunities: number; tasks: number };

export type TransferResult =
  | { ok: true; counts: TransferCounts; toName: string }
  | { ok: false; field?: "toUserId"; reason: "notFound" | "transferToInvalid" | "transferSameMember" };

/**
 * Hands every customer and opportunity a member owns, and their open tasks, to another active
 * member (e.g. when someone leaves). One transaction: either everything moves or nothing does.
 * Each moved record gets a "transferred" history row; the workspace's audit log gets one event
 * with the counts. Completed tasks stay with who did them.
 */
export async function transferRecords(ctx: MemberContext, fromUserId: string, toUserId: string, meta: RequestMeta): Promise<TransferResult> {
  const db = authorize(ctx, "records.transfer");
  const tenantId = ctx.tenant.id;
  if (fromUserId === toUserId) return { ok: false, field: "toUserId", reason: "transferSameMember" };
  const [from, to] = await Promise.all([
    db.user.findFirst({ where: { id: fromUserId }, select: { id: true, name: true } }),
    db.user.findFirst({ where: { id: toUserId, status: "ACTIVE" }, select: { id: true, name: true } }),
  ]);
  if (!from) return { ok: false, reason: "notFound" };
  if (!to) return { ok: false, field: "toUserId", reason: "transferToInvalid" };

  const counts = await db.$transaction(async (tx) => {
    const [customers, opportunities, tasks] = await Promise.all([
      tx.customer.findMany({ where: { ownerId: from.id, deletedAt: null }, select: { id: true } }),
      tx.opportunity.findMany({ where: { ownerId: from.id, deletedAt: null }, select: { id: true } }),
      tx.task.findMany({ where: { assigneeId: from.id, completedAt: null, deletedAt: null }, select: { id: true } }),
    ]);
    const moved = (ids: { id: string }[], field: string) =>
      ids.map(({ id }) => ({ tenantId, entityId: id, action: "transferred", actorId: ctx.user.id, changes: { [field]: { from: from.id, to: to.id } } }));
    await tx.customer.updateMany({ where: { id: { in: customers.map((c) => c.id) } }, data: { ownerId: to.id, version: { increment: 1 } } });
    await tx.opportunity.updateMany({ where: { id: { in: opportunities.map((o) => o.id) } }, data: { ownerId: to.id, version: { increment: 1 } } });
    await tx.task.updateMany({ where: { id: { in: tasks.map((t) => t.id) } }, data: { assigneeId: to.id } });
    await tx.recordChange.createMany({
      data: [
        ...moved(customers, "ownerId").map((row) => ({ ...row, entityType: "customer" })),
        ...moved(opportunities, "ownerId").map((row) => ({ ...row, entityType: "opportunity" })),
        ...moved(tasks, "assigneeId").map((row) => ({ ...row, entityType: "task" })),
      ],
    });
    // The reminders now go to the new assignee: the job reads the assignee when it runs, and a
    // pending job is left as it is; re-syncing makes sure each open task has one.
    const openTasks = await tx.task.findMany({ where: { id: { in: tasks.map((t) => t.id) } }, select: { id: true, dueAt: true, completedAt: true, deletedAt: true, notifiedAt: true } });
    for (const task of openTasks) if (!task.notifiedAt) await syncTaskDueJob(tx, tenantId, task);
    return { customers: customers.length, opportunities: opportunities.length, tasks: tasks.length };
  });

  await recordAuditEvent({
    tenantId,
    type: "records.transferred",
    actorUserId: ctx.user.id,
    targetUserId: from.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { toUserId: to.id, toName: to.name, ...counts },
  });
  return { ok: true, counts, toName: to.name };
}

/** What a transfer would move, for the confirmation page: the member and their record counts. Owners only. */
export async function transferPreview(ctx: MemberContext, fromUserId: string) {
  const db = authorize(ctx, "records.transfer");
  if (!fromUserId || fromUserId.length > 40) return null;
  const from = await db.user.findFirst({ where: { id: fromUserId }, select: { id: true, name: true, email: true, status: true } });
  if (!from) return null;
  const [customers, opportunities, tasks, candidates] = await Promise.all([
    db.customer.count({ where: { ownerId: from.id, deletedAt: null } }),
    db.opportunity.count({ where: { ownerId: from.id, deletedAt: null } }),
    db.task.count({ where: { assigneeId: from.id, completedAt: null, deletedAt: null } }),
    db.user.findMany({ where: { status: "ACTIVE", id: { not: from.id } }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, email: true } }),
  ]);
  return { from, counts: { customers, opportunities, tasks }, candidates };
}
