import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { presetRange, type ReportFilters } from "./report-filters";
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
  return req.db.$queryRaw<HeadlineRow[]>(headlineFiguresSql(req, today));
}

/** The statement, for the benchmark's plain-SQL baseline too. */
export function headlineFiguresSql(req: ReportRequest, today: string): Prisma.Sql {
  const quarter = presetRange("this-quarter", today);
  const month = presetRange("this-month", today);
  const everything: ReportFilters = { preset: "this-month", range: month, ownerId: null, stageId: null, tag: null, currency: null };
  return Prisma.sql`
    WITH deals AS MATERIALIZED (
      SELECT o."currency", o."amount", o."probability", o."expectedCloseDate", s."kind"
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId"
      WHERE ${opportunityConditions(req, everything, { stage: false })}
        AND (s."kind" = 'OPEN' OR (s."kind" = 'WON' AND ${inRange(req, Prisma.sql`o."closedAt"`, month)}))
    )
    SELECT 'openPipeline' AS metric, "currency", count(*)::int AS count, trim_scale(sum("amount"))::text AS amount
    FROM deals WHERE "kind" = 'OPEN' GROUP BY "currency"
    UNION ALL
    SELECT 'forecastQuarter', "currency", count(*)::int, trim_scale(round(sum("amount" * "probability" / 100), 4))::text
    FROM deals WHERE "kind" = 'OPEN' AND "expectedCloseDate" >= ${quarter.from}::date AND "expectedCloseDate" < ${quarter.toExclusive}::date
    GROUP BY "currency"
    UNION ALL
    SELECT 'wonMonth', "currency", count(*)::int, trim_scale(sum("amount"))::text FROM deals WHERE "kind" = 'WON' GROUP BY "currency"
    UNION ALL
    SELECT 'overdueTasks', NULL, count(*)::int, '0'
    FROM "Task" t
    WHERE t."tenantId" = ${req.tenantId} AND t."assigneeId" = ${req.userId} AND t."completedAt" IS NULL
      AND t."deletedAt" IS NULL AND t."dueAt" < (now() AT TIME ZONE 'UTC')
    ORDER BY 1, 2`;
}
