import "server-only";
import { authorize, type MemberContext } from "../context";
import type { EntityType, FieldChanges } from "./record-history";

// A record's history for its page, newest first. The caller has already shown the record itself
// (so visibility was checked by the record's own getter); the ids are tenant-scoped here anyway.

export type RecordChangeEntry = {
  id: string;
  action: string;
  actorName: string | null;
  changedAt: Date;
  changes: FieldChanges;
};

export async function listRecordChanges(ctx: MemberContext, entityType: EntityType, entityId: string, limit = 200): Promise<RecordChangeEntry[]> {
  const db = authorize(ctx, "records.read");
  const rows = await db.recordChange.findMany({
    where: { entityType, entityId },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, action: true, changedAt: true, changes: true, actor: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    actorName: row.actor?.name ?? null,
    changedAt: row.changedAt,
    changes: (row.changes && typeof row.changes === "object" && !Array.isArray(row.changes) ? row.changes : {}) as FieldChanges,
  }));
}

/** Names of the members referenced by ownerId / assigneeId values in a history, for display. */
export async function memberNames(ctx: MemberContext, ids: readonly string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 40))];
  if (unique.length === 0) return {};
  const db = authorize(ctx, "records.read");
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return Object.fromEntries(users.map((user) => [user.id, user.name]));
}
