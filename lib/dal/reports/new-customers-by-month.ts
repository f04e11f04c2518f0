import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { customerConditions, inRange, localTime, monthSeries, type ReportRequest } from "./report-request";

export type NewCustomersRow = {
  month: string;
  /** The customer's source ("" when it has none); null on an empty month's zero row. */
  source: string | null;
  count: number;
};

/** Customers created per month (viewer's months) by source; empty months as zero rows. (The statement alone is also the benchmark's plain-SQL baseline.) */
export function newCustomersByMonthSql(req: ReportRequest, filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    WITH created AS MATERIALIZED (
      SELECT date_trunc('month', ${localTime(req, Prisma.sql`c."createdAt"`)})::date AS month, coalesce(nullif(btrim(c."source"), ''), '') AS source, count(*)::int AS count
      FROM "Customer" c
      WHERE ${customerConditions(req, filters)} AND ${inRange(req, Prisma.sql`c."createdAt"`, filters.range)}
      GROUP BY 1, 2
    ),
    months AS (SELECT ${monthSeries(filters.range)} AS month)
    SELECT to_char(m.month, 'YYYY-MM-DD') AS month, c.source, coalesce(c.count, 0) AS count
    FROM months m LEFT JOIN created c ON c.month = m.month
    ORDER BY m.month, c.source`;
}

export async function newCustomersByMonth(req: ReportRequest, filters: ReportFilters): Promise<NewCustomersRow[]> {
  return req.db.$tenantQuery<NewCustomersRow[]>(() => newCustomersByMonthSql(req, filters));
}
