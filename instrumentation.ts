// Runs once when a Next.js server starts (https://nextjs.org/docs/app/api-reference/file-conventions/instrumentation):
// starts this process's worker for the schedule stored in PostgreSQL (reminder emails, daily
// digests, stale-opportunity reminders, trash purge). JOBS_ENABLED=false turns it off (tests).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.JOBS_ENABLED === "false") return;
  const { startJobWorker } = await import("./lib/jobs/worker");
  startJobWorker();
}
