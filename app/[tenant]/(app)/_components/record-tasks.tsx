import { getTimeZone, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listRecordTasks } from "@/lib/dal/tasks/list-tasks";
import { suggestedDueInputs } from "@/lib/time/zoned-time";
import { Card } from "@/components/ui/card";
import { TaskList } from "@/components/crm/tasks/task-list";
import { QuickReminderForm } from "@/components/crm/tasks/quick-reminder-form";
import { quickReminderAction } from "@/lib/actions/task-actions";

type RecordRef = { kind: "customer"; id: string } | { kind: "contact"; id: string } | { kind: "opportunity"; id: string };

/**
 * The tasks linked to a customer, contact or opportunity, with a quick "Remind me" form. Lists only
 * tasks the member may see; read-only members see the list without the form or checkboxes.
 */
export async function RecordTasks({ member, record }: { member: MemberContext; record: RecordRef }) {
  const [t, timeZone] = await Promise.all([getTranslations("tasks"), getTimeZone()]);
  const canWrite = can(member.role, "records.write");
  const filter = record.kind === "customer" ? { customerId: record.id } : record.kind === "contact" ? { contactId: record.id } : { opportunityId: record.id };
  const { open, completed } = await listRecordTasks(member, filter);
  const suggested = suggestedDueInputs(timeZone);
  const slug = member.tenant.slug;
  return (
    <section aria-labelledby={`record-tasks-${record.id}`} data-testid="record-tasks">
      <Card>
        <h2 id={`record-tasks-${record.id}`} className="text-lg font-semibold text-slate-900 dark:text-white">
          {t("recordTitle")}
        </h2>
        {open.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("recordEmpty")}</p>
        ) : (
          <TaskList slug={slug} tasks={open} canWrite={canWrite} showAssignee currentRecordId={record.id} />
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
          <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
            <h3 className="mb-3 font-medium text-slate-900 dark:text-slate-100">{t("remindMe")}</h3>
            <QuickReminderForm action={quickReminderAction.bind(null, slug)} link={`${record.kind}:${record.id}`} timeZone={timeZone} defaultDate={suggested.date} defaultTime={suggested.time} />
          </div>
        ) : null}
      </Card>
    </section>
  );
}
