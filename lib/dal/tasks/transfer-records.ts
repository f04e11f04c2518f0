import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";
import { syncTaskDueJob } from "./task-access";
import { Prisma } from "@/lib/generated/prisma/client";

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

  // Set-based: one UPDATE per table, whatever the member owns (a departing rep may own 100,000
  // customers; ids listed in a WHERE … IN would outgrow PostgreSQL's bind-parameter limit). The
  // board and report rollups follow in statement-level triggers, once per table, not per record.
  // The limit is minutes, not the default 15 s: a large book of business is still one transaction.
  const counts = await db.$transaction(async (tx) => {
    const [customers, opportunities, tasks] = await Promise.all([
      tx.customer.updateManyAndReturn({ where: { ownerId: from.id, deletedAt: null }, data: { ownerId: to.id, version: { increment: 1 } }, select: { id: true } }),
      tx.opportunity.updateManyAndReturn({ where: { ownerId: from.id, deletedAt: null }, data: { ownerId: to.id, version: { increment: 1 } }, select: { id: true } }),
      tx.task.updateManyAndReturn({
        where: { assigneeId: from.id, completedAt: null, deletedAt: null },
        data: { assigneeId: to.id },
        select: { id: true, dueAt: true, completedAt: true, deletedAt: true, notifiedAt: true },
      }),
    ]);
    // One "transferred" history row per record, written by one INSERT … SELECT over arrays (one
    // bind parameter each, whatever the count; Prisma's createMany would send 100,000 rows in
    // chunks of bound values, most of a large transfer's time). Ids are random UUIDs: history
    // rows are only ever read by record and time.
    const moved = [
      ...customers.map(({ id }) => [id, "customer", "ownerId"]),
      ...opportunities.map(({ id }) => [id, "opportunity", "ownerId"]),
      ...tasks.map(({ id }) => [id, "task", "assigneeId"]),
    ];
    if (moved.length > 0) {
      await tx.$tenantExecute(
        (tenant) => Prisma.sql`
        INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
        SELECT gen_random_uuid()::text, ${tenant}, m.type, m.id, 'transferred', ${ctx.user.id},
               jsonb_build_object(m.field, jsonb_build_object('from', ${from.id}::text, 'to', ${to.id}::text))
        FROM unnest(${moved.map((row) => row[0])}::text[], ${moved.map((row) => row[1])}::text[], ${moved.map((row) => row[2])}::text[]) AS m(id, type, field)`,
      );
    }
    // The reminders now go to the new assignee: the job reads the assignee when it runs, and a
    // pending job is left as it is; re-syncing makes sure each open task has one.
    for (const task of tasks) if (!task.notifiedAt) await syncTaskDueJob(tx, tenantId, task);
    return { customers: customers.length, opportunities: opportunities.length, tasks: tasks.length };
  }, { timeout: 300_000 });

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
