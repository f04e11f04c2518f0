import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { inRange, OPPORTUNITIES, opportunityConditions, utcBound, type ReportRequest } from "./report-request";
import { funnelRollupServes, rollupConditions } from "./report-rollups";

export type FunnelRow = {
  stageId: string;
  stageName: string;
  position: number;
  /** Opportunities (created in the range) that reached this stage or a later one. */
  reached: number;
  /** Share of those that reached the previous stage which also reached this one, 0..100 (1 decimal); null for the first stage or when none reached the previous one. */
  conversion: number | null;
};

// The funnel's steps: the open and won stages, in pipeline order (archived ones left out).
function stepsCte(req: ReportRequest): Prisma.Sql {
  return Prisma.sql`
    steps AS MATERIALIZED (
      SELECT "id", "name", "position" FROM "PipelineStage"
      WHERE "tenantId" = ${req.tenantId} AND "kind" IN ('OPEN', 'WON') AND "archivedAt" IS NULL
    )`;
}

// The furthest step (position) of the opportunities created when `created` says, counted per
// position: from their stage history and current stage.
function cohortCtes(req: ReportRequest, filters: ReportFilters, created: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    cohort AS MATERIALIZED (
      -- current_position is null for a deal that now stands outside the steps (lost).
      SELECT o."id", st."position" AS current_position
      FROM ${OPPORTUNITIES} LEFT JOIN steps st ON st."id" = o."stageId"
      WHERE ${opportunityConditions(req, filters, { stage: false })} AND (${created})
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
    cohort_positions AS MATERIALIZED (
      SELECT greatest(k.current_position, f.position) AS position, count(*) AS n
      FROM cohort k LEFT JOIN further f ON f."id" = k."id"
      GROUP BY 1
    )`;
}

// From the count per furthest position to the funnel's rows.
const FUNNEL_ROWS = Prisma.sql`
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

/**
 * Stage-to-stage conversion for the opportunities created in the range, from the opportunities
 * and their stage history. An opportunity reached stage k when it ever stood (by its stage
 * history in OpportunityStageChange, or its current stage) at k or any later stage, so skipping a
 * stage still counts as passing it. Lost is not a step forward: a lost deal counts up to the
 * furthest open stage it reached. The stage filter doesn't apply (the funnel is all stages).
 * (The definition, and the tests' oracle for the rollup below.)
 */
export function stageFunnelRawSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH ${stepsCte(req)},
    ${cohortCtes(req, filters, inRange(req, Prisma.sql`o."createdAt"`, filters.range))},
    per_position AS (SELECT position, n FROM cohort_positions),
    ${FUNNEL_ROWS}`;
}

/**
 * The same funnel from the daily rollup ("ReportOpportunityDay"; see report-rollups.ts): the
 * whole UTC days inside the range come from it, as counts per set of reached stages, whose
 * furthest step is looked up in the pipeline as it is now (so reordering or archiving a stage
 * needs no rollup change). The range's ends are the viewer's midnights, which cut a UTC day
 * unless the viewer is on UTC; the opportunities of those two partial days are read as above.
 */
export function stageFunnelRollupSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH ${stepsCte(req)},
    span AS MATERIALIZED (
      SELECT lo, hi, first_day, greatest(date_trunc('day', hi), first_day) AS end_day
      FROM (
        SELECT lo, hi, CASE WHEN lo = date_trunc('day', lo) THEN lo ELSE date_trunc('day', lo) + interval '1 day' END AS first_day
        FROM (SELECT ${utcBound(req, filters.range.from)} AS lo, ${utcBound(req, filters.range.toExclusive)} AS hi) bounds
      ) days
    ),
    ${cohortCtes(
      req,
      filters,
      Prisma.sql`(o."createdAt" >= (SELECT lo FROM span) AND o."createdAt" < (SELECT least(first_day, hi) FROM span))
        OR (o."createdAt" >= (SELECT end_day FROM span) AND o."createdAt" < (SELECT hi FROM span))`,
    )},
    rolled AS MATERIALIZED (
      SELECT r."reachedStageIds" AS stage_ids, sum(r."count") AS n
      FROM "ReportOpportunityDay" r
      WHERE ${rollupConditions(req, filters)}
        AND r."day" >= (SELECT first_day FROM span) AND r."day" < (SELECT end_day FROM span)
      GROUP BY 1
    ),
    per_position AS (
      SELECT position, sum(n) AS n FROM (
        SELECT position, n FROM cohort_positions
        UNION ALL
        SELECT (SELECT max(st."position") FROM steps st WHERE st."id" = ANY (r.stage_ids)), r.n FROM rolled r
      ) both_parts
      GROUP BY 1
    ),
    ${FUNNEL_ROWS}`;
}

/** The statement the report runs for these filters: the rollup's, or the raw one with a tag filter. */
export function stageFunnelSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return funnelRollupServes(filters) ? stageFunnelRollupSql(req, filters) : stageFunnelRawSql(req, filters);
}

export async function stageFunnel(req: ReportRequest, filters: ReportFilters): Promise<FunnelRow[]> {
  return req.db.$tenantQuery<FunnelRow[]>(() => stageFunnelSql(req, filters));
}
