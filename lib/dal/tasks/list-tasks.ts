import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { customerWhere, opportunityWhere, recordScope } from "../crm/visibility";
import { groupBounds, groupTasks } from "./task-groups";
import { visibleTaskWhere } from "./task-access";
import { sortByName } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

export const taskListSelect = {
  id: true,
  title: true,
  notes: true,
  dueAt: true,
  completedAt: true,
  updatedAt: true,
  source: true,
  assigneeId: true,
  customerId: true,
  contactId: true,
  opportunityId: true,
  assignee: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, deletedAt: true } },
  contact: { select: { id: true, name: true, deletedAt: true } },
  opportunity: { select: { id: true, title: true, deletedAt: true } },
} satisfies Prisma.TaskSelect;

export type TaskListItem = Prisma.TaskGetPayload<{ select: typeof taskListSelect }>;

/**
 * "My tasks": the member's own open tasks grouped by their clock (overdue, today, the next 7 days,
 * later), and the ones they completed in the last week (so a mis-click can be undone).
 */
export async function listMyTasks(ctx: MemberContext, timeZone: string, now = new Date()) {
  const db = authorize(ctx, "records.read");
  const [open, completed] = await Promise.all([
    db.task.findMany({
      where: { assigneeId: ctx.user.id, completedAt: null, deletedAt: null },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 500,
      select: taskListSelect,
    }),
    db.task.findMany({
      where: { assigneeId: ctx.user.id, deletedAt: null, completedAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
      orderBy: [{ completedAt: "desc" }, { id: "asc" }],
      take: 20,
      select: taskListSelect,
    }),
  ]);
  return { ...groupTasks(open, groupBounds(now, timeZone)), completed };
}

/** The nav badge: the member's open tasks that are overdue or due before their midnight. */
export async function countMyOpenDueTasks(ctx: MemberContext, timeZone: string, now = new Date()): Promise<number> {
  const db = authorize(ctx, "records.read");
  return db.task.count({
    where: { assigneeId: ctx.user.id, completedAt: null, deletedAt: null, dueAt: { lt: groupBounds(now, timeZone).startOfTomorrow } },
  });
}

/** Tasks linked to one record (open first, then the latest completed), limited to what the member may see. */
export async function listRecordTasks(ctx: MemberContext, record: { customerId?: string; contactId?: string; opportunityId?: string }) {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const link: Prisma.TaskWhereInput = record.opportunityId
    ? { opportunityId: record.opportunityId }
    : record.contactId
      ? { contactId: record.contactId }
      : record.customerId
        ? { customerId: record.customerId }
        : { id: "" };
  const [open, completed] = await Promise.all([
    db.task.findMany({ where: visibleTaskWhere(scope, { ...link, completedAt: null }), orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 100, select: taskListSelect }),
    db.task.findMany({ where: visibleTaskWhere(scope, { ...link, completedAt: { not: null } }), orderBy: [{ completedAt: "desc" }, { id: "asc" }], take: 10, select: taskListSelect }),
  ]);
  return { open, completed };
}

/** One task the member may see, for its edit form. */
export async function getTask(ctx: MemberContext, taskId: string): Promise<TaskListItem | null> {
  if (!taskId || taskId.length > 40) return null;
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.task.findFirst({ where: visibleTaskWhere(scope, { id: taskId }), select: taskListSelect });
}

/** Who a task can be assigned to: the workspace's active members, by name in the reader's language. */
export async function listAssignees(ctx: MemberContext, reader: Locale = "en") {
  const db = authorize(ctx, "records.read");
  const members = await db.user.findMany({ where: { status: "ACTIVE" }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true }, take: 1000 });
  return sortByName(members, reader, (member) => member.name);
}

/**
 * Records a task can be linked to from "My tasks": the member's visible customers and open
 * opportunities, most recently changed first (contacts are linked from their own page).
 */
export async function listLinkOptions(ctx: MemberContext) {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const [customers, opportunities] = await Promise.all([
    db.customer.findMany({ where: { AND: [{ deletedAt: null }, customerWhere(scope)] }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 200, select: { id: true, name: true } }),
    db.opportunity.findMany({
      where: { AND: [{ deletedAt: null, closedAt: null }, opportunityWhere(scope)] },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 200,
      select: { id: true, title: true },
    }),
  ]);
  return {
    customers: customers.map((c) => ({ value: `customer:${c.id}`, label: c.name })),
    opportunities: opportunities.map((o) => ({ value: `opportunity:${o.id}`, label: o.title })),
  };
}
