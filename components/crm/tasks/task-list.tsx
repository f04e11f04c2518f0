import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TaskListItem } from "@/lib/dal/tasks/list-tasks";
import { TaskActionButton } from "./task-action-button";
import { completeTaskAction, reopenTaskAction } from "@/lib/actions/task-actions";

/** Where a task's linked record lives (the most specific one that is not in the trash). */
function recordLink(slug: string, task: TaskListItem): { id: string; href: string; label: string } | null {
  if (task.opportunity && !task.opportunity.deletedAt) return { id: task.opportunity.id, href: `/${slug}/opportunities/${task.opportunity.id}`, label: task.opportunity.title };
  if (task.contact && !task.contact.deletedAt && task.customerId)
    return { id: task.contact.id, href: `/${slug}/customers/${task.customerId}/contacts/${task.contact.id}`, label: task.contact.name };
  if (task.customer && !task.customer.deletedAt) return { id: task.customer.id, href: `/${slug}/customers/${task.customer.id}`, label: task.customer.name };
  return null;
}

const checkbox =
  "grid h-6 w-6 shrink-0 place-items-center rounded-md border-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Tasks as a list: a done checkbox (when the member may change tasks), title, due time, record, assignee. */
export async function TaskList({
  slug,
  tasks,
  canWrite,
  showAssignee = false,
  tone = "normal",
  currentRecordId,
  now,
}: {
  slug: string;
  tasks: TaskListItem[];
  canWrite: boolean;
  showAssignee?: boolean;
  tone?: "normal" | "overdue";
  /** On a record's own page its tasks don't link back to it. */
  currentRecordId?: string;
  /** Given, each open task due before it is marked "Overdue" (in words and colour) on its own. */
  now?: Date;
}) {
  const [t, format] = await Promise.all([getTranslations("tasks"), getFormatter()]);
  // Bound once here, on the server, for every row (the task id travels in the row's hidden input).
  const complete = completeTaskAction.bind(null, slug);
  const reopen = reopenTaskAction.bind(null, slug);
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" role="list">
      {tasks.map((task) => {
        const done = Boolean(task.completedAt);
        const linked = recordLink(slug, task);
        const record = linked && linked.id !== currentRecordId ? linked : null;
        const when = format.dateTime(done && task.completedAt ? task.completedAt : task.dueAt, { dateStyle: "medium", timeStyle: "short" });
        const overdue = !done && (tone === "overdue" || (now !== undefined && task.dueAt.getTime() < now.getTime()));
        return (
          <li
            key={task.id}
            className={`flex items-start gap-3 py-3 ${overdue && now ? "-mx-2 rounded-lg border-l-4 border-red-600 bg-red-50 px-2 dark:border-red-400 dark:bg-red-950/40" : ""}`}
            data-testid="task-item"
            data-overdue={overdue ? "true" : undefined}
          >
            {canWrite ? (
              <TaskActionButton
                action={done ? reopen : complete}
                taskId={task.id}
                label={done ? t("markNotDone", { title: task.title }) : t("markDone", { title: task.title })}
                className={`${checkbox} mt-0.5 ${
                  done
                    ? "border-emerald-600 bg-emerald-600 text-white dark:border-emerald-500 dark:bg-emerald-500 dark:text-slate-950"
                    : "border-slate-400 bg-white hover:border-brand-600 dark:border-slate-500 dark:bg-slate-950"
                }`}
              >
                {done ? (
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
                    <path d="M3 8.5l3 3 7-7" />
                  </svg>
                ) : null}
              </TaskActionButton>
            ) : null}
            <div className="min-w-0 flex-1">
              <p className={`break-words font-medium ${done ? "text-slate-500 line-through dark:text-slate-400" : "text-slate-900 dark:text-slate-100"}`} data-testid="task-title">
                {task.title}
              </p>
              <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                {overdue && now ? (
                  <span className="rounded bg-red-700 px-1.5 font-semibold text-white dark:bg-red-300 dark:text-red-950" data-testid="task-overdue">
                    {t("overdueBadge")}
                  </span>
                ) : null}
                <span className={overdue ? "font-medium text-red-700 dark:text-red-300" : undefined}>
                  {done ? t("doneAt", { when }) : t("due", { when })}
                </span>
                {record ? (
                  <Link href={record.href} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
                    {record.label}
                  </Link>
                ) : null}
                {showAssignee ? <span>{t("assignedTo", { name: task.assignee.name })}</span> : null}
                {task.source === "stale-opportunity" ? <span className="rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-950 dark:text-amber-200">{t("automatic")}</span> : null}
              </p>
              {task.notes ? <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700 dark:text-slate-300">{task.notes}</p> : null}
            </div>
            {canWrite && !done ? (
              <Link
                href={`/${slug}/tasks/${task.id}`}
                aria-label={t("editLabel", { title: task.title })}
                className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800"
              >
                {t("edit")}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
