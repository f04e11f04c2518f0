import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { logError } from "@/lib/log";
import { claimDueJobs, failJob, type ClaimedJob, type JobKind } from "./schedule";
import { runTaskDue } from "./handlers/task-due";
import { runDailyDigest } from "./handlers/daily-digest";
import { runStaleOpportunities } from "./handlers/stale-opportunities";
import { runSweep } from "./handlers/sweep";
import { runPurgeTrash } from "./handlers/purge-trash";
import type { JobHandler } from "./handlers/types";

const HANDLERS: Record<JobKind, JobHandler> = {
  "task-due": runTaskDue,
  "daily-digest": runDailyDigest,
  "stale-opportunities": runStaleOpportunities,
  "purge-trash": runPurgeTrash,
  sweep: runSweep,
};

export type RunOutcome = "done" | "skipped" | "failed";

/**
 * Runs one claimed job. The handler runs inside the transaction that marks the job done, and that
 * UPDATE only matches while this worker still holds the job: if the lease expired and another
 * worker took it, or the job was rescheduled, this run does nothing. The job row stays locked
 * until the commit, so a second worker that did claim it waits and then finds it done.
 */
export async function runClaimedJob(job: ClaimedJob, workerId: string, now: () => Date = () => new Date()): Promise<RunOutcome> {
  const handler = HANDLERS[job.kind];
  try {
    if (!handler) throw new Error(`unknown job kind ${job.kind}`);
    const ran = await systemDb().$transaction(
      async (tx) => {
        const mine = await tx.$executeRaw`
          UPDATE "ScheduledJob" SET "doneAt" = now(), "lockedUntil" = NULL, "lastError" = NULL
           WHERE "id" = ${job.id} AND "lockedBy" = ${workerId} AND "doneAt" IS NULL`;
        if (mine === 0) return false;
        await handler(job, tx, now());
        return true;
      },
      // Sending an email may retry a provider for a while; the default 15 s would cut it short.
      { timeout: 120_000 },
    );
    return ran ? "done" : "skipped";
  } catch (error) {
    const reference = logError(`job:${job.kind}`, error);
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await failJob(job, workerId, `${name} (ref ${reference})`).catch((failure) => logError("job:fail", failure));
    return "failed";
  }
}

/** Claims up to `limit` due jobs for this worker and runs them one after another. */
export async function runDueJobs(workerId: string, options: { limit?: number; now?: () => Date } = {}): Promise<Record<RunOutcome, number>> {
  const counts: Record<RunOutcome, number> = { done: 0, skipped: 0, failed: 0 };
  const jobs = await claimDueJobs(workerId, options.limit ?? 20);
  for (const job of jobs) counts[await runClaimedJob(job, workerId, options.now)]++;
  return counts;
}
