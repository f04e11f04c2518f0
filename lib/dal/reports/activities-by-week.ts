import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActivityType } from "@/lib/generated/prisma/enums";
import type { ReportFilters } from "./report-filters";
import { activityConditions, inRange, type ReportRequest } from "./report-request";

export type ActivityWeekRow = {
  /** Monday of the week (viewer's time zone). */
  week: string;
  /** null on an empty week's zero row. */
  ownerId: string | null;
  ownerName: string | null;
  type: ActivityType | null;
  count: number;
};

/**
 * Activities per week, owner and type in the range; weeks without any as zero rows.
 *
 * This is the report with the most rows (a million activities on a large workspace), so the week
 * of each activity isn't computed by converting every timestamp to the viewer's zone: the
 * viewer's week starts are converted once, to UTC, and width_bucket() finds each activity's
 * week by binary search among them. Same answer as date_trunc('week', local time), DST included.
 * (The statement alone is also the benchmark's plain-SQL baseline.)
 */
export function activitiesByWeekSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH weeks AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY local_start)::int AS n, local_start::date AS week,
             ((local_start AT TIME ZONE ${req.timeZone}) AT TIME ZONE 'UTC') AS utc_start
      FROM generate_series(date_trunc('week', ${filters.range.from}::date::timestamp), (${filters.range.toExclusive}::date - 1)::timestamp, interval '1 week') AS local_start
    ),
    per_week AS MATERIALIZED (
      SELECT width_bucket(a."occurredAt", (SELECT array_agg(utc_start ORDER BY n) FROM weeks)) AS n, a."ownerId", a."type", count(*)::int AS count
      FROM "Activity" a
      WHERE ${activityConditions(req, filters)} AND ${inRange(req, Prisma.sql`a."occurredAt"`, filters.range)}
      GROUP BY 1, 2, 3
    )
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week, p."ownerId", u."name" AS "ownerName", p."type", coalesce(p.count, 0) AS count
    FROM weeks w
    LEFT JOIN per_week p ON p.n = w.n
    LEFT JOIN "User" u ON u."tenantId" = ${req.tenantId} AND u."id" = p."ownerId"
    ORDER BY w.week, u."name", p."ownerId", p."type"`;
}

export async function activitiesByWeek(req: ReportRequest, filters: ReportFilters): Promise<ActivityWeekRow[]> {
  return req.db.$queryRaw<ActivityWeekRow[]>(activitiesByWeekSql(req, filters));
}
