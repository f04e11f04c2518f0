// dedupeKeys: one job per thing that should happen once. Kept in one place so the code that
// enqueues and the code that cancels can never disagree on the spelling.

export const taskDueKey = (tenantId: string, taskId: string) => `task-due:${tenantId}:${taskId}`;
export const digestKey = (tenantId: string, userId: string, localDate: string) => `daily-digest:${tenantId}:${userId}:${localDate}`;
export const digestKeyPrefix = (tenantId: string, userId: string) => `daily-digest:${tenantId}:${userId}:`;
export const staleKey = (tenantId: string, utcDate: string) => `stale-opportunities:${tenantId}:${utcDate}`;
export const purgeKey = (utcDate: string) => `purge-trash:${utcDate}`;
export const sweepKey = (utcHour: string) => `sweep:${utcHour}`;

/** "2026-11-29" (UTC). */
export const utcDate = (at: Date) => at.toISOString().slice(0, 10);
/** "2026-11-29T04" (UTC). */
export const utcHour = (at: Date) => at.toISOString().slice(0, 13);
