import { getTimeZone, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listRecordTasks } from "@/lib/dal/tasks/list-tasks";
import { suggestedDueInputs } from "@/lib/time/zoned-time";
import { TaskList } from "@/components/crm/tasks/task-list";
import { QuickReminderForm } from "@/components/crm/tasks/quick-reminder-form";
import { quickReminderAction } from "@/lib/actions/task-actions";

export type RecordRef = { kind: "customer"; id: string } | { kind: "contact"; id: string } | { kind: "opportunity"; id: string };

/**
 * The open tasks linked to a customer, contact or opportunity, shown at the top of its timeline,
 * overdue ones marked; the completed ones and a quick "Remind me" form fold away below them.
 * Lists only tasks the member may see; read-only members see the list without the form or
 * checkboxes.
 */
export async function RecordTasks({ member, record, now }: { member: MemberContext; record: RecordRef; now: Date }) {
  const [t, timeZone] = await Promise.all([getTranslations("tasks"), getTimeZone()]);
  const canWrite = can(member.role, "records.write");
  const filter = record.kind === "customer" ? { customerId: record.id } : record.kind === "contact" ? { contactId: record.id } : { opportunityId: record.id };
  const { open, completed } = await listRecordTasks(member, filter);
  const suggested = suggestedDueInputs(timeZone, now);
  const slug = member.tenant.slug;
  return (
    <section aria-labelledby={`record-tasks-${record.id}`} data-testid="record-tasks" className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <h3 id={`record-tasks-${record.id}`} className="font-semibold text-slate-900 dark:text-white">
        {t("openTitle")} <span className="font-normal text-slate-600 dark:text-slate-400">({open.length})</span>
      </h3>
      {open.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("recordEmpty")}</p>
      ) : (
        <TaskList slug={slug} tasks={open} canWrite={canWrite} showAssignee currentRecordId={record.id} now={now} />
      )}
      {completed.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-300">
            {t("recordCompleted")} ({completed.length})
          </summary>
          <TaskList slug={slug} tasks={completed} canWrite={canWrite} showAssignee currentRecordId={record.id} />
        </details>
      ) : null}
      {canWrite ? (
        <details className="mt-2" data-testid="quick-reminder">
          <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-300">{t("remindMe")}</summary>
          <div className="mt-3">
            <QuickReminderForm action={quickReminderAction.bind(null, slug)} link={`${record.kind}:${record.id}`} timeZone={timeZone} defaultDate={suggested.date} defaultTime={suggested.time} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
