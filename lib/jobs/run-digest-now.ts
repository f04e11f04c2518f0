import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { enqueueNextDigest } from "./handlers/daily-digest";
import { newWorkerId } from "./worker";
import { runDueJobs } from "./run-jobs";

/**
 * Development and end-to-end tests only (POST /dev/jobs/run-digest, behind the same switch as the
 * dev mailbox): brings the pending daily digest of the members with this email forward to now and
 * runs due jobs, so the REAL digest handler can be watched without waiting for 08:00. Whichever
 * worker claims the job (this one or the background one), it runs once.
 */
export async function runDigestNow(email: string): Promise<{ members: number; jobsRun: number }> {
  const users = await systemDb().user.findMany({
    where: { email: email.trim().toLowerCase(), status: "ACTIVE" },
    select: { id: true, tenantId: true, timeZone: true },
  });
  for (const user of users) {
    await enqueueNextDigest(systemDb(), user, new Date());
    await systemDb().$executeRaw`
      UPDATE "ScheduledJob" SET "runAt" = now()
       WHERE "kind" = 'daily-digest' AND "doneAt" IS NULL
         AND "tenantId" = ${user.tenantId} AND "payload"->>'userId' = ${user.id}`;
  }
  const counts = await runDueJobs(newWorkerId(), { limit: 50 });
  return { members: users.length, jobsRun: counts.done };
}
