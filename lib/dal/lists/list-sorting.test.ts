// Sorting the lists by any column header (issue 15, items 1 and 5): page after page, forward and
// back, every row comes exactly once and in the column's order, across equal values and empty
// fields (no phone, no location, no close date); "51–100 of N" positions follow the pages; and the
// count is exact up to its limit and an estimate beyond it.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { createWorkspace, memberContext } from "@/test/factories";
import { compareNames } from "@/lib/i18n/name-order";
import { CUSTOMER_STATUSES } from "@/lib/validation/customer";
import type { MemberContext } from "../context";
import { customerMatchesSql, encodeCursor, listCustomers } from "../customers/list-customers";
import { CUSTOMER_SORTS, type CustomerListQuery, type CustomerSort } from "../customers/list-query";
import { listOpportunities } from "../opportunities/list-opportunities";
import { OPPORTUNITY_SORTS, type OpportunityListQuery, type OpportunitySort } from "../opportunities/list-query";
import { countMatches, roughly } from "./count-matches";

let ctx: MemberContext;
let tenantId: string;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** NULL after every value, as PostgreSQL orders ascending (and the lists put it last, first descending). */
function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(a, b);
}

const plain = <T extends string | number>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);

beforeAll(async () => {
  const ws = await createWorkspace();
  tenantId = ws.tenant.id;
  ctx = memberContext(ws.owner, ws.tenant);
  const at = new Date("2026-03-01T08:00:00Z");
  const later = new Date("2026-03-02T08:00:00Z");
  // 26 customers: many share a name, a status, a phone, a location and a time; a third have no
  // phone and a quarter no location.
  const names = ["Same", "same", "Éclair", "Zeta", "Alpha", "北京贸易"];
  await systemDb().customer.createMany({
    data: Array.from({ length: 26 }, (_, i) => ({
      tenantId,
      name: i < 10 ? "Same" : names[i % names.length]!,
      ownerId: ws.owner.id,
      status: CUSTOMER_STATUSES[i % 3]!,
      phone: i % 3 === 0 ? null : i % 2 === 0 ? "+14155550100" : `+1415555${String(100 + i).padStart(4, "0")}`,
      city: i % 4 === 0 ? null : ["Berlin", "Zürich", "Amsterdam"][i % 3],
      createdAt: i % 2 === 0 ? at : later,
      updatedAt: i % 5 === 0 ? later : at,
      searchText: i % 2 === 0 ? "findme" : "other",
    })),
  });
  const stage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId }, orderBy: { position: "asc" } });
  const customer = await systemDb().customer.findFirstOrThrow({ where: { tenantId } });
  // 23 opportunities with equal titles, amounts and probabilities, and a third without a close date.
  await systemDb().opportunity.createMany({
    data: Array.from({ length: 23 }, (_, i) => ({
      tenantId,
      title: i < 8 ? "Renewal" : ["Éclair deal", "Zeta pilot", "北京 ERP"][i % 3]!,
      customerId: customer.id,
      ownerId: ws.owner.id,
      stageId: stage.id,
      amount: i % 4 === 0 ? "500" : "1200.5",
      probability: [10, 50, 50, 90][i % 4]!,
      expectedCloseDate: i % 3 === 0 ? null : new Date(i % 2 === 0 ? "2026-06-30T00:00:00Z" : "2026-07-15T00:00:00Z"),
      createdAt: i % 2 === 0 ? at : later,
      updatedAt: at,
    })),
  });
});

describe("customer list sorted by each header", () => {
  async function expectedCustomers(sort: CustomerSort, dir: "asc" | "desc", filter: Partial<CustomerListQuery>): Promise<string[]> {
    const rows = await systemDb().customer.findMany({
      where: { tenantId, deletedAt: null, ...(filter.status ? { status: filter.status } : {}), ...(filter.q ? { searchText: { contains: filter.q } } : {}) },
    });
    const key = (row: (typeof rows)[number], other: (typeof rows)[number]): number => {
      switch (sort) {
        case "name":
          return compareNames("en")(row.name, other.name);
        case "status":
          return plain(CUSTOMER_STATUSES.indexOf(row.status), CUSTOMER_STATUSES.indexOf(other.status));
        case "phone":
        case "city":
          return compareNullable(row[sort], other[sort], plain);
        case "createdAt":
        case "updatedAt":
          return plain(row[sort].getTime(), other[sort].getTime());
      }
    };
    const order = [...rows].sort((a, b) => key(a, b) || byId(a, b)).map((row) => row.id);
    return dir === "asc" ? order : order.reverse();
  }

  it("reads every row exactly once, in the column's order, forward and back, with positions and the count", async () => {
    for (const sort of CUSTOMER_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        for (const filter of [{}, { status: "ACTIVE" as const }, { q: "findme" }]) {
          const label = `${sort} ${dir} ${JSON.stringify(filter)}`;
          const expected = await expectedCustomers(sort, dir, filter);
          const query: CustomerListQuery = { sort, dir, pageSize: 4, ...filter };
          const pages: string[][] = [];
          let page = await listCustomers(ctx, query);
          for (;;) {
            expect(page.start, label).toBe(pages.length * 4);
            expect(page.total, label).toEqual({ count: expected.length, exact: true });
            pages.push(page.rows.map((row) => row.id));
            if (!page.nextCursor) break;
            page = await listCustomers(ctx, { ...query, cursor: page.nextCursor });
          }
          expect(pages.flat(), label).toEqual(expected);
          const back: string[][] = [page.rows.map((row) => row.id)];
          while (page.prevCursor) {
            page = await listCustomers(ctx, { ...query, cursor: page.prevCursor });
            expect(page.start, label).toBe((pages.length - back.length - 1) * 4);
            back.unshift(page.rows.map((row) => row.id));
          }
          expect(back, label).toEqual(pages);
        }
      }
    }
  });

  it("starts from the first page when a cursor doesn't fit the sort, instead of failing or skipping", async () => {
    const first = await listCustomers(ctx, { sort: "createdAt", dir: "asc", pageSize: 4 });
    const wrong = await listCustomers(ctx, { sort: "createdAt", dir: "asc", pageSize: 4, cursor: encodeCursor({ v: "not a date", id: "x", back: false, start: 40 }) });
    expect(wrong.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(wrong.start).toBe(0);
    // An empty value is only a place in a column that can be empty.
    const empty = await listCustomers(ctx, { sort: "status", dir: "asc", pageSize: 4, cursor: encodeCursor({ v: null, id: "x", back: false, start: 4 }) });
    expect(empty.rows.map((row) => row.id)).toEqual((await listCustomers(ctx, { sort: "status", dir: "asc", pageSize: 4 })).rows.map((row) => row.id));
  });
});

describe("opportunity table sorted by each header", () => {
  async function expectedOpportunities(sort: OpportunitySort, dir: "asc" | "desc"): Promise<string[]> {
    const rows = await systemDb().opportunity.findMany({ where: { tenantId, deletedAt: null } });
    const key = (row: (typeof rows)[number], other: (typeof rows)[number]): number => {
      switch (sort) {
        case "title":
          return compareNames("en")(row.title, other.title);
        case "amount":
          return plain(Number(row.amount), Number(other.amount));
        case "probability":
          return plain(row.probability, other.probability);
        case "expectedCloseDate":
          return compareNullable(row.expectedCloseDate?.getTime() ?? null, other.expectedCloseDate?.getTime() ?? null, plain);
        case "createdAt":
        case "updatedAt":
          return plain(row[sort].getTime(), other[sort].getTime());
      }
    };
    const order = [...rows].sort((a, b) => key(a, b) || byId(a, b)).map((row) => row.id);
    return dir === "asc" ? order : order.reverse();
  }

  it("reads every row exactly once, in the column's order, with positions and the count", async () => {
    for (const sort of OPPORTUNITY_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const label = `${sort} ${dir}`;
        const expected = await expectedOpportunities(sort, dir);
        const query: OpportunityListQuery = { view: "table", sort, dir };
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listOpportunities(ctx, { ...query, cursor }, 3);
          expect(page.badCursor, label).toBe(false);
          expect(page.start, label).toBe(seen.length);
          expect(page.total, label).toEqual({ count: expected.length, exact: true });
          seen.push(...page.rows.map((row) => row.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, label).toEqual(expected);
      }
    }
  });
});

describe("the match count", () => {
  it("is exact up to its limit and the planner's estimate past it, never below what was counted", async () => {
    const db = tenantDb(tenantId);
    const all = await customerMatchesSql(ctx, {});
    expect(await countMatches(db, all, 26)).toEqual({ count: 26, exact: true });
    const estimate = await countMatches(db, all, 5);
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThanOrEqual(6);
    // The list says how many of the filtered rows match, not the workspace's.
    expect(await countMatches(db, await customerMatchesSql(ctx, { status: "ACTIVE", q: "findme" }))).toEqual({ count: 4, exact: true });
  });

  it("rounds an estimate to two significant figures", () => {
    expect([roughly(12_345), roughly(987), roughly(100_499), roughly(42)]).toEqual([12_000, 990, 100_000, 42]);
  });
});
