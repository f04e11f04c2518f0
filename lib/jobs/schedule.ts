import "server-only";
import { randomUUID } from "node:crypto";
import { systemDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScheduleWriter } from "@/lib/db/tenant-db";

// The schedule: rows in "ScheduledJob" (a system table, reached only through raw SQL here, never
// through tenantDb()). Every app server polls it; a due row is claimed with FOR UPDATE SKIP LOCKED
// plus a lease (lockedUntil), so two servers never run one job at the same time and a job whose
// server died mid-run is picked up again once its lease has expired. Nothing lives in memory only.

export type JobKind = "task-due" | "daily-digest" | "stale-opportunities" | "purge-trash" | "sweep";

export type ClaimedJob = {
  id: string;
  kind: JobKind;
  dedupeKey: string;
  tenantId: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
};

/** The system client or one of its transactions (the worker's side of the schedule). */
export type SystemSql = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

/**
 * Where a job is added or removed: the system client, or a tenant transaction (a task and its
 * reminder commit together). A tenant transaction has no raw SQL of its own (lib/db/tenant-db.ts);
 * it lends this module alone a door that runs statements on "ScheduledJob" and nothing else.
 */
export type ScheduleDb = SystemSql | ScheduleWriter;

function writeSchedule(db: ScheduleDb, statement: Prisma.Sql): Promise<number> {
  const door = (db as Partial<ScheduleWriter>).$writeSchedule;
  return door ? door(statement) : (db as SystemSql).$executeRaw(statement);
}

/** How long a claimed job stays reserved for its worker; a crashed worker's jobs come back after this. */
export const LEASE_SECONDS = 300;
/** After this many failed runs a job is given up (doneAt set, lastError kept for the operator). */
export const MAX_ATTEMPTS = 5;

export type EnqueueInput = {
  kind: JobKind;
  dedupeKey: string;
  runAt: Date;
  tenantId?: string | null;
  payload?: Record<string, unknown>;
};

/**
 * Adds a job unless one with the same dedupeKey exists (done or not): enqueueing twice, from two
 * servers or after a restart, leaves one job. Returns whether a row was added.
 */
export async function enqueueJob(input: EnqueueInput, db: ScheduleDb = systemDb()): Promise<boolean> {
  const added = await writeSchedule(
    db,
    Prisma.sql`
    INSERT INTO "ScheduledJob" ("id", "tenantId", "kind", "dedupeKey", "runAt", "payload")
    VALUES (${randomUUID()}, ${input.tenantId ?? null}, ${input.kind}, ${input.dedupeKey}, ${input.runAt}, ${JSON.stringify(input.payload ?? {})}::jsonb)
    ON CONFLICT ("dedupeKey") DO NOTHING`,
  );
  return added > 0;
}

/**
 * Creates the job or moves it to a new time, making it pending again even if it already ran (a
 * task whose due time moved must remind again). The worker holding an old lease loses it, so its
 * "done" can't swallow the rescheduled run.
 */
export async function rescheduleJob(input: EnqueueInput, db: ScheduleDb = systemDb()): Promise<void> {
  await writeSchedule(
    db,
    Prisma.sql`
    INSERT INTO "ScheduledJob" ("id", "tenantId", "kind", "dedupeKey", "runAt", "payload")
    VALUES (${randomUUID()}, ${input.tenantId ?? null}, ${input.kind}, ${input.dedupeKey}, ${input.runAt}, ${JSON.stringify(input.payload ?? {})}::jsonb)
    ON CONFLICT ("dedupeKey") DO UPDATE SET
      "runAt" = EXCLUDED."runAt", "payload" = EXCLUDED."payload", "doneAt" = NULL, "attempts" = 0,
      "lastError" = NULL, "lockedUntil" = NULL, "lockedBy" = NULL`,
  );
}

/** Removes a job that has not run yet (a completed or deleted task needs no reminder). */
export async function cancelJob(dedupeKey: string, db: ScheduleDb = systemDb()): Promise<number> {
  return writeSchedule(db, Prisma.sql`DELETE FROM "ScheduledJob" WHERE "dedupeKey" = ${dedupeKey} AND "doneAt" IS NULL`);
}

/**
 * Reserves up to `limit` due jobs for `workerId`. Rows another worker is claiming right now are
 * skipped (SKIP LOCKED), rows another worker holds a live lease on are not due, rows whose lease
 * expired (that worker crashed) are due again.
 */
export async function claimDueJobs(workerId: string, limit: number, db: SystemSql = systemDb()): Promise<ClaimedJob[]> {
  const rows = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "ScheduledJob"
       SET "lockedBy" = ${workerId},
           "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
           "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT "id" FROM "ScheduledJob"
        WHERE "doneAt" IS NULL AND "runAt" <= now()
          AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
        ORDER BY "runAt"
        FOR UPDATE SKIP LOCKED
        LIMIT ${limit})
    RETURNING "id", "kind", "dedupeKey", "tenantId", "payload", "runAt", "attempts"`;
  return rows;
}

/** Marks the job done, provided this worker still holds it (a reschedule in between wins). */
export async function completeJob(job: ClaimedJob, workerId: string, db: SystemSql = systemDb()): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "ScheduledJob" SET "doneAt" = now(), "lockedUntil" = NULL, "lastError" = NULL
     WHERE "id" = ${job.id} AND "lockedBy" = ${workerId} AND "doneAt" IS NULL`;
  return updated > 0;
}

/**
 * Records the failure and releases the job for a later retry with exponential backoff (1, 2, 4, 8
 * minutes), or gives up after MAX_ATTEMPTS. The message is kept for operators, never shown to users.
 */
export async function failJob(job: ClaimedJob, workerId: string, message: string, db: SystemSql = systemDb()): Promise<void> {
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  const backoffSeconds = 60 * 2 ** Math.max(0, job.attempts - 1);
  await db.$executeRaw`
    UPDATE "ScheduledJob"
       SET "lastError" = ${message.slice(0, 1000)},
           "lockedUntil" = NULL,
           "lockedBy" = NULL,
           "runAt" = CASE WHEN ${giveUp} THEN "runAt" ELSE now() + make_interval(secs => ${backoffSeconds}) END,
           "doneAt" = CASE WHEN ${giveUp} THEN now() ELSE NULL END
     WHERE "id" = ${job.id} AND "lockedBy" = ${workerId} AND "doneAt" IS NULL`;
}

/** Removes the pending jobs of one kind whose dedupeKey starts with `prefix` (e.g. one member's digests). */
export async function cancelJobsWithPrefix(kind: JobKind, prefix: string, db: ScheduleDb = systemDb()): Promise<number> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return writeSchedule(db, Prisma.sql`DELETE FROM "ScheduledJob" WHERE "kind" = ${kind} AND "doneAt" IS NULL AND "dedupeKey" LIKE ${pattern}`);
}
