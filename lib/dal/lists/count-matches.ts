import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantDb } from "@/lib/db/tenant-db";

// How many rows a list's filters match, for "1–50 of 12,345". Counting is the one part of a list
// page whose cost grows with the matches (every match is read; the page itself stops after 50),
// so the rows are counted exactly up to EXACT_COUNT_LIMIT and, past that, the figure is the
// planner's estimate of the same statement (EXPLAIN reads statistics, no rows), shown as
// "about 12,000". The estimate never claims fewer rows than the exact count already proved.

/** Counting this many index entries costs a few milliseconds; past it the count becomes the slow part. */
export const EXACT_COUNT_LIMIT = 10_000;

export type MatchCount = { count: number; exact: boolean };

/** `from` is the FROM and WHERE of the matches (e.g. `"Customer" c WHERE …`), binding the workspace. */
export async function countMatches(db: TenantDb, from: (tenant: Prisma.Sql) => Prisma.Sql, limit = EXACT_COUNT_LIMIT): Promise<MatchCount> {
  const [counted] = await db.$tenantQuery<{ n: number }[]>((tenant) => Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from(tenant)} LIMIT ${limit + 1}) AS capped`);
  const exact = counted?.n ?? 0;
  if (exact <= limit) return { count: exact, exact: true };
  const [plan] = await db.$tenantQuery<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>((tenant) => Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from(tenant)}`);
  const estimated = plan?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
  return { count: roughly(Math.max(estimated, limit + 1)), exact: false };
}

/** Two significant figures: an estimate shown to the last digit would pretend to be exact. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
