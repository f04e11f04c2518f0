import "server-only";
import type { tenantDb } from "@/lib/db/tenant-db";

// Field-level history of CRM records: who, when, which fields, old and new values. Written in the
// same transaction as the change itself, so the history can never disagree with the record.

export type EntityType = "customer" | "contact" | "opportunity" | "activity" | "task";
export type ChangeAction = "created" | "updated" | "deleted" | "restored" | "transferred" | "stage-changed" | "merged";
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

type Db = Pick<ReturnType<typeof tenantDb>, "recordChange">;

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object" && "toFixed" in value) return String(value); // Prisma.Decimal
  if (Array.isArray(value)) return value.map(comparable);
  return value ?? null;
}

/** The fields of `after` whose values differ from `before` (dates, decimals and arrays compared by value). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export async function recordChange(
  db: Db,
  tenantId: string,
  entry: { entityType: EntityType; entityId: string; action: ChangeAction; actorId: string | null; changes?: FieldChanges },
): Promise<void> {
  if (entry.action === "updated" && entry.changes && Object.keys(entry.changes).length === 0) return;
  await db.recordChange.create({
    data: {
      tenantId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      actorId: entry.actorId,
      changes: (entry.changes ?? {}) as object,
    },
  });
}
