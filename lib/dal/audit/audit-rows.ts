import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditCursor, AuditFilters } from "@/lib/audit/audit-filters";

// Shared by the audit DAL functions: the row DTO, the filter → where translation and the keyset
// conditions. Not a DAL entry point itself (no permission check here).

export type AuditPerson = { id: string; name: string; email: string };

/** The event's data, flattened to one level of plain values for display and export. */
export type AuditData = Record<string, string | number | boolean | null>;

export type AuditEventRow = {
  id: string;
  createdAt: Date;
  type: string;
  actor: AuditPerson | null;
  target: AuditPerson | null;
  /** For a failed sign-in with a username that names nobody: what was typed. */
  unknownUsername: string | null;
  ip: string | null;
  userAgent: string | null;
  data: AuditData;
};

const PERSON = { select: { id: true, name: true, email: true } } as const;

export const AUDIT_ROW_SELECT = {
  id: true,
  createdAt: true,
  type: true,
  ip: true,
  userAgent: true,
  data: true,
  actor: PERSON,
  target: PERSON,
} as const satisfies Prisma.AuditEventSelect;

type Selected = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_ROW_SELECT }>;

export function flattenAuditData(data: Prisma.JsonValue | null): AuditData {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data === null || data === undefined ? {} : { value: String(data) };
  const out: AuditData = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    out[key] = value === null || typeof value !== "object" ? value : JSON.stringify(value).slice(0, 500);
  }
  return out;
}

export function toAuditEventRow(record: Selected): AuditEventRow {
  const data = flattenAuditData(record.data);
  const username = data.username;
  return {
    id: record.id,
    createdAt: record.createdAt,
    type: record.type,
    actor: record.actor,
    target: record.target,
    unknownUsername: record.type === "signin.failure" && !record.target && typeof username === "string" ? username : null,
    ip: record.ip,
    userAgent: record.userAgent,
    data,
  };
}

export function auditWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.personId) and.push({ OR: [{ actorUserId: filters.personId }, { targetUserId: filters.personId }] });
  if (filters.type) and.push({ type: filters.type });
  if (filters.from) and.push({ createdAt: { gte: filters.from } });
  if (filters.toExclusive) and.push({ createdAt: { lt: filters.toExclusive } });
  return { AND: and };
}

/** Rows after the cursor in newest-first order. */
export function olderThan(cursor: AuditCursor): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

/** Rows before the cursor in newest-first order. */
export function newerThan(cursor: AuditCursor): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] };
}

export const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
export const OLDEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
