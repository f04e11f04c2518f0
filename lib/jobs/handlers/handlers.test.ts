// What the scheduled jobs do: the due-time email (in the assignee's language and time zone), the
// daily digest grouped by the member's own day, the stale-opportunity reminder (once while open),
// the hourly sweep, and due-time jobs following their task (moved, completed, deleted).
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import { insertCustomer, insertOpportunity } from "@/test/tasks/crm-records";
import { enqueueJob, claimDueJobs } from "../schedule";
import { runClaimedJob, runDueJobs } from "../run-jobs";
import { digestKey, staleKey, taskDueKey } from "../job-keys";
import { formatInZone } from "@/lib/email/templates/task-format";
import { createTask, completeTask, deleteTask, reopenTask, updateTask } from "@/lib/dal/tasks/manage-tasks";
import { toLocalInputs } from "@/lib/time/zoned-time";
import type { User } from "@/lib/generated/prisma/client";

let ws: TestWorkspace;

beforeEach(async () => {
  await systemDb().scheduledJob.deleteMany();
  ws = await createWorkspace();
});

async function member(locale: string, timeZone: string | null): Promise<User> {
  const user = await addMember(ws.tenant.id, "SALES_REP", { locale });
  return systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { timeZone } });
}

async function emailsFor(user: User, template: string) {
  return systemDb().emailMessage.findMany({ where: { to: user.email, template }, orderBy: { createdAt: "asc" } });
}

/** Runs one job now, as a worker would, with the handler seeing `now`. */
async function runJob(dedupeKey: string, now: Date) {
  await systemDb().scheduledJob.update({ where: { dedupeKey }, data: { runAt: new Date(Date.now() - 1000) } });
  const jobs = await claimDueJobs("test-worker", 50);
  const job = jobs.find((j) => j.dedupeKey === dedupeKey);
  if (!job) throw new Error(`job ${dedupeKey} was not due`);
  return runClaimedJob(job, "test-worker", () => now);
}

describe("task-due email", () => {
  it("goes to the assignee at the due time, in Chinese and Shanghai time for a zh-CN member", async () => {
    const assignee = await member("zh-CN", "Asia/Shanghai");
    const customer = await insertCustomer(ws.tenant.id, assignee.id, "远航科技");
    const dueAt = new Date(Date.now() - 2000);
    const task = await systemDb().task.create({
      data: { tenantId: ws.tenant.id, title: "回电话确认报价", notes: "带上新价格表", dueAt, assigneeId: assignee.id, customerId: customer.id },
    });
    await enqueueJob({ kind: "task-due", dedupeKey: taskDueKey(ws.tenant.id, task.id), runAt: dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } });
    expect((await runDueJobs("w")).done).toBe(1);
    const [email] = await emailsFor(assignee, "task-due");
    expect(email.subject).toBe("提醒：回电话确认报价");
    expect(email.html).toMatch(/<html [^>]*lang="zh-CN"/);
    expect(email.text).toContain(`到期时间: ${formatInZone(dueAt, "zh-CN", "Asia/Shanghai")}`);
    expect(formatInZone(dueAt, "zh-CN", "Asia/Shanghai")).toMatch(/GMT\+8|CST/);
    expect(email.text).toContain("关联记录: 远航科技");
    expect(email.text).toContain("带上新价格表");
    expect(email.text).toContain(`/${ws.tenant.slug}/tasks`);
    expect((await systemDb().task.findFirstOrThrow({ where: { id: task.id } })).notifiedAt).not.toBeNull();
  });

  it("is in English and UTC for a member without a zone, and escapes what they typed", async () => {
    const assignee = await member("en", null);
    const dueAt = new Date(Date.now() - 2000);
    const task = await systemDb().task.create({ data: { tenantId: ws.tenant.id, title: "<b>Call</b> Bob", dueAt, assigneeId: assignee.id } });
    await enqueueJob({ kind: "task-due", dedupeKey: taskDueKey(ws.tenant.id, task.id), runAt: dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } });
    await runDueJobs("w");
    const [email] = await emailsFor(assignee, "task-due");
    expect(email.subject).toBe("Reminder: <b>Call</b> Bob");
    expect(email.html).toContain("&lt;b&gt;Call&lt;/b&gt; Bob");
    expect(email.html).not.toContain("<b>Call</b>");
    expect(email.text).toContain(`Due: ${formatInZone(dueAt, "en", "UTC")}`);
    expect(email.text).toContain("UTC");
  });

  it("is not sent for a task completed or deleted before its time, and moves with the due time", async () => {
    const assignee = await member("en", "Europe/Berlin");
    const ctx = memberContext(assignee, ws.tenant);
    const inAnHour = toLocalInputs(new Date(Date.now() + 3_600_000), "Europe/Berlin");
    const input = { title: "Send contract", notes: null, dueDate: inAnHour.date, dueTime: inAnHour.time, assigneeId: assignee.id, link: "" };
    const created = await createTask(ctx, input, "Europe/Berlin");
    if (!created.ok) throw new Error("create failed");
    const key = taskDueKey(ws.tenant.id, created.taskId);
    const job = await systemDb().scheduledJob.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(job.doneAt).toBeNull();
    expect(Math.abs(job.runAt.getTime() - (Date.now() + 3_600_000))).toBeLessThan(61_000);

    // Moved to tomorrow: the same job, at the new time.
    const tomorrow = toLocalInputs(new Date(Date.now() + 86_400_000), "Europe/Berlin");
    expect((await updateTask(ctx, created.taskId, { ...input, dueDate: tomorrow.date, dueTime: tomorrow.time }, "Europe/Berlin")).ok).toBe(true);
    const moved = await systemDb().scheduledJob.findMany({ where: { dedupeKey: key } });
    expect(moved).toHaveLength(1);
    expect(moved[0].runAt.getTime()).toBeGreaterThan(Date.now() + 86_000_000);

    await completeTask(ctx, created.taskId);
    expect(await systemDb().scheduledJob.count({ where: { dedupeKey: key, doneAt: null } })).toBe(0);
    await reopenTask(ctx, created.taskId);
    expect(await systemDb().scheduledJob.count({ where: { dedupeKey: key, doneAt: null } })).toBe(1);
    await deleteTask(ctx, created.taskId);
    expect(await systemDb().scheduledJob.count({ where: { dedupeKey: key, doneAt: null } })).toBe(0);

    // Even a job that slipped through (queued before the completion) sends nothing.
    const other = await createTask(ctx, input, "Europe/Berlin");
    if (!other.ok) throw new Error("create failed");
    await completeTask(ctx, other.taskId);
    await enqueueJob({ kind: "task-due", dedupeKey: `stray-${other.taskId}`, runAt: new Date(), tenantId: ws.tenant.id, payload: { taskId: other.taskId } });
    await runDueJobs("w");
    expect(await emailsFor(assignee, "task-due")).toHaveLength(0);
  });
});

describe("daily digest", () => {
  // 16:30 UTC on 1 December is 00:30 on 2 December in Shanghai: the two members' "today" differ.
  const now = new Date("2026-12-01T16:30:00Z");
  const dueTomorrowUtcButTodayInShanghai = new Date("2026-12-02T10:00:00Z"); // 18:00 Shanghai, 2 Dec
  const overdue = new Date("2026-12-01T09:00:00Z");
  const nextWeek = new Date("2026-12-05T09:00:00Z");
  const farAway = new Date("2027-01-20T09:00:00Z");

  async function digestFor(user: User) {
    for (const [title, dueAt] of [
      ["Quote follow-up", dueTomorrowUtcButTodayInShanghai],
      ["Overdue call", overdue],
      ["Prepare demo", nextWeek],
      ["Annual review", farAway],
    ] as const) {
      await systemDb().task.create({ data: { tenantId: ws.tenant.id, title, dueAt, assigneeId: user.id } });
    }
    await systemDb().task.create({ data: { tenantId: ws.tenant.id, title: "Already done", dueAt: overdue, assigneeId: user.id, completedAt: now } });
    const key = digestKey(ws.tenant.id, user.id, "2026-12-02");
    await enqueueJob({ kind: "daily-digest", dedupeKey: key, runAt: now, tenantId: ws.tenant.id, payload: { userId: user.id } });
    expect(await runJob(key, now)).toBe("done");
    const [email] = await emailsFor(user, "daily-digest");
    return email;
  }

  /** The plain-text section under a heading, up to the next blank line. */
  function section(text: string, heading: RegExp): string {
    const parts = text.split("\n\n");
    return parts.find((part) => heading.test(part.split("\n")[0])) ?? "";
  }

  it("counts days on the member's clock: Shanghai's today is UTC's tomorrow around midnight", async () => {
    const shanghai = await member("zh-CN", "Asia/Shanghai");
    const email = await digestFor(shanghai);
    expect(email.subject).toBe(`您今天在「${ws.tenant.name}」的任务：2 项到期或逾期`);
    expect(section(email.text, /^已逾期/)).toContain("Overdue call");
    expect(section(email.text, /^今天到期/)).toContain("Quote follow-up");
    expect(section(email.text, /^未来 7 天/)).toContain("Prepare demo");
    expect(email.text).not.toContain("Annual review");
    expect(email.text).not.toContain("Already done");
    expect(email.text).toContain(formatInZone(dueTomorrowUtcButTodayInShanghai, "zh-CN", "Asia/Shanghai"));
  });

  it("puts the same task under 'Next 7 days' for a member on UTC", async () => {
    const london = await member("en", "UTC");
    const email = await digestFor(london);
    expect(email.subject).toBe(`Your tasks today in ${ws.tenant.name}: 1 due or overdue`);
    expect(section(email.text, /^Overdue/)).toContain("Overdue call");
    expect(section(email.text, /^Due today/)).toBe("");
    expect(section(email.text, /^Next 7 days/)).toContain("Quote follow-up");
    expect(section(email.text, /^Next 7 days/)).toContain("Prepare demo");
  });

  it("sends nothing when there is nothing to say, and queues tomorrow's digest at 08:00 local", async () => {
    const idle = await member("en", "America/New_York");
    const key = digestKey(ws.tenant.id, idle.id, "2026-12-01");
    await enqueueJob({ kind: "daily-digest", dedupeKey: key, runAt: now, tenantId: ws.tenant.id, payload: { userId: idle.id } });
    expect(await runJob(key, now)).toBe("done");
    expect(await emailsFor(idle, "daily-digest")).toHaveLength(0);
    const next = await systemDb().scheduledJob.findUniqueOrThrow({ where: { dedupeKey: digestKey(ws.tenant.id, idle.id, "2026-12-02") } });
    // 08:00 in New York on 2 December (EST, UTC-5).
    expect(next.runAt.toISOString()).toBe("2026-12-02T13:00:00.000Z");
    expect(next.doneAt).toBeNull();
  });

  it("the hourly sweep gives every active member one pending digest, and only one", async () => {
    const active = await member("en", "Asia/Tokyo");
    const gone = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    await enqueueJob({ kind: "sweep", dedupeKey: "sweep-test-1", runAt: new Date() });
    await runDueJobs("w");
    await enqueueJob({ kind: "sweep", dedupeKey: "sweep-test-2", runAt: new Date() });
    await runDueJobs("w");
    const pending = (userId: string) => systemDb().scheduledJob.count({ where: { kind: "daily-digest", doneAt: null, tenantId: ws.tenant.id, dedupeKey: { contains: userId } } });
    expect(await pending(active.id)).toBe(1);
    expect(await pending(ws.owner.id)).toBe(1);
    expect(await pending(gone.id)).toBe(0);
    const job = await systemDb().scheduledJob.findFirstOrThrow({ where: { kind: "daily-digest", dedupeKey: { contains: active.id } } });
    expect(job.runAt.getUTCHours()).toBe(23); // 08:00 Tokyo
    // The sweep queued the next sweep and the workspace's stale-opportunity check.
    expect(await systemDb().scheduledJob.count({ where: { kind: "sweep", doneAt: null } })).toBeGreaterThanOrEqual(1);
    expect(await systemDb().scheduledJob.count({ where: { kind: "stale-opportunities", tenantId: ws.tenant.id } })).toBe(1);
  });
});

describe("stale opportunities", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

  async function runStale(round: number) {
    const key = staleKey(ws.tenant.id, `round-${round}`);
    await enqueueJob({ kind: "stale-opportunities", dedupeKey: key, runAt: new Date(), tenantId: ws.tenant.id });
    expect(await runJob(key, new Date())).toBe("done");
  }

  const staleTasks = (opportunityId: string) => systemDb().task.findMany({ where: { tenantId: ws.tenant.id, opportunityId, source: "stale-opportunity" } });

  it("creates exactly one task for the owner, and not again while it is open", async () => {
    const owner = await member("en", "UTC");
    const customer = await insertCustomer(ws.tenant.id, owner.id);
    const quiet = await insertOpportunity(ws.tenant.id, owner.id, customer.id, { title: "Fleet renewal", lastActivityAt: daysAgo(20) });
    const busy = await insertOpportunity(ws.tenant.id, owner.id, customer.id, { lastActivityAt: daysAgo(2) });
    const won = await insertOpportunity(ws.tenant.id, owner.id, customer.id, { lastActivityAt: daysAgo(40), stageKind: "WON" });

    await runStale(1);
    const [task] = await staleTasks(quiet.id);
    expect(task).toMatchObject({ assigneeId: owner.id, customerId: customer.id, title: "No activity for 14 days on Fleet renewal", completedAt: null });
    expect(await staleTasks(busy.id)).toHaveLength(0);
    expect(await staleTasks(won.id)).toHaveLength(0);
    const history = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityType: "task", entityId: task.id } });
    expect(history.map((h) => h.action)).toEqual(["created"]);

    await runStale(2);
    await runStale(3);
    expect(await staleTasks(quiet.id)).toHaveLength(1);

    // Completed without new activity: no new reminder within the next 14 days either.
    await systemDb().task.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: task.id } }, data: { completedAt: new Date() } });
    await runStale(4);
    expect(await staleTasks(quiet.id)).toHaveLength(1);
  });

  it("writes the reminder in the owner's language and does nothing when the setting is 0", async () => {
    const owner = await member("zh-CN", "Asia/Shanghai");
    const customer = await insertCustomer(ws.tenant.id, owner.id);
    const quiet = await insertOpportunity(ws.tenant.id, owner.id, customer.id, { title: "车队续约", lastActivityAt: daysAgo(30) });
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { staleOpportunityDays: 0 } });
    await runStale(1);
    expect(await staleTasks(quiet.id)).toHaveLength(0);
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { staleOpportunityDays: 21 } });
    await runStale(2);
    expect((await staleTasks(quiet.id)).map((t) => t.title)).toEqual(["「车队续约」已 21 天没有活动"]);
  });

  it("creates one task even when two runs race", async () => {
    const owner = await member("en", "UTC");
    const customer = await insertCustomer(ws.tenant.id, owner.id);
    const quiet = await insertOpportunity(ws.tenant.id, owner.id, customer.id, { lastActivityAt: daysAgo(20) });
    for (const round of [1, 2]) {
      await enqueueJob({ kind: "stale-opportunities", dedupeKey: staleKey(ws.tenant.id, `race-${round}`), runAt: new Date(Date.now() - 1000), tenantId: ws.tenant.id });
    }
    const [a, b] = await Promise.all([claimDueJobs("worker-a", 1), claimDueJobs("worker-b", 1)]);
    await Promise.all([runClaimedJob(a[0], "worker-a"), runClaimedJob(b[0], "worker-b")]);
    expect(await staleTasks(quiet.id)).toHaveLength(1);
  });
});

describe("purge-trash", () => {
  it("deletes for good what has been in the trash over 30 days, with its tasks, and nothing younger", async () => {
    const owner = await member("en", "UTC");
    const old = await insertCustomer(ws.tenant.id, owner.id, "Long gone");
    const recent = await insertCustomer(ws.tenant.id, owner.id, "Just deleted");
    await systemDb().task.create({ data: { tenantId: ws.tenant.id, title: "About the old one", dueAt: new Date(), assigneeId: owner.id, customerId: old.id } });
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: old.id } }, data: { deletedAt: new Date(Date.now() - 31 * 86_400_000) } });
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: recent.id } }, data: { deletedAt: new Date(Date.now() - 2 * 86_400_000) } });
    await enqueueJob({ kind: "purge-trash", dedupeKey: "purge-test", runAt: new Date() });
    expect(await runJob("purge-test", new Date())).toBe("done");
    expect(await systemDb().customer.findMany({ where: { tenantId: ws.tenant.id }, select: { name: true } })).toEqual([{ name: "Just deleted" }]);
    expect(await systemDb().task.count({ where: { tenantId: ws.tenant.id, customerId: old.id } })).toBe(0);
  });
});
