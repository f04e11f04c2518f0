import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { cancelJobsWithPrefix } from "@/lib/jobs/schedule";
import { digestKeyPrefix } from "@/lib/jobs/job-keys";
import { enqueueNextDigest } from "@/lib/jobs/handlers/daily-digest";
import type { MemberContext } from "../context";

/**
 * Remembers the zone the member's browser reports (the relay_tz cookie), so their digest goes out
 * at 08:00 on their clock and reminder emails show their time. A no-op UPDATE on most requests;
 * when the zone changes, the pending digest moves to the new morning.
 */
export async function syncMemberTimeZone(ctx: MemberContext, zone: string | null): Promise<void> {
  if (!zone) return;
  const tenantId = ctx.tenant.id;
  const userId = ctx.user.id;
  await tenantDb(tenantId).$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: userId, OR: [{ timeZone: null }, { timeZone: { not: zone } }] },
      data: { timeZone: zone },
    });
    if (changed.count === 0) return;
    await cancelJobsWithPrefix("daily-digest", digestKeyPrefix(tenantId, userId), tx);
    await enqueueNextDigest(tx, { tenantId, id: userId, timeZone: zone }, new Date());
  });
}
