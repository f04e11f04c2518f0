import "server-only";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { isLocale } from "@/lib/i18n/locales";
import { groupBounds, groupTasks } from "@/lib/dal/tasks/task-groups";
import { localDateKey, nextLocalTime, safeTimeZone } from "@/lib/time/zoned-time";
import { enqueueJob, type ScheduleDb } from "../schedule";
import { digestKey } from "../job-keys";
import { taskRecordName } from "./task-record-name";
import type { JobHandler } from "./types";

/** The hour of the member's morning the digest goes out. */
export const DIGEST_HOUR = 8;

/** Queues the member's next digest: the next 08:00 on their clock. Once per local date. */
export async function enqueueNextDigest(
  tx: ScheduleDb,
  user: { tenantId: string; id: string; timeZone: string | null },
  after: Date,
): Promise<void> {
  const zone = safeTimeZone(user.timeZone);
  const runAt = nextLocalTime(after, zone, DIGEST_HOUR);
  await enqueueJob(
    { kind: "daily-digest", dedupeKey: digestKey(user.tenantId, user.id, localDateKey(runAt, zone)), runAt, tenantId: user.tenantId, payload: { userId: user.id } },
    tx,
  );
}

/**
 * The morning email: overdue, due today and the next 7 days, as the member's own clock counts
 * days. Nothing to say → no email. Queues tomorrow's digest either way (a deactivated member's
 * chain ends; the sweep starts it again if they come back).
 */
export const runDailyDigest: JobHandler = async (job, tx, now) => {
  const userId = String(job.payload.userId ?? "");
  const tenantId = job.tenantId;
  if (!tenantId || !userId) return;
  const user = await tx.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { id: true, tenantId: true, email: true, locale: true, timeZone: true, status: true, tenant: { select: { name: true, slug: true } } },
  });
  if (!user || user.status !== "ACTIVE") return;
  await enqueueNextDigest(tx, user, now);
  const zone = safeTimeZone(user.timeZone);
  const bounds = groupBounds(now, zone);
  const tasks = await tx.task.findMany({
    where: { tenantId, assigneeId: userId, completedAt: null, deletedAt: null, dueAt: { lt: bounds.endOfUpcoming } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      title: true,
      dueAt: true,
      customer: { select: { name: true } },
      contact: { select: { name: true } },
      opportunity: { select: { title: true } },
    },
  });
  const groups = groupTasks(
    tasks.map((task) => ({ title: task.title, dueAt: task.dueAt, recordName: taskRecordName(task) })),
    bounds,
  );
  if (groups.overdue.length + groups.today.length + groups.upcoming.length === 0) return;
  await sendEmail({
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : "en",
    tenantId,
    template: {
      name: "daily-digest",
      data: {
        workspaceName: user.tenant.name,
        timeZone: zone,
        day: now,
        overdue: groups.overdue,
        today: groups.today,
        upcoming: groups.upcoming,
        tasksUrl: `${appUrl()}/${user.tenant.slug}/tasks`,
      },
    },
  });
};
