// A reminder in the past is refused on the server, whatever form sent it: a new task (the task
// form, "Remind me", the timeline composer all create through createTask) or an edit that moves
// the due time. An overdue task whose due time is left alone can still be edited. The clock is
// the test's: every call gets its own `now`, and the member's zone decides what "12:00" means.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import { insertCustomer } from "@/test/tasks/crm-records";
import { createTask, updateTask, type TaskInput } from "./manage-tasks";
import type { User } from "@/lib/generated/prisma/client";

let ws: TestWorkspace;
let rep: User;

beforeAll(async () => {
  ws = await createWorkspace();
  rep = await addMember(ws.tenant.id, "SALES_REP");
});

// 10:30 UTC on 1 December 2026: 18:30 in Shanghai, 11:30 in Berlin.
const NOW = new Date("2026-12-01T10:30:00Z");
const ctx = () => memberContext(rep, ws.tenant);
const input = (overrides: Partial<TaskInput> = {}): TaskInput => ({
  title: "Call back",
  notes: null,
  dueDate: "2026-12-01",
  dueTime: "12:00",
  assigneeId: rep.id,
  link: "",
  ...overrides,
});

async function taskCount() {
  return systemDb().task.count({ where: { tenantId: ws.tenant.id, assigneeId: rep.id } });
}

describe("a new reminder", () => {
  it("is refused when due earlier today on the member's own clock, and nothing is saved", async () => {
    const before = await taskCount();
    // 12:00 in Shanghai is 04:00 UTC, hours before NOW.
    expect(await createTask(ctx(), input(), "Asia/Shanghai", { now: NOW })).toEqual({ ok: false, field: "dueDate", reason: "taskDueInPast" });
    // Yesterday, in UTC.
    expect(await createTask(ctx(), input({ dueDate: "2026-11-30", dueTime: "23:59" }), "UTC", { now: NOW })).toEqual({
      ok: false,
      field: "dueDate",
      reason: "taskDueInPast",
    });
    expect(await taskCount()).toBe(before);
  });

  it("is accepted for the same 12:00 in a zone where it is still ahead", async () => {
    const result = await createTask(ctx(), input(), "Europe/Berlin", { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const task = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: result.taskId } });
    expect(task.dueAt.toISOString()).toBe("2026-12-01T11:00:00.000Z");
  });

  it("is accepted for this very minute and a moment ago, but not once the grace is over", async () => {
    expect((await createTask(ctx(), input({ dueTime: "10:30" }), "UTC", { now: NOW })).ok).toBe(true);
    expect((await createTask(ctx(), input({ dueTime: "10:26" }), "UTC", { now: NOW })).ok).toBe(true);
    expect(await createTask(ctx(), input({ dueTime: "10:24" }), "UTC", { now: NOW })).toEqual({ ok: false, field: "dueDate", reason: "taskDueInPast" });
  });
});

describe("editing a task", () => {
  async function taskDueAt(dueTime: string, createdAt: Date) {
    const result = await createTask(ctx(), input({ dueTime, title: `Due ${dueTime}` }), "UTC", { now: createdAt });
    if (!result.ok) throw new Error(`createTask refused: ${JSON.stringify(result)}`);
    return result.taskId;
  }

  it("refuses moving the due time into the past and keeps the stored one", async () => {
    const id = await taskDueAt("15:00", NOW);
    const later = new Date("2026-12-01T16:00:00Z");
    expect(await updateTask(ctx(), id, input({ dueTime: "15:30", title: "Due 15:00" }), "UTC", undefined, { now: later })).toEqual({
      ok: false,
      field: "dueDate",
      reason: "taskDueInPast",
    });
    const task = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
    expect(task.dueAt.toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });

  it("lets an overdue task keep its due time while its title changes, and move to the future", async () => {
    const id = await taskDueAt("14:00", NOW);
    const later = new Date("2026-12-01T16:00:00Z");
    expect(await updateTask(ctx(), id, input({ dueTime: "14:00", title: "Call back about the quote" }), "UTC", undefined, { now: later })).toEqual({ ok: true, taskId: id });
    let task = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
    expect(task).toMatchObject({ title: "Call back about the quote" });
    expect(task.dueAt.toISOString()).toBe("2026-12-01T14:00:00.000Z");

    expect((await updateTask(ctx(), id, input({ dueDate: "2026-12-02", dueTime: "09:00", title: "Call back about the quote" }), "UTC", undefined, { now: later })).ok).toBe(true);
    task = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
    expect(task.dueAt.toISOString()).toBe("2026-12-02T09:00:00.000Z");
  });

  it("keeps an overdue stored due time with seconds exactly as it was when the form sends back its minute", async () => {
    const customer = await insertCustomer(ws.tenant.id, rep.id);
    const stored = new Date("2026-12-01T08:15:42Z");
    const task = await systemDb().task.create({
      data: { tenantId: ws.tenant.id, title: "Automatic follow-up", dueAt: stored, assigneeId: rep.id, createdById: rep.id, customerId: customer.id, source: "manual" },
    });
    const result = await updateTask(ctx(), task.id, input({ dueDate: "2026-12-01", dueTime: "08:15", title: "Follow up", link: `customer:${customer.id}` }), "UTC", undefined, { now: NOW });
    expect(result).toEqual({ ok: true, taskId: task.id });
    const after = await systemDb().task.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: task.id } });
    expect(after.dueAt.toISOString()).toBe(stored.toISOString());
    expect(after.title).toBe("Follow up");
  });
});
