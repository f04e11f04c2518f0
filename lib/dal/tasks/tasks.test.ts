// Tasks through the DAL as members and attackers use them: read-only members change nothing, a
// Sales rep restricted to own records sees their tasks and the tasks on records they can see, a
// task id or member from another workspace is "not found", and "My tasks" groups by the member's
// own day. Transfers move exactly one member's records, with history, for Owners only.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import { insertContact, insertCustomer, insertOpportunity } from "@/test/tasks/crm-records";
import { toLocalInputs } from "@/lib/time/zoned-time";
import { completeTask, createTask, deleteTask, reopenTask, updateTask, type TaskInput } from "./manage-tasks";
import { countMyOpenDueTasks, getTask, listMyTasks, listRecordTasks } from "./list-tasks";
import { transferRecords } from "./transfer-records";
import type { User } from "@/lib/generated/prisma/client";

let ws: TestWorkspace;
let other: TestWorkspace;
let rep: User;
let viewer: User;
let manager: User;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  rep = await addMember(ws.tenant.id, "SALES_REP");
  viewer = await addMember(ws.tenant.id, "READ_ONLY");
  manager = await addMember(ws.tenant.id, "MANAGER");
});

const ctxOf = (user: User, workspace = ws) => memberContext(user, workspace.tenant);
const tomorrow = () => toLocalInputs(new Date(Date.now() + 86_400_000), "UTC");

function input(overrides: Partial<TaskInput> = {}): TaskInput {
  const due = tomorrow();
  return { title: "Call back", notes: null, dueDate: due.date, dueTime: due.time, assigneeId: rep.id, link: "", ...overrides };
}

async function created(user: User, overrides: Partial<TaskInput> = {}, workspace = ws) {
  const result = await createTask(ctxOf(user, workspace), input(overrides), "UTC");
  if (!result.ok) throw new Error(`createTask refused: ${JSON.stringify(result)}`);
  return result.taskId;
}

describe("creating tasks", () => {
  it("records who, when and which fields in the task's history", async () => {
    const customer = await insertCustomer(ws.tenant.id, rep.id, "Acme");
    const id = await created(manager, { link: `customer:${customer.id}`, title: "Send the quote" });
    const task = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
    expect(task).toMatchObject({ assigneeId: rep.id, createdById: manager.id, customerId: customer.id, source: "manual" });
    const [change] = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: id } });
    expect(change).toMatchObject({ entityType: "task", action: "created", actorId: manager.id });
    expect(change.changes).toMatchObject({ title: { from: null, to: "Send the quote" }, customerId: { from: null, to: customer.id } });
  });

  it("links a contact's or opportunity's customer too", async () => {
    const customer = await insertCustomer(ws.tenant.id, rep.id);
    const contact = await insertContact(ws.tenant.id, customer.id);
    const opportunity = await insertOpportunity(ws.tenant.id, rep.id, customer.id);
    const viaContact = await systemDb().task.findFirstOrThrow({ where: { id: await created(rep, { link: `contact:${contact.id}` }) } });
    expect(viaContact).toMatchObject({ contactId: contact.id, customerId: customer.id, opportunityId: null });
    const viaDeal = await systemDb().task.findFirstOrThrow({ where: { id: await created(rep, { link: `opportunity:${opportunity.id}` }) } });
    expect(viaDeal).toMatchObject({ opportunityId: opportunity.id, customerId: customer.id });
  });

  it("refuses an assignee from another workspace, a deactivated one, and an impossible date", async () => {
    expect(await createTask(ctxOf(manager), input({ assigneeId: other.owner.id }), "UTC")).toEqual({ ok: false, field: "assigneeId", reason: "taskAssigneeInvalid" });
    const gone = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    expect(await createTask(ctxOf(manager), input({ assigneeId: gone.id }), "UTC")).toEqual({ ok: false, field: "assigneeId", reason: "taskAssigneeInvalid" });
    expect(await createTask(ctxOf(manager), input({ dueDate: "2026-02-30" }), "UTC")).toEqual({ ok: false, field: "dueDate", reason: "taskDueInvalid" });
    expect(await systemDb().task.count({ where: { tenantId: other.tenant.id } })).toBe(0);
  });

  it("refuses to link a record of another workspace or one in the trash", async () => {
    const foreign = await insertCustomer(other.tenant.id, other.owner.id);
    expect(await createTask(ctxOf(manager), input({ link: `customer:${foreign.id}` }), "UTC")).toEqual({ ok: false, field: "link", reason: "taskLinkInvalid" });
    const trashed = await insertCustomer(ws.tenant.id, rep.id);
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: trashed.id } }, data: { deletedAt: new Date() } });
    expect(await createTask(ctxOf(manager), input({ link: `customer:${trashed.id}` }), "UTC")).toEqual({ ok: false, field: "link", reason: "taskLinkInvalid" });
  });
});

describe("read-only members", () => {
  it("change nothing: create, update, complete, reopen and delete are refused by the server", async () => {
    const id = await created(manager, { assigneeId: viewer.id });
    const ctx = ctxOf(viewer);
    await expect(createTask(ctx, input({ assigneeId: viewer.id }), "UTC")).rejects.toThrow(PermissionDeniedError);
    await expect(updateTask(ctx, id, input({ title: "Hacked", assigneeId: viewer.id }), "UTC")).rejects.toThrow(PermissionDeniedError);
    await expect(completeTask(ctx, id)).rejects.toThrow(PermissionDeniedError);
    await expect(reopenTask(ctx, id)).rejects.toThrow(PermissionDeniedError);
    await expect(deleteTask(ctx, id)).rejects.toThrow(PermissionDeniedError);
    const task = await systemDb().task.findFirstOrThrow({ where: { id } });
    expect(task).toMatchObject({ title: "Call back", completedAt: null, deletedAt: null });
    // They still see their own tasks.
    const mine = await listMyTasks(ctx, "UTC");
    expect([...mine.today, ...mine.upcoming].map((t) => t.id)).toContain(id);
  });
});

describe("a Sales rep restricted to own records", () => {
  it("sees own tasks and tasks on own records, not a colleague's; can't touch those by id", async () => {
    const restricted = await createWorkspace();
    const a = await addMember(restricted.tenant.id, "SALES_REP");
    const b = await addMember(restricted.tenant.id, "SALES_REP");
    const boss = await addMember(restricted.tenant.id, "MANAGER");
    await systemDb().tenant.update({ where: { id: restricted.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    const aCustomer = await insertCustomer(restricted.tenant.id, a.id);
    const bCustomer = await insertCustomer(restricted.tenant.id, b.id);
    const due = tomorrow();
    const make = async (assignee: User, link: string) => {
      const result = await createTask(memberContext(boss, restricted.tenant), { ...input(), dueDate: due.date, dueTime: due.time, assigneeId: assignee.id, link }, "UTC");
      if (!result.ok) throw new Error("create failed");
      return result.taskId;
    };
    const aOwn = await make(a, "");
    const onAsCustomerForB = await make(b, `customer:${aCustomer.id}`);
    const bOwn = await make(b, `customer:${bCustomer.id}`);
    const ctxA = memberContext(a, restricted.tenant);

    expect(await getTask(ctxA, aOwn)).not.toBeNull();
    expect(await getTask(ctxA, onAsCustomerForB)).not.toBeNull();
    expect(await getTask(ctxA, bOwn)).toBeNull();
    expect((await listRecordTasks(ctxA, { customerId: bCustomer.id })).open).toEqual([]);
    expect((await listRecordTasks(ctxA, { customerId: aCustomer.id })).open.map((t) => t.id)).toEqual([onAsCustomerForB]);

    expect(await completeTask(ctxA, bOwn)).toEqual({ ok: false, reason: "taskNotFound" });
    expect(await deleteTask(ctxA, bOwn)).toEqual({ ok: false, reason: "taskNotFound" });
    expect(await updateTask(ctxA, bOwn, { ...input(), assigneeId: a.id }, "UTC")).toEqual({ ok: false, reason: "taskNotFound" });
    // Nor can they link a colleague's customer to a task of their own.
    expect(await createTask(ctxA, { ...input(), assigneeId: a.id, link: `customer:${bCustomer.id}` }, "UTC")).toEqual({ ok: false, field: "link", reason: "taskLinkInvalid" });
    expect((await systemDb().task.findFirstOrThrow({ where: { id: bOwn } })).completedAt).toBeNull();
  });
});

describe("another workspace's task", () => {
  it("is not found by id for reading, changing or deleting", async () => {
    const foreign = await created(other.owner, { assigneeId: other.owner.id }, other);
    const ctx = ctxOf(ws.owner);
    expect(await getTask(ctx, foreign)).toBeNull();
    expect(await completeTask(ctx, foreign)).toEqual({ ok: false, reason: "taskNotFound" });
    expect(await deleteTask(ctx, foreign)).toEqual({ ok: false, reason: "taskNotFound" });
    expect(await updateTask(ctx, foreign, input({ assigneeId: ws.owner.id }), "UTC")).toEqual({ ok: false, reason: "taskNotFound" });
    expect(await systemDb().task.findFirstOrThrow({ where: { id: foreign } })).toMatchObject({ completedAt: null, deletedAt: null, title: "Call back" });
  });
});

describe("editing", () => {
  it("refuses to overwrite a change saved by someone else since the form was opened", async () => {
    const id = await created(manager);
    const loaded = (await getTask(ctxOf(manager), id))!;
    expect((await updateTask(ctxOf(rep), id, input({ title: "Rep's change" }), "UTC", loaded.updatedAt.toISOString())).ok).toBe(true);
    expect(await updateTask(ctxOf(manager), id, input({ title: "Manager's change" }), "UTC", loaded.updatedAt.toISOString())).toEqual({
      ok: false,
      reason: "taskChangedElsewhere",
    });
    expect((await systemDb().task.findFirstOrThrow({ where: { id } })).title).toBe("Rep's change");
    const history = await systemDb().recordChange.findMany({ where: { entityId: id, action: "updated" } });
    expect(history.map((h) => h.changes)).toEqual([{ title: { from: "Call back", to: "Rep's change" } }]);
  });
});

describe("My tasks", () => {
  it("groups by the member's own day and counts overdue + today for the badge", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    const ctx = ctxOf(member);
    const now = new Date("2026-12-01T16:30:00Z"); // 00:30 on 2 December in Shanghai
    const add = (title: string, dueAt: Date) => systemDb().task.create({ data: { tenantId: ws.tenant.id, title, dueAt, assigneeId: member.id } });
    await add("late", new Date("2026-12-01T10:00:00Z"));
    await add("shanghai-today", new Date("2026-12-02T10:00:00Z"));
    await add("next-week", new Date("2026-12-06T10:00:00Z"));
    await add("far", new Date("2027-02-01T10:00:00Z"));
    const titles = (tasks: { title: string }[]) => tasks.map((t) => t.title);

    const shanghai = await listMyTasks(ctx, "Asia/Shanghai", now);
    expect([titles(shanghai.overdue), titles(shanghai.today), titles(shanghai.upcoming), titles(shanghai.later)]).toEqual([
      ["late"],
      ["shanghai-today"],
      ["next-week"],
      ["far"],
    ]);
    const utc = await listMyTasks(ctx, "UTC", now);
    expect([titles(utc.today), titles(utc.upcoming)]).toEqual([[], ["shanghai-today", "next-week"]]);
    expect(await countMyOpenDueTasks(ctx, "Asia/Shanghai", now)).toBe(2);
    expect(await countMyOpenDueTasks(ctx, "UTC", now)).toBe(1);
  });
});

describe("transferring records", () => {
  it("moves exactly that member's customers, opportunities and open tasks, with history and an audit event", async () => {
    const from = await addMember(ws.tenant.id, "SALES_REP");
    const to = await addMember(ws.tenant.id, "SALES_REP");
    const bystander = await addMember(ws.tenant.id, "SALES_REP");
    const c1 = await insertCustomer(ws.tenant.id, from.id);
    const c2 = await insertCustomer(ws.tenant.id, from.id);
    const keep = await insertCustomer(ws.tenant.id, bystander.id);
    const deal = await insertOpportunity(ws.tenant.id, from.id, keep.id);
    const keepDeal = await insertOpportunity(ws.tenant.id, bystander.id, c1.id);
    const open = await created(manager, { assigneeId: from.id });
    const done = await created(manager, { assigneeId: from.id });
    await completeTask(ctxOf(manager), done);
    const bystanderTask = await created(manager, { assigneeId: bystander.id });

    const result = await transferRecords(ctxOf(ws.owner), from.id, to.id, TEST_META);
    expect(result).toEqual({ ok: true, counts: { customers: 2, opportunities: 1, tasks: 1 }, toName: to.name });

    const owners = await systemDb().customer.findMany({ where: { id: { in: [c1.id, c2.id, keep.id] } }, select: { id: true, ownerId: true } });
    expect(Object.fromEntries(owners.map((c) => [c.id, c.ownerId]))).toEqual({ [c1.id]: to.id, [c2.id]: to.id, [keep.id]: bystander.id });
    expect((await systemDb().opportunity.findFirstOrThrow({ where: { id: deal.id } })).ownerId).toBe(to.id);
    expect((await systemDb().opportunity.findFirstOrThrow({ where: { id: keepDeal.id } })).ownerId).toBe(bystander.id);
    expect((await systemDb().task.findFirstOrThrow({ where: { id: open } })).assigneeId).toBe(to.id);
    expect((await systemDb().task.findFirstOrThrow({ where: { id: done } })).assigneeId).toBe(from.id);
    expect((await systemDb().task.findFirstOrThrow({ where: { id: bystanderTask } })).assigneeId).toBe(bystander.id);

    const history = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, action: "transferred" } });
    expect(history.map((h) => `${h.entityType}:${h.entityId}`).sort()).toEqual(
      [`customer:${c1.id}`, `customer:${c2.id}`, `opportunity:${deal.id}`, `task:${open}`].sort(),
    );
    expect(history.every((h) => h.actorId === ws.owner.id)).toBe(true);
    expect(history.find((h) => h.entityId === c1.id)?.changes).toEqual({ ownerId: { from: from.id, to: to.id } });
    expect(history.find((h) => h.entityId === deal.id)?.changes).toEqual({ ownerId: { from: from.id, to: to.id } });
    expect(history.find((h) => h.entityId === open)?.changes).toEqual({ assigneeId: { from: from.id, to: to.id } });
    expect(new Set(history.map((h) => h.id)).size).toBe(history.length);
    const [event] = await auditEvents(ws.tenant.id, "records.transferred");
    expect(event).toMatchObject({ actorUserId: ws.owner.id, targetUserId: from.id });
    expect(event.data).toMatchObject({ toUserId: to.id, customers: 2, opportunities: 1, tasks: 1 });
  });

  it("is for Owners only, and refuses a target from another workspace or a deactivated one", async () => {
    const from = await addMember(ws.tenant.id, "SALES_REP");
    const customer = await insertCustomer(ws.tenant.id, from.id);
    const admin = await addMember(ws.tenant.id, "ADMIN");
    for (const actor of [admin, manager, rep, viewer]) {
      await expect(transferRecords(ctxOf(actor), from.id, manager.id, TEST_META)).rejects.toThrow(PermissionDeniedError);
    }
    expect(await transferRecords(ctxOf(ws.owner), from.id, other.owner.id, TEST_META)).toEqual({ ok: false, field: "toUserId", reason: "transferToInvalid" });
    const gone = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    expect(await transferRecords(ctxOf(ws.owner), from.id, gone.id, TEST_META)).toEqual({ ok: false, field: "toUserId", reason: "transferToInvalid" });
    expect(await transferRecords(ctxOf(ws.owner), other.owner.id, manager.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await transferRecords(ctxOf(ws.owner), from.id, from.id, TEST_META)).toEqual({ ok: false, field: "toUserId", reason: "transferSameMember" });
    expect((await systemDb().customer.findFirstOrThrow({ where: { id: customer.id } })).ownerId).toBe(from.id);
  });
});
