import "server-only";
import { can } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/auth/audit";
import { TAGS_MAX, type CustomerStatusValue } from "@/lib/validation/customer";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { customerWhere, recordScope } from "../crm/visibility";
import { BULK_LIMIT, cleanIds, type BulkOutcome, type BulkSelection } from "../crm/bulk-selection";
import { customerListWhere } from "./list-customers";
import { customerListSearchParams, type CustomerListQuery } from "./list-query";
import { trashCutoff } from "./write-customer";

// Bulk actions on the customer list: a new owner, a tag added or removed, a new status, or the
// trash, for the rows a member ticked or for every customer the list's filters match. Each is one
// statement over the whole selection (a data-modifying CTE that locks the rows, changes those it
// applies to and writes their field history), so 10,000 customers change in one round trip rather
// than 10,000; the board and report rollups follow through their statement-level triggers. The
// member's visibility is checked twice: when the selection is resolved and again inside the
// statement, so a customer handed to someone else in between is left alone. One audit entry says
// what was done, to what, and how many changed.

export type CustomerFilters = Omit<CustomerListQuery, "sort" | "dir" | "pageSize" | "cursor">;

export type CustomerBulkChange =
  | { kind: "owner"; ownerId: string }
  | { kind: "addTag"; tag: string }
  | { kind: "removeTag"; tag: string }
  | { kind: "status"; status: CustomerStatusValue }
  | { kind: "trash" };

type Counts = { selected: number; changed: number; tagsFull: number };

/** The customers the selection names that the member may change (visible, not in the trash), at most BULK_LIMIT + 1. */
async function resolveSelection(ctx: MemberContext, selection: BulkSelection<CustomerFilters>): Promise<{ requested: number; ids: string[] }> {
  const db = authorize(ctx, "records.write");
  if ("ids" in selection) {
    const wanted = cleanIds(selection.ids);
    if (wanted.length === 0) return { requested: 0, ids: [] };
    const scope = await recordScope(ctx);
    // Another workspace's ids never match: the tenant client scopes this read to the member's own.
    const rows = await db.customer.findMany({ where: { AND: [{ id: { in: wanted }, deletedAt: null }, customerWhere(scope)] }, select: { id: true } });
    return { requested: wanted.length, ids: rows.map((row) => row.id) };
  }
  // "All N matching": the filters as the list page reads them from the URL, with its visibility.
  const where = await customerListWhere(ctx, selection.filters);
  const rows = await db.customer.findMany({ where, orderBy: { id: "asc" }, take: BULK_LIMIT + 1, select: { id: true } });
  return { requested: rows.length, ids: rows.map((row) => row.id) };
}

/** What each kind of change sets, when it applies to a row `c`, and the field history it writes. */
function changeSql(change: CustomerBulkChange, actorId: string, now: string) {
  switch (change.kind) {
    case "owner":
      return {
        applies: Prisma.sql`c."ownerId" <> ${change.ownerId}`,
        full: Prisma.sql`false`,
        set: Prisma.sql`"ownerId" = ${change.ownerId}`,
        action: "updated",
        changes: Prisma.sql`jsonb_build_object('ownerId', jsonb_build_object('from', t."ownerId", 'to', ${change.ownerId}::text))`,
      };
    case "status":
      return {
        applies: Prisma.sql`c."status"::text <> ${change.status}`,
        full: Prisma.sql`false`,
        set: Prisma.sql`"status" = ${change.status}::"CustomerStatus"`,
        action: "updated",
        changes: Prisma.sql`jsonb_build_object('status', jsonb_build_object('from', t."status"::text, 'to', ${change.status}::text))`,
      };
    case "addTag": {
      // Tags are unique ignoring case, and a customer holds at most TAGS_MAX (as the form says).
      const has = Prisma.sql`EXISTS (SELECT 1 FROM unnest(c."tags") AS tag WHERE lower(tag) = lower(${change.tag}))`;
      return {
        applies: Prisma.sql`NOT ${has} AND cardinality(c."tags") < ${TAGS_MAX}`,
        full: Prisma.sql`NOT ${has} AND cardinality(c."tags") >= ${TAGS_MAX}`,
        set: Prisma.sql`"tags" = array_append(t."tags", ${change.tag}::text)`,
        action: "updated",
        changes: Prisma.sql`jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(t."tags"), 'to', to_jsonb(array_append(t."tags", ${change.tag}::text))))`,
      };
    }
    case "removeTag": {
      const kept = Prisma.sql`ARRAY(SELECT tag FROM unnest(t."tags") WITH ORDINALITY AS kept(tag, n) WHERE lower(tag) <> lower(${change.tag}) ORDER BY n)`;
      return {
        applies: Prisma.sql`EXISTS (SELECT 1 FROM unnest(c."tags") AS tag WHERE lower(tag) = lower(${change.tag}))`,
        full: Prisma.sql`false`,
        set: Prisma.sql`"tags" = ${kept}`,
        action: "updated",
        changes: Prisma.sql`jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(t."tags"), 'to', to_jsonb(${kept})))`,
      };
    }
    case "trash":
      return {
        applies: Prisma.sql`true`,
        full: Prisma.sql`false`,
        set: Prisma.sql`"deletedAt" = ${now}::timestamp(3), "deletedById" = ${actorId}`,
        action: "deleted",
        changes: Prisma.sql`'{}'::jsonb`,
      };
  }
}

/** The value an audit entry names: the new owner's name, the tag, the status. */
function auditValue(change: CustomerBulkChange, ownerName: string | null): string | null {
  switch (change.kind) {
    case "owner":
      return ownerName;
    case "addTag":
    case "removeTag":
      return change.tag;
    case "status":
      return change.status;
    case "trash":
      return null;
  }
}

export async function bulkUpdateCustomers(
  ctx: MemberContext,
  selection: BulkSelection<CustomerFilters>,
  change: CustomerBulkChange,
  meta: RequestMeta,
): Promise<BulkOutcome> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  let ownerName: string | null = null;
  if (change.kind === "owner") {
    // The single edit's rule: an active member, and a rep who sees only their own records can only take them.
    if (scope.ownOnly && change.ownerId !== scope.userId) return { ok: false, reason: "ownerInvalid" };
    const owner = await db.user.findFirst({ where: { id: change.ownerId, status: "ACTIVE" }, select: { name: true, role: true } });
    if (!owner || !can(owner.role, "records.write")) return { ok: false, reason: "ownerInvalid" };
    ownerName = owner.name;
  }
  const { requested, ids } = await resolveSelection(ctx, selection);
  if (requested === 0) return { ok: false, reason: "nothingSelected" };
  if (ids.length > BULK_LIMIT) return { ok: false, reason: "tooMany", limit: BULK_LIMIT };

  const now = new Date();
  const sql = changeSql(change, ctx.user.id, now.toISOString());
  const ownOnly = scope.ownOnly ? Prisma.sql`AND c."ownerId" = ${scope.userId}` : Prisma.empty;
  const [counts] = await db.$tenantQuery<Counts[]>(
    (tenant) => Prisma.sql`
    WITH t AS (
      SELECT c."id", c."ownerId", c."status", c."tags", ${sql.applies} AS applies, ${sql.full} AS full
      FROM "Customer" c
      WHERE c."tenantId" = ${tenant} AND c."id" = ANY(${ids}::text[]) AND c."deletedAt" IS NULL ${ownOnly}
      FOR UPDATE OF c
    ), changed AS (
      UPDATE "Customer" c SET ${sql.set}, "version" = c."version" + 1, "updatedAt" = ${now.toISOString()}::timestamp(3)
      FROM t WHERE c."tenantId" = ${tenant} AND c."id" = t."id" AND t.applies
      RETURNING c."id"
    ), history AS (
      INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
      SELECT gen_random_uuid()::text, ${tenant}, 'customer', t."id", ${sql.action}, ${ctx.user.id}, ${sql.changes}
      FROM t JOIN changed ON changed."id" = t."id"
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM t)::int AS "selected", (SELECT count(*) FROM history)::int AS "changed",
           (SELECT count(*) FROM t WHERE t.full)::int AS "tagsFull"`,
  );
  const { selected, changed, tagsFull } = counts ?? { selected: 0, changed: 0, tagsFull: 0 };
  const skipped = { notFound: requested - selected, unchanged: selected - changed - tagsFull, tagsFull };

  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "records.bulk_changed",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: {
      what: "customers",
      action: change.kind,
      ...(auditValue(change, ownerName) !== null ? { value: auditValue(change, ownerName) } : {}),
      ...(change.kind === "owner" ? { ownerId: change.ownerId } : {}),
      changed,
      skipped: skipped.notFound + skipped.unchanged + skipped.tagsFull,
      ...("ids" in selection ? { ids: ids.join(",") } : { filters: Object.fromEntries(customerListSearchParams(selection.filters)) }),
      ...(change.kind === "trash" ? { trashedAt: now.toISOString() } : {}),
    },
  });
  return { ok: true, changed, skipped, ...(change.kind === "trash" ? { trashedAt: now } : {}) };
}

/**
 * Undo of a bulk move to the trash: takes back out every customer this member put there in that one
 * action (they all carry its instant), as long as they are still within the trash's 30 days.
 * Admins only, like restoring one customer. One "restored" history row per customer.
 */
export async function restoreBulkTrashedCustomers(ctx: MemberContext, trashedAt: Date, meta: RequestMeta): Promise<{ restored: number }> {
  const db = authorize(ctx, "records.restore");
  if (Number.isNaN(trashedAt.getTime()) || trashedAt < trashCutoff()) return { restored: 0 };
  const now = new Date().toISOString();
  const [row] = await db.$tenantQuery<{ restored: number }[]>(
    (tenant) => Prisma.sql`
    WITH restored AS (
      UPDATE "Customer" c SET "deletedAt" = NULL, "deletedById" = NULL, "version" = c."version" + 1, "updatedAt" = ${now}::timestamp(3)
      WHERE c."tenantId" = ${tenant} AND c."deletedAt" = ${trashedAt.toISOString()}::timestamp(3) AND c."deletedById" = ${ctx.user.id}
      RETURNING c."id"
    ), history AS (
      INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
      SELECT gen_random_uuid()::text, ${tenant}, 'customer', restored."id", 'restored', ${ctx.user.id}, '{}'::jsonb FROM restored
      RETURNING 1
    )
    SELECT count(*)::int AS "restored" FROM history`,
  );
  const restored = row?.restored ?? 0;
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "records.bulk_changed",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { what: "customers", action: "restore", changed: restored, skipped: 0, trashedAt: trashedAt.toISOString() },
  });
  return { restored };
}
