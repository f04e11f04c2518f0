import "server-only";
import { authorize, type MemberContext } from "../context";
import type { AuditCursor, AuditFilters } from "@/lib/audit/audit-filters";
import { AUDIT_ROW_SELECT, NEWEST_FIRST, auditWhere, olderThan, toAuditEventRow, type AuditEventRow } from "./audit-rows";

export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/**
 * Every event matching the filters, newest first, in batches (keyset-paginated, so memory stays
 * flat however long the log is), up to `maxRows`. The permission is checked when this is called,
 * not when the first batch is read, so a caller that is refused learns it before it starts a
 * download.
 */
export function exportAuditEvents(
  ctx: MemberContext,
  filters: AuditFilters,
  options: { maxRows?: number; batchSize?: number } = {},
): AsyncGenerator<AuditEventRow[], void, undefined> {
  const db = authorize(ctx, "audit.view");
  const maxRows = Math.min(Math.max(options.maxRows ?? AUDIT_EXPORT_MAX_ROWS, 0), AUDIT_EXPORT_MAX_ROWS);
  const batchSize = Math.min(Math.max(options.batchSize ?? 1000, 1), 5000);
  const where = auditWhere(filters);
  return (async function* batches(): AsyncGenerator<AuditEventRow[], void, undefined> {
    let cursor: AuditCursor | null = null;
    let sent = 0;
    while (sent < maxRows) {
      const take = Math.min(batchSize, maxRows - sent);
      const found = await db.auditEvent.findMany({
        where: cursor ? { AND: [where, olderThan(cursor)] } : where,
        orderBy: NEWEST_FIRST,
        take,
        select: AUDIT_ROW_SELECT,
      });
      if (found.length === 0) return;
      sent += found.length;
      const last: AuditCursor = found[found.length - 1]!;
      cursor = last;
      yield found.map(toAuditEventRow);
      if (found.length < take) return;
    }
  })();
}
