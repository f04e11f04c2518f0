import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { rollupOwnOnlySql } from "../crm/visibility";
import { OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type PipelineStageRow = {
  stageId: string;
  stageName: string;
  position: number;
  /** null on the row of a stage that holds no opportunity. */
  currency: string | null;
  count: number;
  /** Exact decimal string; never summed across currencies. */
  amount: string;
};

/**
 * The open pipeline now: count and value of open opportunities per stage and currency. Every open
 * stage appears (an empty one as a zero row) in pipeline order; an archived stage only while it
 * still holds opportunities. The date range doesn't apply (it is a snapshot); owner, stage and tag do.
 * (The statement alone: also the benchmark's plain-SQL baseline.)
 */
export function pipelineByStageSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return stagesWithValues(req, filters, filters.tag ? openValueFromRows(req, filters) : openValueFromRollup(req, filters));
}

/** The same report summed from the opportunities themselves: the tag filter's path, and the tests' oracle. */
export function pipelineByStageRawSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return stagesWithValues(req, filters, openValueFromRows(req, filters));
}

function openValueFromRows(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    SELECT o."stageId", o."currency", count(*)::int AS count, sum(o."amount") AS amount
    FROM ${OPPORTUNITIES}
    WHERE ${opportunityConditions(req, filters, { stage: true })}
    GROUP BY o."stageId", o."currency"`;
}

// The board's rollup (OpportunityStageTotal, kept by triggers: migration
// 20261129080000_board_totals) counts the live deals per stage, currency, owner and customer
// owner, which is everything this report filters on except a tag.
function openValueFromRollup(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`t."tenantId" = ${req.tenantId}`];
  const ownOnly = rollupOwnOnlySql(req.scope, "t");
  if (ownOnly) parts.push(ownOnly);
  if (filters.ownerId) parts.push(Prisma.sql`t."ownerId" = ${filters.ownerId}`);
  if (filters.stageId) parts.push(Prisma.sql`t."stageId" = ${filters.stageId}`);
  return Prisma.sql`
    SELECT t."stageId", t."currency", sum(t."count")::int AS count, sum(t."amount") AS amount
    FROM "OpportunityStageTotal" t
    WHERE ${Prisma.join(parts, " AND ")}
    GROUP BY t."stageId", t."currency"
    HAVING sum(t."count") > 0`;
}

function stagesWithValues(req: ReportRequest, filters: ReportFilters, openValue: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH open_value AS MATERIALIZED (${openValue})
    SELECT s."id" AS "stageId", s."name" AS "stageName", s."position", v."currency",
           coalesce(v.count, 0) AS count, trim_scale(coalesce(v.amount, 0))::text AS amount
    FROM "PipelineStage" s
    LEFT JOIN open_value v ON v."stageId" = s."id"
    WHERE s."tenantId" = ${req.tenantId} AND s."kind" = 'OPEN'
      AND (s."archivedAt" IS NULL OR v.count > 0)
      ${filters.stageId ? Prisma.sql`AND s."id" = ${filters.stageId}` : Prisma.empty}
    ORDER BY s."position", s."id", v."currency"`;
}

export async function pipelineByStage(req: ReportRequest, filters: ReportFilters): Promise<PipelineStageRow[]> {
  return req.db.$tenantQuery<PipelineStageRow[]>(() => pipelineByStageSql(req, filters));
}
