import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import type { ReportRequest } from "./report-request";
import { rollupOwnOnlySql } from "../crm/visibility";

// The rollups (prisma/migrations/20261129060000_report_rollups): "ReportActivityDay",
// "ReportActivityTagDay" and "ReportOpportunityDay" count the live activities / opportunities per
// tenant, UTC day, owner and the owner of their customer (and, for activities, per tag of the
// customer), kept exact by triggers on every write. They are tables outside schema.prisma (only
// the triggers write them), read here with raw SQL that always names the tenant.
//
// The member's own-records scope ("their own, or on a customer they own") and the owner filter
// are conditions on a rollup row, because both owners are part of its key. The funnel's rollup has
// no tag dimension (a deal's stage set × tags would multiply its rows for little gain: with a tag
// the raw funnel reads few rows), so with a tag filter the funnel reads the raw rows.

/** Whether the funnel's rollup can answer these filters (else it reads the raw rows). */
export function funnelRollupServes(filters: ReportFilters): boolean {
  return filters.tag === null;
}

/** The activities rollup for these filters, as `r`: per tag when the page filters by one. */
export function activityRollup(filters: ReportFilters): Prisma.Sql {
  return filters.tag ? Prisma.sql`"ReportActivityTagDay" r` : Prisma.sql`"ReportActivityDay" r`;
}

/** The member's scope and the owner (and tag) filter on a rollup row `r`, for its tenant. */
export function rollupConditions(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r."tenantId" = ${req.tenantId}`];
  if (filters.tag) parts.push(Prisma.sql`r."tag" = ${filters.tag}`);
  const ownOnly = rollupOwnOnlySql(req.scope, "r");
  if (ownOnly) parts.push(ownOnly);
  if (filters.ownerId) parts.push(Prisma.sql`r."ownerId" = ${filters.ownerId}`);
  return Prisma.join(parts, " AND ");
}
