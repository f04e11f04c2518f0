import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "./report-filters";
import { inRange, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type FunnelRow = {
  stageId: string;
  stageName: string;
  position: number;
  /** Opportunities (created in the range) that reached this stage or a later one. */
  reached: number;
  /** Share of those that reached the previous stage which also reached this one, 0..100 (1 decimal); null for the first stage or when none reached the previous one. */
  conversion: number | null;
};

/**
 * Stage-to-stage conversion for the opportunities created in the range. An opportunity reached
 * stage k when it ever stood (by its stage history in OpportunityStageChange, or its current
 * stage) at k or any later stage, so skipping a stage still counts as passing it. Lost is not a
 * step forward: a lost deal counts up to the furthest open stage it reached. The stage filter
 * doesn't apply (the funnel is all stages).
 * (The statement alone: also the benchmark's plain-SQL baseline.)
 */
export function stageFunnelSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH steps AS MATERIALIZED (
      SELECT "id", "name", "position" FROM "PipelineStage"
      WHERE "tenantId" = ${req.tenantId} AND "kind" IN ('OPEN', 'WON') AND "archivedAt" IS NULL
    ),
    cohort AS MATERIALIZED (
      -- current_position is null for a deal that now stands outside the steps (lost).
      SELECT o."id", st."position" AS current_position
      FROM ${OPPORTUNITIES} LEFT JOIN steps st ON st."id" = o."stageId"
      WHERE ${opportunityConditions(req, filters, { stage: false })} AND ${inRange(req, Prisma.sql`o."createdAt"`, filters.range)}
    ),
    -- Only history that went further than where a deal stands now can change its furthest step
    -- (a deal that moved back, or was lost), so only those rows are grouped per deal.
    further AS MATERIALIZED (
      SELECT sc."opportunityId" AS "id", max(st."position") AS position
      FROM "OpportunityStageChange" sc
      JOIN cohort k ON k."id" = sc."opportunityId"
      JOIN steps st ON st."id" = sc."toStageId"
      WHERE sc."tenantId" = ${req.tenantId} AND st."position" > coalesce(k.current_position, -2147483648)
      GROUP BY sc."opportunityId"
    ),
    per_position AS MATERIALIZED (
      SELECT greatest(k.current_position, f.position) AS position, count(*) AS n
      FROM cohort k LEFT JOIN further f ON f."id" = k."id"
      GROUP BY 1
    ),
    reached AS (
      SELECT s."id", s."name", s."position",
             coalesce((SELECT sum(p.n) FROM per_position p WHERE p.position >= s."position"), 0)::int AS reached
      FROM steps s
    )
    SELECT "id" AS "stageId", "name" AS "stageName", "position", reached,
           CASE WHEN lag(reached) OVER w > 0 THEN round(100.0 * reached / lag(reached) OVER w, 1)::float8 END AS conversion
    FROM reached
    WINDOW w AS (ORDER BY "position", "id")
    ORDER BY "position", "id"`;
}

export async function stageFunnel(req: ReportRequest, filters: ReportFilters): Promise<FunnelRow[]> {
  return req.db.$queryRaw<FunnelRow[]>(stageFunnelSql(req, filters));
}
