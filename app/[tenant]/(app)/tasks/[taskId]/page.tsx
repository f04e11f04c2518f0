import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getFormatter, getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getTask, listAssignees, listLinkOptions } from "@/lib/dal/tasks/list-tasks";
import { linkValue } from "@/lib/dal/tasks/task-access";
import { toLocalInputs } from "@/lib/time/zoned-time";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { TaskForm } from "@/components/crm/tasks/task-form";
import { TaskActionButton } from "@/components/crm/tasks/task-action-button";
import { deleteTaskAction, updateTaskAction } from "@/lib/actions/task-actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("editTitle") };
}

export default async function EditTaskPage({ params }: { params: Promise<{ tenant: string; taskId: string }> }) {
  const { tenant, taskId } = await params;
  const member = await requireMember(tenant, `/${tenant}/tasks/${encodeURIComponent(taskId)}`);
  if (!can(member.role, "records.write")) forbidden();
  const task = await getTask(member, taskId);
  if (!task) notFound();
  const [t, format, timeZone, assignees, linkOptions] = await Promise.all([
    getTranslations("tasks"),
    getFormatter(),
    getTimeZone(),
    listAssignees(member, readerLocale(await getLocale())),
    listLinkOptions(member),
  ]);
  // Flagged rather than refused: the task may keep its overdue time (updateTask allows exactly that).
  const overdue = !task.completedAt && task.dueAt < new Date();
  const due = toLocalInputs(task.dueAt, timeZone);
  const link = linkValue(task);
  const listed = [...linkOptions.customers, ...linkOptions.opportunities].some((option) => option.value === link);
  const currentLabel = task.opportunity?.title ?? task.contact?.name ?? task.customer?.name ?? "";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Link href={`/${member.tenant.slug}/tasks`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
        ← {t("back")}
      </Link>
      <PageHeader title={t("editTitle")} />
      {overdue ? (
        <div data-testid="task-overdue-flag">
          <Notice tone="error">
            <span className="font-semibold">{t("overdueBadge")}</span> · {t("overdueFlag", { when: format.dateTime(task.dueAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </Notice>
        </div>
      ) : null}
      <Card>
        <TaskForm
          action={updateTaskAction.bind(null, member.tenant.slug)}
          timeZone={timeZone}
          assignees={assignees.map((a) => ({ value: a.id, label: a.name }))}
          linkOptions={linkOptions}
          defaults={{
            taskId: task.id,
            updatedAt: task.updatedAt.toISOString(),
            title: task.title,
            notes: task.notes ?? "",
            dueDate: due.date,
            dueTime: due.time,
            assigneeId: task.assigneeId,
            link,
            currentLink: link && !listed ? { value: link, label: currentLabel } : null,
          }}
        />
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <TaskActionButton action={deleteTaskAction.bind(null, member.tenant.slug)} taskId={task.id} label={t("delete")} className={buttonStyles.danger} confirmMessage={t("deleteConfirm")}>
          {t("delete")}
        </TaskActionButton>
      </div>
    </div>
  );
}
