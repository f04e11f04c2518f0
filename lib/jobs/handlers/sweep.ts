import "server-only";
import { enqueueJob } from "../schedule";
import { purgeKey, staleKey, sweepKey, utcDate, utcHour } from "../job-keys";
import { enqueueNextDigest } from "./daily-digest";
import type { JobHandler } from "./types";

/**
 * Hourly housekeeping, itself a job (one per UTC hour, whichever server claims it): every active
 * member has a pending digest, every workspace with the stale-opportunity reminder on gets its
 * daily check, the trash is purged daily, and the next sweep is queued. Anything lost (a member
 * reactivated, a chain broken by a bug) is repaired within the hour.
 */
export const runSweep: JobHandler = async (_job, tx, now) => {
  const nextHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  await enqueueJob({ kind: "sweep", dedupeKey: sweepKey(utcHour(nextHour)), runAt: nextHour }, tx);

  const withoutDigest = await tx.$queryRaw<{ id: string; tenantId: string; timeZone: string | null }[]>`
    SELECT u."id", u."tenantId", u."timeZone" FROM "User" u
     WHERE u."status" = 'ACTIVE'
       AND NOT EXISTS (
         SELECT 1 FROM "ScheduledJob" j
          WHERE j."kind" = 'daily-digest' AND j."doneAt" IS NULL
            AND j."tenantId" = u."tenantId" AND j."payload"->>'userId' = u."id")`;
  for (const user of withoutDigest) await enqueueNextDigest(tx, user, now);

  const tenants = await tx.tenant.findMany({ where: { staleOpportunityDays: { gt: 0 } }, select: { id: true } });
  for (const tenant of tenants) {
    await enqueueJob({ kind: "stale-opportunities", dedupeKey: staleKey(tenant.id, utcDate(now)), runAt: now, tenantId: tenant.id }, tx);
  }
  await enqueueJob({ kind: "purge-trash", dedupeKey: purgeKey(utcDate(now)), runAt: now }, tx);
};
