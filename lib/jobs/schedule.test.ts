// The schedule stored in PostgreSQL: with two workers racing, every due job runs exactly once; a
// job whose worker died is picked up again; re-enqueueing never duplicates; a restart (a new
// worker id) loses nothing. Real database, real handlers, emails counted in EmailMessage.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import { cancelJob, claimDueJobs, enqueueJob, rescheduleJob, LEASE_SECONDS } from "./schedule";
import { runClaimedJob, runDueJobs } from "./run-jobs";
import { taskDueKey } from "./job-keys";

let ws: TestWorkspace;
const clients: PrismaClient[] = [];

beforeEach(async () => {
  await systemDb().scheduledJob.deleteMany();
  ws = await createWorkspace();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

/** A task already due, with its due-time job queued, assigned to a fresh member. */
async function dueTask(title: string, assigneeEmail?: string) {
  const assignee = await addMember(ws.tenant.id, "SALES_REP", assigneeEmail ? { email: assigneeEmail } : {});
  const task = await systemDb().task.create({
    data: { tenantId: ws.tenant.id, title, dueAt: new Date(Date.now() - 1000), assigneeId: assignee.id },
  });
  await enqueueJob({ kind: "task-due", dedupeKey: taskDueKey(ws.tenant.id, task.id), runAt: task.dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } });
  return { task, assignee };
}

async function taskEmails() {
  return systemDb().emailMessage.findMany({ where: { template: "task-due", tenantId: ws.tenant.id } });
}

describe("two workers", () => {
  it("run each of 30 due reminders exactly once when they poll at the same moment", async () => {
    const tasks = [];
    for (let i = 0; i < 30; i++) tasks.push(await dueTask(`Call back #${i}`));
    const totals = { a: 0, b: 0 };
    // Both workers keep polling, concurrently, until neither finds anything due.
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([runDueJobs("worker-a", { limit: 7 }), runDueJobs("worker-b", { limit: 7 })]);
      totals.a += a.done;
      totals.b += b.done;
      if (a.done + b.done + a.skipped + b.skipped === 0) break;
    }
    expect(totals.a + totals.b).toBe(30);
    expect(totals.a).toBeGreaterThan(0);
    expect(totals.b).toBeGreaterThan(0);
    const emails = await taskEmails();
    expect(emails).toHaveLength(30);
    expect(new Set(emails.map((email) => email.to)).size).toBe(30);
    expect(await systemDb().scheduledJob.count({ where: { doneAt: null } })).toBe(0);
  });

  it("never hand the same row to two claimers on separate database connections", async () => {
    for (let i = 0; i < 40; i++) {
      await enqueueJob({ kind: "sweep", dedupeKey: `race-${i}-${ws.tenant.id}`, runAt: new Date(Date.now() - 1000) });
    }
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) });
    clients.push(other);
    const [a, b] = await Promise.all([claimDueJobs("worker-a", 40), claimDueJobs("worker-b", 40, other)]);
    const ids = [...a, ...b].map((job) => job.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    // Each claimed row names its own worker.
    const rows = await systemDb().scheduledJob.findMany({ where: { id: { in: a.map((job) => job.id) } } });
    expect(rows.every((row) => row.lockedBy === "worker-a" && row.lockedUntil && row.lockedUntil > new Date())).toBe(true);
    // While the leases are live nothing is due for a third worker.
    expect(await claimDueJobs("worker-c", 40)).toEqual([]);
  });

  it("send nothing twice when a lease expires while the first worker is still running the job", async () => {
    await dueTask("Slow reminder");
    const [job] = await claimDueJobs("worker-a", 1);
    // The lease runs out (worker A stalls); worker B claims the same job.
    await systemDb().scheduledJob.update({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const [again] = await claimDueJobs("worker-b", 1);
    expect(again.id).toBe(job.id);
    // Both now run it; only the current holder's run counts and the email goes out once.
    const outcomes = await Promise.all([runClaimedJob(job, "worker-a"), runClaimedJob(again, "worker-b")]);
    expect(outcomes.sort()).toEqual(["done", "skipped"]);
    expect(await taskEmails()).toHaveLength(1);
  });
});

describe("crashes and restarts", () => {
  it("picks up a job whose worker crashed once its lease has expired", async () => {
    const { assignee } = await dueTask("Crash survivor");
    const [job] = await claimDueJobs("crashed-worker", 10);
    expect(job).toBeDefined();
    // The crashed worker never finishes. While its lease is live, nobody else may take the job.
    expect(await runDueJobs("worker-b")).toEqual({ done: 0, skipped: 0, failed: 0 });
    await systemDb().scheduledJob.update({
      where: { id: job.id },
      data: { lockedUntil: new Date(Date.now() - LEASE_SECONDS * 1000 - 1) },
    });
    expect(await runDueJobs("worker-b")).toEqual({ done: 1, skipped: 0, failed: 0 });
    const emails = await taskEmails();
    expect(emails.map((email) => email.to)).toEqual([assignee.email]);
    const row = await systemDb().scheduledJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.doneAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    // The crashed worker's late "done" changes nothing and sends nothing.
    expect(await runClaimedJob(job, "crashed-worker")).toBe("skipped");
    expect(await taskEmails()).toHaveLength(1);
  });

  it("loses nothing across a restart: a new worker id runs what was queued before", async () => {
    await dueTask("Queued before restart");
    await dueTask("Also queued before restart");
    // The old process queued them and stopped; the new one has never seen them.
    expect((await runDueJobs(`restarted-${Date.now()}`)).done).toBe(2);
    expect(await taskEmails()).toHaveLength(2);
  });

  it("retries a failing job with backoff and records the error", async () => {
    await enqueueJob({ kind: "daily-digest", dedupeKey: `bad-${ws.tenant.id}`, runAt: new Date(Date.now() - 1000), tenantId: ws.tenant.id, payload: { userId: ws.owner.id } });
    // A job no handler knows (e.g. queued by a newer release) fails like any throwing handler.
    await systemDb().$executeRaw`UPDATE "ScheduledJob" SET "kind" = 'no-such-kind' WHERE "dedupeKey" = ${`bad-${ws.tenant.id}`}`;
    expect(await runDueJobs("worker-a")).toEqual({ done: 0, skipped: 0, failed: 1 });
    const row = await systemDb().scheduledJob.findUniqueOrThrow({ where: { dedupeKey: `bad-${ws.tenant.id}` } });
    expect(row.doneAt).toBeNull();
    expect(row.lockedBy).toBeNull();
    expect(row.lastError).toMatch(/unknown job kind/);
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });
});

describe("dedupeKey", () => {
  it("keeps one job however often it is enqueued, even after it ran", async () => {
    const { task } = await dueTask("Once only");
    const key = taskDueKey(ws.tenant.id, task.id);
    expect(await enqueueJob({ kind: "task-due", dedupeKey: key, runAt: task.dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } })).toBe(false);
    await Promise.all(
      Array.from({ length: 5 }, () => enqueueJob({ kind: "task-due", dedupeKey: key, runAt: task.dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } })),
    );
    expect(await systemDb().scheduledJob.count({ where: { dedupeKey: key } })).toBe(1);
    await runDueJobs("worker-a");
    expect(await enqueueJob({ kind: "task-due", dedupeKey: key, runAt: task.dueAt, tenantId: ws.tenant.id, payload: { taskId: task.id } })).toBe(false);
    expect(await runDueJobs("worker-a")).toEqual({ done: 0, skipped: 0, failed: 0 });
    expect(await taskEmails()).toHaveLength(1);
  });

  it("reschedules in place, and cancels only what has not run", async () => {
    const key = `resched-${ws.tenant.id}`;
    const later = new Date(Date.now() + 3_600_000);
    await rescheduleJob({ kind: "sweep", dedupeKey: key, runAt: new Date(Date.now() - 1000) });
    await rescheduleJob({ kind: "sweep", dedupeKey: key, runAt: later });
    const rows = await systemDb().scheduledJob.findMany({ where: { dedupeKey: key } });
    expect(rows).toHaveLength(1);
    expect(rows[0].runAt.toISOString()).toBe(later.toISOString());
    expect(await claimDueJobs("worker-a", 10)).toEqual([]);
    expect(await cancelJob(key)).toBe(1);
    expect(await systemDb().scheduledJob.count({ where: { dedupeKey: key } })).toBe(0);
  });
});
