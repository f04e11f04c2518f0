import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { presetRange, type ReportFilters } from "@/lib/reports/report-filters";
import { inRange, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type HeadlineMetric = "openPipeline" | "forecastQuarter" | "wonMonth" | "overdueTasks";

export type HeadlineRow = {
  metric: HeadlineMetric;
  /** null for overdue tasks, which have no amount. */
  currency: string | null;
  count: number;
  amount: string;
};

/**
 * The workspace home's four figures, in one statement: the open pipeline, this quarter's
 * weighted forecast (open deals expected to close this quarter), what was won this month (per
 * currency), and the member's own overdue tasks. "This" quarter and month are the viewer's.
 * Only what the member may see counts.
 */
export async function headlineFigures(req: ReportRequest, today: string): Promise<HeadlineRow[]> {
  return req.db.$tenantQuery<HeadlineRow[]>(() => headlineFiguresSql(req, today));
}

/** The statement, for the benchmark's plain-SQL baseline too. */
export function headlineFiguresSql(req: ReportRequest, today: string): Prisma.Sql {
  const quarter = presetRange("this-quarter", today);
  const month = presetRange("this-month", today);
  const everything: ReportFilters = { preset: "this-month", range: month, ownerId: null, stageId: null, tag: null, currency: null };
  const inQuarter = Prisma.sql`s."kind" = 'OPEN' AND o."expectedCloseDate" >= ${quarter.from}::date AND o."expectedCloseDate" < ${quarter.toExclusive}::date`;
  // One pass over the deals, every figure a FILTERed aggregate per currency (materialising the
  // open deals first and reading them three times cost a third more on a large workspace).
  return Prisma.sql`
    WITH per_currency AS (
      SELECT o."currency",
             count(*) FILTER (WHERE s."kind" = 'OPEN') AS open_n,
             sum(o."amount") FILTER (WHERE s."kind" = 'OPEN') AS open_amount,
             count(*) FILTER (WHERE ${inQuarter}) AS forecast_n,
             sum(o."amount" * o."probability" / 100) FILTER (WHERE ${inQuarter}) AS forecast_amount,
             count(*) FILTER (WHERE s."kind" = 'WON') AS won_n,
             sum(o."amount") FILTER (WHERE s."kind" = 'WON') AS won_amount
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId"
      WHERE ${opportunityConditions(req, everything, { stage: false })}
        AND (s."kind" = 'OPEN' OR (s."kind" = 'WON' AND ${inRange(req, Prisma.sql`o."closedAt"`, month)}))
      GROUP BY o."currency"
    )
    SELECT 'openPipeline' AS metric, "currency", open_n::int AS count, trim_scale(open_amount)::text AS amount FROM per_currency WHERE open_n > 0
    UNION ALL
    SELECT 'forecastQuarter', "currency", forecast_n::int, trim_scale(round(forecast_amount, 4))::text FROM per_currency WHERE forecast_n > 0
    UNION ALL
    SELECT 'wonMonth', "currency", won_n::int, trim_scale(won_amount)::text FROM per_currency WHERE won_n > 0
    UNION ALL
    SELECT 'overdueTasks', NULL, count(*)::int, '0'
    FROM "Task" t
    WHERE t."tenantId" = ${req.tenantId} AND t."assigneeId" = ${req.userId} AND t."completedAt" IS NULL
      AND t."deletedAt" IS NULL AND t."dueAt" < (now() AT TIME ZONE 'UTC')
    ORDER BY 1, 2`;
}
