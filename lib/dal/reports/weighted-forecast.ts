import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DateRange, ReportFilters } from "@/lib/reports/report-filters";
import { monthSeries, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type ForecastRow = {
  /** First day of the expected close month (YYYY-MM-DD); null on the "no expected close date" row. */
  month: string | null;
  /** null on an empty month's zero row. */
  currency: string | null;
  count: number;
  amount: string;
  /** Σ amount × probability / 100 */
  weighted: string;
};

/**
 * Open opportunities by expected close month in `period`: count, value and weighted value
 * (amount × the opportunity's probability / 100), per currency, every month present (zero rows
 * for empty ones). Open deals without an expected close date are not in any month: one extra
 * row with month null counts them, so the page can say how many were left out.
 * (The statement alone: also the benchmark's plain-SQL baseline.)
 */
export function weightedForecastSql(req: ReportRequest, filters: ReportFilters, period: DateRange): Prisma.Sql {
  return Prisma.sql`
    WITH open_deals AS MATERIALIZED (
      SELECT date_trunc('month', o."expectedCloseDate"::timestamp)::date AS month, o."currency",
             count(*)::int AS count, sum(o."amount") AS amount, round(sum(o."amount" * o."probability" / 100), 4) AS weighted
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId" AND s."kind" = 'OPEN'
      WHERE ${opportunityConditions(req, filters, { stage: true })}
        AND (o."expectedCloseDate" IS NULL OR (o."expectedCloseDate" >= ${period.from}::date AND o."expectedCloseDate" < ${period.toExclusive}::date))
      GROUP BY 1, 2
    ),
    months AS (SELECT ${monthSeries(period)} AS month)
    SELECT to_char(m.month, 'YYYY-MM-DD') AS month, d."currency", coalesce(d.count, 0) AS count,
           trim_scale(coalesce(d.amount, 0))::text AS amount, trim_scale(coalesce(d.weighted, 0))::text AS weighted
    FROM months m LEFT JOIN open_deals d ON d.month = m.month
    UNION ALL
    SELECT NULL, d."currency", d.count, trim_scale(d.amount)::text, trim_scale(d.weighted)::text FROM open_deals d WHERE d.month IS NULL
    ORDER BY 1 NULLS LAST, 2`;
}

export async function weightedForecast(req: ReportRequest, filters: ReportFilters, period: DateRange): Promise<ForecastRow[]> {
  return req.db.$tenantQuery<ForecastRow[]>(() => weightedForecastSql(req, filters, period));
}
