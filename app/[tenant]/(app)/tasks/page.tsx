import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listAssignees, listLinkOptions, listMyTasks } from "@/lib/dal/tasks/list-tasks";
import { suggestedDueInputs } from "@/lib/time/zoned-time";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { TaskList } from "@/components/crm/tasks/task-list";
import { TaskForm } from "@/components/crm/tasks/task-form";
import { createTaskAction } from "@/lib/actions/task-actions";
import { readerLocale } from "@/lib/i18n/name-order";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}

const GROUPS = ["overdue", "today", "upcoming", "later", "completed"] as const;

export default async function MyTasksPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/tasks`);
  if (!can(member.role, "records.read")) forbidden();
  const canWrite = can(member.role, "records.write");
  const [t, timeZone, { saved }] = await Promise.all([getTranslations("tasks"), getTimeZone(), searchParams]);
  const [groups, assignees, linkOptions] = await Promise.all([
    listMyTasks(member, timeZone),
    canWrite ? listAssignees(member, readerLocale(await getLocale())) : Promise.resolve([]),
    canWrite ? listLinkOptions(member) : Promise.resolve({ customers: [], opportunities: [] }),
  ]);
  const isEmpty = GROUPS.every((group) => groups[group].length === 0);
  const suggested = suggestedDueInputs(timeZone);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} lead={t("lead", { zone: timeZone })} />
      {saved ? (
        <div role="status">
          <Notice tone="success">{t("saved")}</Notice>
        </div>
      ) : null}
      {!canWrite ? <Notice>{t("readOnly")}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {isEmpty ? (
            <Card>
              <div className="py-6 text-center" data-testid="tasks-empty">
                <h2 className="text-lg font-semibold text-slate-900 dark:text-white">{t("emptyTitle")}</h2>
                <p className="mx-auto mt-1 max-w-md text-slate-600 dark:text-slate-400">{t("emptyLead")}</p>
              </div>
            </Card>
          ) : (
            GROUPS.filter((group) => groups[group].length > 0).map((group) => (
              <section key={group} aria-labelledby={`tasks-${group}`} data-testid={`tasks-group-${group}`}>
                <Card>
                  <h2 id={`tasks-${group}`} className={`text-lg font-semibold ${group === "overdue" ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-white"}`}>
                    {t(`groups.${group}`)} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({groups[group].length})</span>
                  </h2>
                  <TaskList slug={member.tenant.slug} tasks={groups[group]} canWrite={canWrite} tone={group === "overdue" ? "overdue" : "normal"} />
                </Card>
              </section>
            ))
          )}
        </div>
        {canWrite ? (
          <section aria-labelledby="new-task">
            <Card>
              <h2 id="new-task" className="mb-4 text-lg font-semibold text-slate-900 dark:text-white">
                {t("newTask")}
              </h2>
              <TaskForm
                action={createTaskAction.bind(null, member.tenant.slug)}
                timeZone={timeZone}
                assignees={assignees.map((a) => ({ value: a.id, label: a.name }))}
                linkOptions={linkOptions}
                defaults={{ title: "", notes: "", dueDate: suggested.date, dueTime: suggested.time, assigneeId: member.user.id, link: "" }}
              />
            </Card>
          </section>
        ) : null}
      </div>
    </div>
  );
}
