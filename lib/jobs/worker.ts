import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { logError } from "@/lib/log";
import { enqueueJob } from "./schedule";
import { sweepKey, utcHour } from "./job-keys";
import { runDueJobs } from "./run-jobs";

// One polling loop per server process. Several servers each run one; the schedule's row locks
// and leases keep them from running a job twice. Stopping waits for the batch in hand to finish.

export const POLL_INTERVAL_MS = 15_000;

type Worker = { id: string; stop: () => Promise<void> };
const holder = globalThis as { relayJobWorker?: Worker };

export function jobsEnabled(): boolean {
  return process.env.JOBS_ENABLED !== "false";
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Starts this process's worker (once; a second call returns the running one). */
export function startJobWorker(): Worker {
  if (holder.relayJobWorker) return holder.relayJobWorker;
  const id = newWorkerId();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  const tick = async () => {
    if (stopped) return;
    try {
      // The hourly sweep re-seeds every recurring job; queueing it for the current hour is a
      // no-op when some server already did.
      const now = new Date();
      await enqueueJob({ kind: "sweep", dedupeKey: sweepKey(utcHour(now)), runAt: now });
      // Keep draining while full batches come back, then wait for the next poll.
      for (let round = 0; round < 50 && !stopped; round++) {
        const counts = await runDueJobs(id, { limit: 20 });
        if (counts.done + counts.skipped + counts.failed < 20) break;
      }
    } catch (error) {
      logError("jobs:poll", error);
    }
    if (!stopped) timer = setTimeout(() => void (current = tick()), POLL_INTERVAL_MS);
  };

  timer = setTimeout(() => void (current = tick()), 1_000);
  const worker: Worker = {
    id,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      holder.relayJobWorker = undefined;
    },
  };
  holder.relayJobWorker = worker;

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void worker.stop());
  }
  return worker;
}
