import "server-only";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { isLocale } from "@/lib/i18n/locales";
import { safeTimeZone } from "@/lib/time/zoned-time";
import { taskRecordName } from "./task-record-name";
import type { JobHandler } from "./types";

/**
 * Emails the assignee at the task's due time, in their language and time zone. The conditional
 * UPDATE is the guard: a task completed, deleted or moved later since the job was queued, or one
 * already reminded for this due time, sends nothing.
 */
export const runTaskDue: JobHandler = async (job, tx) => {
  const taskId = String(job.payload.taskId ?? "");
  const tenantId = job.tenantId;
  if (!tenantId || !taskId) return;
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Task" SET "notifiedAt" = now()
     WHERE "tenantId" = ${tenantId} AND "id" = ${taskId}
       AND "completedAt" IS NULL AND "deletedAt" IS NULL
       AND "dueAt" <= now() + interval '1 minute'
       AND ("notifiedAt" IS NULL OR "notifiedAt" < "dueAt")
    RETURNING "id"`;
  if (claimed.length === 0) return;
  const task = await tx.task.findUnique({
    where: { tenantId_id: { tenantId, id: taskId } },
    select: {
      title: true,
      notes: true,
      dueAt: true,
      tenant: { select: { name: true, slug: true } },
      assignee: { select: { email: true, locale: true, timeZone: true, status: true } },
      customer: { select: { name: true } },
      contact: { select: { name: true } },
      opportunity: { select: { title: true } },
    },
  });
  if (!task || task.assignee.status !== "ACTIVE") return;
  await sendEmail({
    to: task.assignee.email,
    locale: isLocale(task.assignee.locale) ? task.assignee.locale : "en",
    tenantId,
    template: {
      name: "task-due",
      data: {
        workspaceName: task.tenant.name,
        taskTitle: task.title,
        notes: task.notes,
        dueAt: task.dueAt,
        timeZone: safeTimeZone(task.assignee.timeZone),
        recordName: taskRecordName(task),
        tasksUrl: `${appUrl()}/${task.tenant.slug}/tasks`,
      },
    },
  });
};
