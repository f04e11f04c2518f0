import "server-only";
import { authorize, type MemberContext } from "../context";
import { encodeAuditCursor, type AuditCursor, type AuditFilters } from "@/lib/audit/audit-filters";
import { AUDIT_ROW_SELECT, NEWEST_FIRST, OLDEST_FIRST, auditWhere, newerThan, olderThan, toAuditEventRow, type AuditEventRow } from "./audit-rows";

export type AuditEventPage = {
  /** Newest first. */
  rows: AuditEventRow[];
  /** Cursor for the page of newer events ("after=…"), null on the newest page. */
  newerCursor: string | null;
  /** Cursor for the page of older events ("before=…"), null on the oldest page. */
  olderCursor: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page of the workspace's audit log, newest first, by keyset pagination on (createdAt, id):
 * `before` pages towards older events, `after` towards newer ones. Owners and Admins only.
 */
export async function listAuditEvents(
  ctx: MemberContext,
  options: { filters: AuditFilters; before?: AuditCursor | null; after?: AuditCursor | null; limit?: number },
): Promise<AuditEventPage> {
  const db = authorize(ctx, "audit.view");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? AUDIT_PAGE_SIZE), 1), 200);
  const where = auditWhere(options.filters);
  const exists = async (condition: ReturnType<typeof olderThan>) =>
    (await db.auditEvent.findFirst({ where: { AND: [where, condition] }, select: { id: true } })) !== null;

  let rows;
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (options.after && !options.before) {
    // Walk towards newer events (oldest first), then show the page newest first like any other.
    const found = await db.auditEvent.findMany({
      where: { AND: [where, newerThan(options.after)] },
      orderBy: OLDEST_FIRST,
      take: limit + 1,
      select: AUDIT_ROW_SELECT,
    });
    hasNewer = found.length > limit;
    rows = found.slice(0, limit).reverse();
    hasOlder = rows.length > 0 && (await exists(olderThan(rows[rows.length - 1]!)));
  } else {
    const found = await db.auditEvent.findMany({
      where: options.before ? { AND: [where, olderThan(options.before)] } : where,
      orderBy: NEWEST_FIRST,
      take: limit + 1,
      select: AUDIT_ROW_SELECT,
    });
    hasOlder = found.length > limit;
    rows = found.slice(0, limit);
    hasNewer = Boolean(options.before) && rows.length > 0 && (await exists(newerThan(rows[0]!)));
  }
  return {
    rows: rows.map(toAuditEventRow),
    newerCursor: hasNewer ? encodeAuditCursor(rows[0]!) : null,
    olderCursor: hasOlder ? encodeAuditCursor(rows[rows.length - 1]!) : null,
  };
}
