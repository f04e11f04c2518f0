import "server-only";
import { authorize, type MemberContext } from "../context";
import { recordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";
import { parseLocalDateAndTime } from "@/lib/time/zoned-time";
import { isAssignable, resolveTaskLink, syncTaskDueJob, visibleTaskWhere } from "./task-access";

// Creating and changing tasks. Every change is checked against the member's record scope (a task
// they can't see is "not found"), writes its field history and keeps the due-time reminder job in
// step, all in one transaction.

export type TaskInput = {
  title: string;
  notes: string | null;
  dueDate: string;
  dueTime: string;
  assigneeId: string;
  link: string;
};

export type TaskResult =
  | { ok: true; taskId: string }
  | { ok: false; reason: "taskNotFound" | "taskChangedElsewhere" }
  | { ok: false; field: "dueDate" | "assigneeId" | "link"; reason: "taskDueInvalid" | "taskDueInPast" | "taskAssigneeInvalid" | "taskLinkInvalid" };

/**
 * How far in the past a new due time may be and still count as "now": the form has minute
 * precision and the member spends a moment filling it in, so "due this minute" typed at 10:04:50
 * and saved at 10:05:20 is a reminder for now, not one in the past.
 */
export const PAST_DUE_GRACE_MS = 5 * 60_000;

/** A due time a new or moved reminder may not have: earlier than now, less the grace above. */
export function isPastDue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() < now.getTime() - PAST_DUE_GRACE_MS;
}

/** `now` is the clock the past-due rule reads (the request's time; tests set their own). */
export type TaskClock = { now?: Date };

const HISTORY_FIELDS = ["title", "notes", "dueAt", "assigneeId", "customerId", "contactId", "opportunityId"] as const;

async function validated(ctx: MemberContext, input: TaskInput, timeZone: string, pastDueAllowedAt: Date | null, now: Date) {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const dueAt = parseLocalDateAndTime(input.dueDate, input.dueTime, timeZone);
  if (!dueAt) return { db, scope, error: { ok: false, field: "dueDate", reason: "taskDueInvalid" } as const };
  // A reminder in the past would never remind anyone. Only an edit that keeps an overdue task's
  // own due time may save one (the edit page flags it as overdue instead).
  // (The form shows minutes, so a stored due time with seconds comes back as its minute.)
  const keptOwnDueTime = pastDueAllowedAt !== null && Math.floor(dueAt.getTime() / 60_000) === Math.floor(pastDueAllowedAt.getTime() / 60_000);
  if (isPastDue(dueAt, now) && !keptOwnDueTime) {
    return { db, scope, error: { ok: false, field: "dueDate", reason: "taskDueInPast" } as const };
  }
  if (!(await isAssignable(db, input.assigneeId))) return { db, scope, error: { ok: false, field: "assigneeId", reason: "taskAssigneeInvalid" } as const };
  const link = await resolveTaskLink(db, scope, input.link);
  if (!link) return { db, scope, error: { ok: false, field: "link", reason: "taskLinkInvalid" } as const };
  return { db, scope, data: { title: input.title, notes: input.notes, dueAt, assigneeId: input.assigneeId, ...link } };
}

/**
 * A new task. `timeZone` is the member's: the form's date and time are read on their clock. A due
 * time in the past is refused.
 */
export async function createTask(ctx: MemberContext, input: TaskInput, timeZone: string, { now = new Date() }: TaskClock = {}): Promise<TaskResult> {
  const checked = await validated(ctx, input, timeZone, null, now);
  if (checked.error) return checked.error;
  const { db, data } = checked;
  const tenantId = ctx.tenant.id;
  const task = await db.$transaction(async (tx) => {
    const created = await tx.task.create({ data: { tenantId, ...data, createdById: ctx.user.id, source: "manual" } });
    await recordChange(tx, tenantId, {
      entityType: "task",
      entityId: created.id,
      action: "created",
      actorId: ctx.user.id,
      changes: diffFields({}, created, HISTORY_FIELDS),
    });
    await syncTaskDueJob(tx, tenantId, created);
    return created;
  });
  return { ok: true, taskId: task.id };
}

/**
 * Changes a task. `updatedAt` (as the form loaded it) guards against silently overwriting a change
 * someone else saved in between. Moving the due time into the past is refused; an overdue task
 * whose due time is left as it was can still be edited (renamed, reassigned, relinked).
 */
export async function updateTask(
  ctx: MemberContext,
  taskId: string,
  input: TaskInput,
  timeZone: string,
  updatedAt?: string,
  { now = new Date() }: TaskClock = {},
): Promise<TaskResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const current = await db.task.findFirst({ where: visibleTaskWhere(scope, { id: taskId }), select: { dueAt: true } });
  if (!current) return { ok: false, reason: "taskNotFound" };
  const checked = await validated(ctx, input, timeZone, current.dueAt, now);
  if (checked.error) return checked.error;
  const { data } = checked;
  const tenantId = ctx.tenant.id;
  return db.$transaction(async (tx) => {
    const before = await tx.task.findFirst({ where: visibleTaskWhere(scope, { id: taskId }) });
    if (!before) return { ok: false, reason: "taskNotFound" } as const;
    if (updatedAt && before.updatedAt.toISOString() !== updatedAt) return { ok: false, reason: "taskChangedElsewhere" } as const;
    // A kept overdue due time stays exactly as stored (with its seconds), so it is not "moved".
    if (Math.floor(before.dueAt.getTime() / 60_000) === Math.floor(data.dueAt.getTime() / 60_000) && isPastDue(data.dueAt, now)) data.dueAt = before.dueAt;
    const dueMoved = before.dueAt.getTime() !== data.dueAt.getTime();
    const after = await tx.task.update({
      where: { tenantId_id: { tenantId, id: taskId } },
      // A new due time deserves a new reminder.
      data: { ...data, ...(dueMoved ? { notifiedAt: null } : {}) },
    });
    await recordChange(tx, tenantId, { entityType: "task", entityId: taskId, action: "updated", actorId: ctx.user.id, changes: diffFields(before, after, HISTORY_FIELDS) });
    if (dueMoved || before.assigneeId !== after.assigneeId) await syncTaskDueJob(tx, tenantId, after);
    return { ok: true, taskId } as const;
  });
}

async function changeState(ctx: MemberContext, taskId: string, change: "complete" | "reopen" | "delete"): Promise<TaskResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const tenantId = ctx.tenant.id;
  return db.$transaction(async (tx) => {
    const before = await tx.task.findFirst({ where: visibleTaskWhere(scope, { id: taskId }) });
    if (!before) return { ok: false, reason: "taskNotFound" } as const;
    const now = new Date();
    const data =
      change === "complete" ? { completedAt: before.completedAt ?? now } : change === "reopen" ? { completedAt: null } : { deletedAt: now };
    const after = await tx.task.update({ where: { tenantId_id: { tenantId, id: taskId } }, data });
    await recordChange(tx, tenantId, {
      entityType: "task",
      entityId: taskId,
      action: change === "delete" ? "deleted" : "updated",
      actorId: ctx.user.id,
      changes: diffFields(before, after, ["completedAt", "deletedAt"]),
    });
    await syncTaskDueJob(tx, tenantId, after, now);
    return { ok: true, taskId } as const;
  });
}

export const completeTask = (ctx: MemberContext, taskId: string) => changeState(ctx, taskId, "complete");
export const reopenTask = (ctx: MemberContext, taskId: string) => changeState(ctx, taskId, "reopen");
export const deleteTask = (ctx: MemberContext, taskId: string) => changeState(ctx, taskId, "delete");
