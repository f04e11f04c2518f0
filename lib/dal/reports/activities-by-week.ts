import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActivityType } from "@/lib/generated/prisma/enums";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { activityConditions, inRange, utcBound, type ReportRequest } from "./report-request";
import { activityRollup, rollupConditions } from "./report-rollups";

export type ActivityWeekRow = {
  /** Monday of the week (viewer's time zone). */
  week: string;
  /** null on an empty week's zero row. */
  ownerId: string | null;
  ownerName: string | null;
  type: ActivityType | null;
  count: number;
};

// The viewer's weeks in the range: n (1…), the local Monday, and its start as a UTC timestamp.
function weeksCte(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    weeks AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY local_start)::int AS n, local_start::date AS week,
             ((local_start AT TIME ZONE ${req.timeZone}) AT TIME ZONE 'UTC') AS utc_start
      FROM generate_series(date_trunc('week', ${filters.range.from}::date::timestamp), (${filters.range.toExclusive}::date - 1)::timestamp, interval '1 week') AS local_start
    )`;
}

// Per-week counts (n, ownerId, type, count) joined with every week and the owners' names.
function weekRows(req: ReportRequest): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week, p."ownerId", u."name" AS "ownerName", p."type", coalesce(p.count, 0) AS count
    FROM weeks w
    LEFT JOIN per_week p ON p.n = w.n
    LEFT JOIN "User" u ON u."tenantId" = ${req.tenantId} AND u."id" = p."ownerId"
    ORDER BY w.week, u."name", p."ownerId", p."type"`;
}

/**
 * Activities per week, owner and type in the range, from the activities themselves; weeks
 * without any as zero rows. The definition (and the tests' oracle for the rollup below): an
 * activity is in the week whose local Monday 00:00 it follows, in the viewer's time zone.
 *
 * The week of each activity isn't computed by converting every timestamp to the viewer's zone:
 * the viewer's week starts are converted once, to UTC, and width_bucket() finds each activity's
 * week by binary search among them. Same answer as date_trunc('week', local time), DST included.
 */
export function activitiesByWeekRawSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH ${weeksCte(req, filters)},
    per_week AS MATERIALIZED (
      SELECT width_bucket(a."occurredAt", (SELECT array_agg(utc_start ORDER BY n) FROM weeks)) AS n, a."ownerId", a."type", count(*)::int AS count
      FROM "Activity" a
      WHERE ${activityConditions(req, filters)} AND ${inRange(req, Prisma.sql`a."occurredAt"`, filters.range)}
      GROUP BY 1, 2, 3
    )
    ${weekRows(req)}`;
}

/**
 * The same report from the daily rollup ("ReportActivityDay", or "ReportActivityTagDay" with a tag
 * filter; UTC days; see report-rollups.ts).
 * A UTC day lies in one of the viewer's weeks unless a week start (or an end of the range) cuts
 * it, which happens on one day a week whenever the viewer isn't on UTC. A cut day is counted
 * from the rollup in the week of its longest piece; the activities of its other pieces (a couple
 * of hours a week in Europe, 5½ in India, at most 12) are read from the table and moved from that
 * week to their own (or out, before and after the range). Half-hour and DST zones need nothing
 * special: the cuts are wherever the viewer's midnights fall.
 */
export function activitiesByWeekRollupSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  const lo = utcBound(req, filters.range.from);
  const hi = utcBound(req, filters.range.toExclusive);
  // The week of an instant, null outside the range.
  const bucket = (instant: Prisma.Sql) => Prisma.sql`CASE WHEN ${instant} >= s.lo AND ${instant} < s.hi THEN width_bucket(${instant}, s.starts) END`;
  return Prisma.sql`
    WITH ${weeksCte(req, filters)},
    span AS MATERIALIZED (
      SELECT ${lo} AS lo, ${hi} AS hi, (SELECT array_agg(utc_start ORDER BY n) FROM weeks) AS starts
    ),
    -- Where the week changes inside a UTC day.
    cuts AS MATERIALIZED (
      SELECT DISTINCT c.at FROM span s
      CROSS JOIN LATERAL (SELECT w.utc_start AS at FROM weeks w UNION ALL SELECT s.lo UNION ALL SELECT s.hi) c
      WHERE c.at >= s.lo AND c.at <= s.hi AND c.at <> date_trunc('day', c.at)
    ),
    -- The pieces of each cut day; the longest one is its anchor.
    pieces AS MATERIALIZED (
      SELECT day, lo, hi, row_number() OVER (PARTITION BY day ORDER BY hi - lo DESC, lo) = 1 AS anchor
      FROM (
        SELECT day, lo, coalesce(lead(lo) OVER (PARTITION BY day ORDER BY lo), day + interval '1 day') AS hi
        FROM (SELECT date_trunc('day', at) AS day, date_trunc('day', at) AS lo FROM cuts UNION SELECT date_trunc('day', at), at FROM cuts) starts
      ) cut
    ),
    -- The week of each UTC day in the range (its anchor's; the day's start when nothing cuts it).
    days AS MATERIALIZED (
      SELECT d.day::date AS day, ${bucket(Prisma.sql`coalesce(k.lo, d.day)`)} AS n
      FROM span s
      CROSS JOIN LATERAL generate_series(date_trunc('day', s.lo), s.hi - interval '1 microsecond', interval '1 day') AS d(day)
      LEFT JOIN pieces k ON k.anchor AND k.day = d.day
    ),
    -- The other pieces' activities, per owner and type: one index range per piece (LATERAL, so
    -- an owner or tag filter doesn't tempt the planner into reading all the owner's activities).
    moved AS MATERIALIZED (
      SELECT k.day, k.lo, x."ownerId", x."type", x.count
      FROM pieces k
      CROSS JOIN LATERAL (
        SELECT a."ownerId", a."type", count(*)::int AS count
        FROM "Activity" a
        WHERE a."occurredAt" >= k.lo AND a."occurredAt" < k.hi AND ${activityConditions(req, filters)}
        GROUP BY 1, 2
      ) x
      WHERE NOT k.anchor
    ),
    counts AS (
      SELECT d.n, r."ownerId", r."type", r."count"
      FROM ${activityRollup(filters)}
      JOIN days d ON d.day = r."day"
      WHERE ${rollupConditions(req, filters)} AND r."day" >= (${lo})::date AND r."day" <= (${hi} - interval '1 microsecond')::date
      UNION ALL
      SELECT b.n, m."ownerId", m."type", b.sign * m.count
      FROM moved m
      JOIN days d ON d.day = m.day::date
      CROSS JOIN span s
      CROSS JOIN LATERAL (VALUES (${bucket(Prisma.sql`m.lo`)}, 1), (d.n, -1)) b(n, sign)
    ),
    per_week AS MATERIALIZED (
      SELECT n, "ownerId", "type", sum("count")::int AS count
      FROM counts WHERE n IS NOT NULL
      GROUP BY 1, 2, 3
      HAVING sum("count") > 0
    )
    ${weekRows(req)}`;
}

/** The statement the report runs (the rollup's, whatever the filters). */
export function activitiesByWeekSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return activitiesByWeekRollupSql(req, filters);
}

export async function activitiesByWeek(req: ReportRequest, filters: ReportFilters): Promise<ActivityWeekRow[]> {
  return req.db.$tenantQuery<ActivityWeekRow[]>(() => activitiesByWeekSql(req, filters));
}
