import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { inRange, OPPORTUNITIES, opportunityConditions, type ReportRequest } from "./report-request";

export type WinRateRow = {
  ownerId: string;
  ownerName: string;
  won: number;
  lost: number;
  /** won / (won + lost) × 100, one decimal. */
  winRate: number;
};

/** Per opportunity owner, deals closed in the range: won, lost and the win rate, best first. (The statement alone is also the benchmark's plain-SQL baseline.) */
export function winRateByOwnerSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH closed AS MATERIALIZED (
      SELECT o."ownerId",
             count(*) FILTER (WHERE s."kind" = 'WON')::int AS won,
             count(*) FILTER (WHERE s."kind" = 'LOST')::int AS lost
      FROM ${OPPORTUNITIES}
      JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId" AND s."kind" IN ('WON', 'LOST')
      WHERE ${opportunityConditions(req, filters, { stage: false })} AND ${inRange(req, Prisma.sql`o."closedAt"`, filters.range)}
      GROUP BY o."ownerId"
    )
    SELECT c."ownerId", u."name" AS "ownerName", c.won, c.lost,
           round(100.0 * c.won / (c.won + c.lost), 1)::float8 AS "winRate"
    FROM closed c JOIN "User" u ON u."tenantId" = ${req.tenantId} AND u."id" = c."ownerId"
    ORDER BY "winRate" DESC, c.won DESC, u."name", c."ownerId"`;
}

export async function winRateByOwner(req: ReportRequest, filters: ReportFilters): Promise<WinRateRow[]> {
  return req.db.$tenantQuery<WinRateRow[]>(() => winRateByOwnerSql(req, filters));
}
