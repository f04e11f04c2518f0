import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { ownOnlySql, recordScope, type RecordScope } from "../crm/visibility";
import { systemDb } from "@/lib/db/prisma";
import type { TenantDb } from "@/lib/db/tenant-db";
import type { DateRange, ReportFilters } from "@/lib/reports/report-filters";

// What every report query needs: the permission checked once, the member's record scope (the
// same rule as lib/dal/crm/visibility.ts, written as SQL below), and the viewer's time zone.
// Each report is ONE parameterised SQL statement (tagged templates, never string concatenation)
// that aggregates in PostgreSQL; no report loads rows into Node.

export type ReportRequest = {
  db: TenantDb;
  tenantId: string;
  userId: string;
  scope: RecordScope;
  /** An IANA zone PostgreSQL knows; buckets (months, weeks) are the viewer's. */
  timeZone: string;
};

/** Checks `reports.view` and resolves the scope and time zone once for all of a page's queries. */
export async function prepareReports(ctx: MemberContext, timeZone: string): Promise<ReportRequest> {
  const db = authorize(ctx, "reports.view");
  const [scope, zone] = await Promise.all([recordScope(ctx), knownTimeZone(timeZone)]);
  return { db, tenantId: ctx.tenant.id, userId: ctx.user.id, scope, timeZone: zone };
}

// The browser's zone passed Intl's check (lib/i18n/time-zone.ts); PostgreSQL's tz database may
// still lack a very new name. Fall back to UTC rather than fail every chart.
// The statement reads no table, so it runs on the system client (a tenant client's SQL must bind the workspace).
async function knownTimeZone(zone: string): Promise<string> {
  if (zone === "UTC") return zone;
  try {
    await systemDb().$queryRaw`SELECT now() AT TIME ZONE ${zone}`;
    return zone;
  } catch {
    return "UTC";
  }
}

// --- SQL fragments -----------------------------------------------------------------------------
// Prisma stores DateTime as `timestamp(3) without time zone` holding UTC.

/** A UTC column as the viewer's local timestamp (for date_trunc into their months and weeks). */
export function localTime(req: ReportRequest, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${req.timeZone})`;
}

/** Local midnight of a YYYY-MM-DD day as a UTC timestamp, comparable with a column (keeps index use). */
export function utcBound(req: ReportRequest, day: string): Prisma.Sql {
  return Prisma.sql`((${day}::date::timestamp AT TIME ZONE ${req.timeZone}) AT TIME ZONE 'UTC')`;
}

/** `column` falls in the range (viewer's days). */
export function inRange(req: ReportRequest, column: Prisma.Sql, range: DateRange): Prisma.Sql {
  return Prisma.sql`${column} >= ${utcBound(req, range.from)} AND ${column} < ${utcBound(req, range.toExclusive)}`;
}

// A record whose customer is in the trash is in the trash with it. Few customers are, so
// "not one of the deleted customers" is a cheap anti-join instead of a join with every customer;
// likewise scope and tag are semi-joins against the (indexed) matching customers.
function customerRules(req: ReportRequest, filters: ReportFilters, alias: "o" | "a"): Prisma.Sql[] {
  const table = Prisma.raw(alias);
  const parts: Prisma.Sql[] = [
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Customer" dc WHERE dc."tenantId" = ${table}."tenantId" AND dc."id" = ${table}."customerId" AND dc."deletedAt" IS NOT NULL)`,
  ];
  const ownOnly = ownOnlySql(req.scope, req.tenantId, alias);
  if (ownOnly) parts.push(ownOnly);
  if (filters.tag) {
    parts.push(Prisma.sql`${table}."customerId" IN (SELECT tc."id" FROM "Customer" tc WHERE tc."tenantId" = ${req.tenantId} AND tc."tags" @> ARRAY[${filters.tag}]::text[])`);
  }
  return parts;
}

/**
 * Conditions on an opportunity `o`: not in the trash (nor its customer), visible to the member
 * (their own, or on a customer they own), and the page's owner / tag (and, where it applies,
 * stage) filters.
 */
export function opportunityConditions(req: ReportRequest, filters: ReportFilters, options: { stage: boolean }): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`o."tenantId" = ${req.tenantId}`, Prisma.sql`o."deletedAt" IS NULL`, ...customerRules(req, filters, "o")];
  if (filters.ownerId) parts.push(Prisma.sql`o."ownerId" = ${filters.ownerId}`);
  if (options.stage && filters.stageId) parts.push(Prisma.sql`o."stageId" = ${filters.stageId}`);
  return Prisma.join(parts, " AND ");
}

/** The opportunities table under the alias the conditions use. */
export const OPPORTUNITIES = Prisma.sql`"Opportunity" o`;

/** Conditions on an activity `a`, by the same rules. */
export function activityConditions(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`a."tenantId" = ${req.tenantId}`, Prisma.sql`a."deletedAt" IS NULL`, ...customerRules(req, filters, "a")];
  if (filters.ownerId) parts.push(Prisma.sql`a."ownerId" = ${filters.ownerId}`);
  return Prisma.join(parts, " AND ");
}

/** Conditions on a customer `c`. */
export function customerConditions(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c."tenantId" = ${req.tenantId}`, Prisma.sql`c."deletedAt" IS NULL`];
  if (req.scope.ownOnly) parts.push(Prisma.sql`c."ownerId" = ${req.scope.userId}`);
  if (filters.ownerId) parts.push(Prisma.sql`c."ownerId" = ${filters.ownerId}`);
  if (filters.tag) parts.push(Prisma.sql`c."tags" @> ARRAY[${filters.tag}]::text[]`);
  return Prisma.join(parts, " AND ");
}

/** Month starts (local dates) covering a range, for LEFT JOINs that keep empty months as zero rows. */
export function monthSeries(range: DateRange): Prisma.Sql {
  return Prisma.sql`generate_series(date_trunc('month', ${range.from}::date::timestamp), (${range.toExclusive}::date - 1)::timestamp, interval '1 month')::date`;
}
