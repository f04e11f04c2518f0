import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { inRange, localTime, monthSeries, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type DaysToWonRow = {
  /** Month won (viewer's time zone); null on the overall row. */
  month: string | null;
  won: number;
  /** Average days from creation to won, one decimal; null when nothing was won. */
  averageDays: number | null;
};

/**
 * Average days from an opportunity's creation to its win, per month won and overall (the
 * ROLLUP row, month null), for deals won in the range. Empty months are zero rows.
 * (The statement alone: also the benchmark's plain-SQL baseline.)
 */
export function daysToWonSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH won AS (
      SELECT date_trunc('month', ${localTime(req, Prisma.sql`o."closedAt"`)})::date AS month,
             extract(epoch FROM o."closedAt" - o."createdAt") / 86400 AS days
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId" AND s."kind" = 'WON'
      WHERE ${opportunityConditions(req, filters, { stage: false })} AND ${inRange(req, Prisma.sql`o."closedAt"`, filters.range)}
    ),
    per_month AS MATERIALIZED (
      SELECT month, count(*)::int AS won, round(avg(days), 1)::float8 AS average, grouping(month) AS overall
      FROM won GROUP BY ROLLUP (month)
    ),
    months AS (SELECT ${monthSeries(filters.range)} AS month)
    SELECT to_char(m.month, 'YYYY-MM-DD') AS month, coalesce(p.won, 0) AS won, p.average AS "averageDays"
    FROM months m LEFT JOIN per_month p ON p.month = m.month AND p.overall = 0
    UNION ALL
    SELECT NULL, coalesce(max(p.won), 0), max(p.average) FROM per_month p WHERE p.overall = 1
    ORDER BY 1 NULLS LAST`;
}

export async function daysToWon(req: ReportRequest, filters: ReportFilters): Promise<DaysToWonRow[]> {
  return req.db.$tenantQuery<DaysToWonRow[]>(() => daysToWonSql(req, filters));
}
