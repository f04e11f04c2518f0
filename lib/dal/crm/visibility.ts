import "server-only";
import { systemDb } from "@/lib/db/prisma";
import type { MemberContext } from "../context";
import { Prisma } from "@/lib/generated/prisma/client";

// Which CRM records a member may see. One rule, used by every CRM read (lists, detail pages,
// search, exports, reports): when the workspace says "Sales reps see only their own records",
// a Sales rep sees the customers they own (with those customers' contacts, activities and
// opportunities) and the opportunities they own; everybody else sees the whole workspace.
// A record outside the scope is answered exactly like a record that does not exist.

export type RecordScope = { ownOnly: false } | { ownOnly: true; userId: string };

export async function recordScope(ctx: MemberContext): Promise<RecordScope> {
  if (ctx.role !== "SALES_REP") return { ownOnly: false };
  const tenant = await systemDb().tenant.findUnique({ where: { id: ctx.tenant.id }, select: { repsSeeOwnRecordsOnly: true } });
  return tenant?.repsSeeOwnRecordsOnly ? { ownOnly: true, userId: ctx.user.id } : { ownOnly: false };
}

export function customerWhere(scope: RecordScope): Prisma.CustomerWhereInput {
  return scope.ownOnly ? { ownerId: scope.userId } : {};
}

export function contactWhere(scope: RecordScope): Prisma.ContactWhereInput {
  return scope.ownOnly ? { customer: { ownerId: scope.userId } } : {};
}

export function opportunityWhere(scope: RecordScope): Prisma.OpportunityWhereInput {
  return scope.ownOnly ? { OR: [{ ownerId: scope.userId }, { customer: { ownerId: scope.userId } }] } : {};
}

export function activityWhere(scope: RecordScope): Prisma.ActivityWhereInput {
  return scope.ownOnly ? { OR: [{ ownerId: scope.userId }, { customer: { ownerId: scope.userId } }] } : {};
}

export function taskWhere(scope: RecordScope): Prisma.TaskWhereInput {
  return scope.ownOnly ? { OR: [{ assigneeId: scope.userId }, { customer: { ownerId: scope.userId } }] } : {};
}

/**
 * The same rule in SQL, for raw queries (the opportunity lists, reports): a row aliased `alias`
 * with "ownerId" and "customerId" columns is visible when the member owns it or its customer.
 * Null when the member sees the whole workspace.
 */
export function ownOnlySql(scope: RecordScope, tenantId: string, alias: "o" | "a"): Prisma.Sql | null {
  if (!scope.ownOnly) return null;
  const row = Prisma.raw(alias);
  return Prisma.sql`(${row}."ownerId" = ${scope.userId} OR ${row}."customerId" IN (SELECT mc."id" FROM "Customer" mc WHERE mc."tenantId" = ${tenantId} AND mc."ownerId" = ${scope.userId}))`;
}

/** The rule on a rollup row (aliased `alias`) keyed by the record's owner and its customer's owner. */
export function rollupOwnOnlySql(scope: RecordScope, alias: "r" | "t"): Prisma.Sql | null {
  if (!scope.ownOnly) return null;
  const row = Prisma.raw(alias);
  return Prisma.sql`(${row}."ownerId" = ${scope.userId} OR ${row}."customerOwnerId" = ${scope.userId})`;
}
