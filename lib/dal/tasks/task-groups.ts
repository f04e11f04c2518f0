import { startOfLocalDay } from "@/lib/time/zoned-time";

// "Overdue / today / upcoming" as the member sees their day: boundaries are midnights in their own
// time zone, so a task due 00:30 Shanghai time is "today" for them even while it is yesterday in UTC.
// Shared by "My tasks", the nav badge and the daily digest so they always agree.

export type TaskGroup = "overdue" | "today" | "upcoming";

/** The window the daily digest and "My tasks" call upcoming: the 7 days after today. */
export const UPCOMING_DAYS = 7;

export type GroupBounds = { now: Date; startOfTomorrow: Date; endOfUpcoming: Date };

export function groupBounds(now: Date, timeZone: string): GroupBounds {
  return { now, startOfTomorrow: startOfLocalDay(now, timeZone, 1), endOfUpcoming: startOfLocalDay(now, timeZone, 1 + UPCOMING_DAYS) };
}

/** Which group an open task due at `dueAt` falls in; null when it is beyond the upcoming window. */
export function taskGroup(dueAt: Date, bounds: GroupBounds): TaskGroup | null {
  const due = dueAt.getTime();
  if (due < bounds.now.getTime()) return "overdue";
  if (due < bounds.startOfTomorrow.getTime()) return "today";
  if (due < bounds.endOfUpcoming.getTime()) return "upcoming";
  return null;
}

export function groupTasks<T extends { dueAt: Date }>(tasks: T[], bounds: GroupBounds): Record<TaskGroup, T[]> & { later: T[] } {
  const groups: Record<TaskGroup, T[]> & { later: T[] } = { overdue: [], today: [], upcoming: [], later: [] };
  for (const task of [...tasks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
    groups[taskGroup(task.dueAt, bounds) ?? "later"].push(task);
  }
  return groups;
}
