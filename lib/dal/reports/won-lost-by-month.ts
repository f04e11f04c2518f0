import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { inRange, localTime, monthSeries, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type WonLostRow = {
  /** First day of the month the deal closed, in the viewer's time zone. */
  month: string;
  /** null on an empty month's zero row. */
  currency: string | null;
  won: number;
  lost: number;
  wonAmount: string;
  lostAmount: string;
};

/** Deals closed per month (closedAt, viewer's months) as won and lost, per currency; empty months as zero rows. (The statement alone is also the benchmark's plain-SQL baseline.) */
export function wonLostByMonthSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH closed AS MATERIALIZED (
      SELECT date_trunc('month', ${localTime(req, Prisma.sql`o."closedAt"`)})::date AS month, o."currency",
             count(*) FILTER (WHERE s."kind" = 'WON')::int AS won,
             count(*) FILTER (WHERE s."kind" = 'LOST')::int AS lost,
             coalesce(sum(o."amount") FILTER (WHERE s."kind" = 'WON'), 0) AS won_amount,
             coalesce(sum(o."amount") FILTER (WHERE s."kind" = 'LOST'), 0) AS lost_amount
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId" AND s."kind" IN ('WON', 'LOST')
      WHERE ${opportunityConditions(req, filters, { stage: false })} AND ${inRange(req, Prisma.sql`o."closedAt"`, filters.range)}
      GROUP BY 1, 2
    ),
    months AS (SELECT ${monthSeries(filters.range)} AS month)
    SELECT to_char(m.month, 'YYYY-MM-DD') AS month, c."currency", coalesce(c.won, 0) AS won, coalesce(c.lost, 0) AS lost,
           trim_scale(coalesce(c.won_amount, 0))::text AS "wonAmount", trim_scale(coalesce(c.lost_amount, 0))::text AS "lostAmount"
    FROM months m LEFT JOIN closed c ON c.month = m.month
    ORDER BY m.month, c."currency"`;
}

export async function wonLostByMonth(req: ReportRequest, filters: ReportFilters): Promise<WonLostRow[]> {
  return req.db.$tenantQuery<WonLostRow[]>(() => wonLostByMonthSql(req, filters));
}
