import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TenantDb } from "@/lib/db/tenant-db";
import { rescheduleJob, cancelJob, type ScheduleDb } from "@/lib/jobs/schedule";
import { taskDueKey } from "@/lib/jobs/job-keys";
import { contactWhere, customerWhere, opportunityWhere, taskWhere, type RecordScope } from "../crm/visibility";

export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export type TaskLink = { customerId: string | null; contactId: string | null; opportunityId: string | null };
export const NO_LINK: TaskLink = { customerId: null, contactId: null, opportunityId: null };

/**
 * The record a "customer:<id>" / "contact:<id>" / "opportunity:<id>" link names, if the member may
 * see it and it is not in the trash. A contact or opportunity also links its customer, so the task
 * shows on the customer's page and follows the customer's visibility. Null: not found (to the
 * member, a record they can't see does not exist).
 */
export async function resolveTaskLink(db: Pick<TenantDb, "customer" | "contact" | "opportunity">, scope: RecordScope, link: string): Promise<TaskLink | null> {
  if (!link) return NO_LINK;
  const [kind, id] = link.split(":");
  if (!id) return null;
  if (kind === "customer") {
    const customer = await db.customer.findFirst({ where: { AND: [{ id, deletedAt: null }, customerWhere(scope)] }, select: { id: true } });
    return customer ? { ...NO_LINK, customerId: customer.id } : null;
  }
  if (kind === "contact") {
    const contact = await db.contact.findFirst({ where: { AND: [{ id, deletedAt: null }, contactWhere(scope)] }, select: { id: true, customerId: true } });
    return contact ? { ...NO_LINK, contactId: contact.id, customerId: contact.customerId } : null;
  }
  if (kind === "opportunity") {
    const opportunity = await db.opportunity.findFirst({
      where: { AND: [{ id, deletedAt: null }, opportunityWhere(scope)] },
      select: { id: true, customerId: true },
    });
    return opportunity ? { ...NO_LINK, opportunityId: opportunity.id, customerId: opportunity.customerId } : null;
  }
  return null;
}

/** The "customer:<id>"-style value naming a task's most specific linked record. */
export function linkValue(task: TaskLink): string {
  if (task.opportunityId) return `opportunity:${task.opportunityId}`;
  if (task.contactId) return `contact:${task.contactId}`;
  if (task.customerId) return `customer:${task.customerId}`;
  return "";
}

/** Tasks the member may see: not deleted, and within their record scope. */
export function visibleTaskWhere(scope: RecordScope, extra: Prisma.TaskWhereInput = {}): Prisma.TaskWhereInput {
  return { AND: [{ deletedAt: null }, taskWhere(scope), extra] };
}

/** Whether the member may be assigned tasks: an active member of this workspace. */
export async function isAssignable(db: Pick<TenantDb, "user">, userId: string): Promise<boolean> {
  const user = await db.user.findFirst({ where: { id: userId, status: "ACTIVE" }, select: { id: true } });
  return Boolean(user);
}

/**
 * Keeps the task's due-time reminder in step with the task, in the same transaction as the change:
 * an open task gets a job at its due time (moved when the time moves), a completed or deleted one
 * none. A due time already past queues nothing: the task is overdue and the digest says so.
 */
export async function syncTaskDueJob(
  tx: ScheduleDb,
  tenantId: string,
  task: { id: string; dueAt: Date; completedAt: Date | null; deletedAt: Date | null },
  now = new Date(),
): Promise<void> {
  const key = taskDueKey(tenantId, task.id);
  if (task.completedAt || task.deletedAt || task.dueAt.getTime() < now.getTime() - 60_000) {
    await cancelJob(key, tx);
    return;
  }
  await rescheduleJob({ kind: "task-due", dedupeKey: key, runAt: task.dueAt, tenantId, payload: { taskId: task.id } }, tx);
}
