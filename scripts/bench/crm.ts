// npm run bench:crm — how fast the CRM's busiest pages answer on a large workspace (100,000
// customers, 300,000 contacts, 200,000 opportunities, 1,000,000 activities; see crm-data.ts),
// through the real DAL functions as an Admin and as a Sales rep restricted to their own records,
// and the same queries as plain SQL, so the ratio shows what the application adds over the
// database. Prints figures; asserts nothing. Targets on a 2-core machine: list and record pages
// p95 < 150 ms, search < 100 ms.
//
// Heavy: run it while nothing else runs (the e2e lock keeps browser tests from competing):
//   flock /tmp/relay-e2e.lock npm run bench:crm
// BENCH_ROUNDS (default 30) sets the samples per figure.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { listCustomers, encodeCursor } from "@/lib/dal/customers/list-customers";
import { getCustomer, listCustomerContacts, listCustomerOpportunities } from "@/lib/dal/customers/get-customer";
import { listTimeline } from "@/lib/dal/activities/list-timeline";
import { searchRecords } from "@/lib/dal/search/search-records";
import { searchBigrams } from "@/lib/dal/search/text-match";
import {
  BOARD_CARDS_PER_COLUMN,
  boardCardsSql,
  boardRollupSql,
  encodeOpportunityCursor,
  listBoard,
  listOpportunities,
  opportunityFilterSql,
  opportunityPageSql,
} from "@/lib/dal/opportunities/list-opportunities";
import { CUSTOMER_SORTS, type CustomerSort } from "@/lib/dal/customers/list-query";
import { OPPORTUNITY_SORTS, type OpportunitySort } from "@/lib/dal/opportunities/list-query";
import { recordScope } from "@/lib/dal/crm/visibility";
import { bulkUpdateCustomers } from "@/lib/dal/customers/bulk-update-customers";
import { BULK_LIMIT } from "@/lib/dal/crm/bulk-selection";
import type { OpportunityListQuery } from "@/lib/dal/opportunities/list-query";
import { Prisma } from "@/lib/generated/prisma/client";
import { systemDb } from "@/lib/db/prisma";
import type { MemberContext } from "@/lib/dal/context";
import { createSavedView, listSavedViews, resolveListRequest } from "@/lib/dal/lists/saved-views";
import { parseCustomerListQuery } from "@/lib/dal/customers/list-query";
import { ensureLargeWorkspace, type BenchWorkspace } from "./crm-data";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PAGE_SIZE = 50;
const SEARCH_TERMS = ["pacific", "harbor tr", "华兴", "wang", "4150004", "company4242", "zzqx-nothing"];
// The list search pays for a whole list page per sample, so fewer terms: common, Chinese, phone digits, none.
const LIST_SEARCH_TERMS = ["pacific", "华兴", "4150004", "zzqx-nothing"];
// Opportunities match by title ("pilot": one in eight) or by the customer's name (华兴, pacific).
const OPPORTUNITY_SEARCH_TERMS = ["pilot", "pacific", "华兴", "zzqx-nothing"];

type Stats = { median: number; p95: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function sample(fn: (round: number) => Promise<unknown>, rounds = ROUNDS): Promise<Stats> {
  for (let i = 0; i < 2; i += 1) await fn(i); // warm-up: plans, pool, caches
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
const results: { label: string; dal: Stats; sql: Stats; target: number }[] = [];

function report(label: string, dal: Stats, sql: Stats, target: number) {
  results.push({ label, dal, sql, target });
  const ratio = sql.median > 0 ? (dal.median / sql.median).toFixed(1) : "–";
  const verdict = dal.p95 <= target ? "ok" : `MISSED (target p95 < ${target} ms)`;
  console.log(`  ${label.padEnd(52)} DAL median ${fmt(dal.median)} p95 ${fmt(dal.p95)} | SQL median ${fmt(sql.median)} p95 ${fmt(sql.p95)} | ×${ratio}  ${verdict}`);
}

// A pool, so the page's parallel queries run in parallel here too, as they do through Prisma.
const sqlClient = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function sql(text: string, params: unknown[]) {
  return (await sqlClient.query(text, params)).rows;
}

/** The DAL's list query as SQL: visibility, not deleted, keyset on (name, id), page + count. */
async function listSql(ws: BenchWorkspace, ctx: MemberContext, cursor: { name: string; id: string } | null, q?: string) {
  const own = ctx.role === "SALES_REP";
  const params: unknown[] = [ws.tenantId];
  let where = `"tenantId" = $1 AND "deletedAt" IS NULL`;
  if (own) where += ` AND "ownerId" = $${params.push(ctx.user.id)}`;
  if (q) where += ` AND "searchText" LIKE $${params.push(`%${q.toLowerCase()}%`)}`;
  // Chinese terms: the character-pair index, as the DAL adds it (lib/dal/search/text-match.ts).
  if (q && searchBigrams(q.toLowerCase()).length) where += ` AND "searchBigrams" @> $${params.push(searchBigrams(q.toLowerCase()))}::text[]`;
  const count = sql(`SELECT count(*) FROM (SELECT 1 FROM "Customer" WHERE ${where} LIMIT 1001) t`, params);
  let seek = "";
  const pageParams = [...params];
  if (cursor) seek = ` AND (name > $${pageParams.push(cursor.name)} OR (name = $${pageParams.length} AND id > $${pageParams.push(cursor.id)}))`;
  const page = sql(
    `SELECT c.id, c.name, c.status, c.industry, c.size, c.source, c.website, c.phone, c.city, c.country, c.tags, c."ownerId", c."createdAt", c."updatedAt", u.name AS owner,
            (SELECT count(*) FROM "Contact" k WHERE k."tenantId" = c."tenantId" AND k."customerId" = c.id AND k."deletedAt" IS NULL) AS contacts
     FROM (SELECT * FROM "Customer" WHERE ${where}${seek} ORDER BY name, id LIMIT ${PAGE_SIZE + 1}) c
     JOIN "User" u ON u."tenantId" = c."tenantId" AND u.id = c."ownerId" ORDER BY c.name, c.id`,
    pageParams,
  );
  await Promise.all([count, page]);
}

/** Where page `page` starts for this member (the last row of the page before), found in SQL. */
async function cursorOfPage(ws: BenchWorkspace, ctx: MemberContext, page: number): Promise<{ name: string; id: string; page: number } | null> {
  const own = ctx.role === "SALES_REP";
  const params: unknown[] = [ws.tenantId];
  const where = `"tenantId" = $1 AND "deletedAt" IS NULL${own ? ` AND "ownerId" = $${params.push(ctx.user.id)}` : ""}`;
  const [{ n }] = await sql(`SELECT count(*)::int AS n FROM "Customer" WHERE ${where}`, params);
  const reachable = Math.min(page, Math.max(1, Math.ceil(n / PAGE_SIZE)));
  if (reachable <= 1) return null;
  const rows = await sql(`SELECT name, id FROM "Customer" WHERE ${where} ORDER BY name, id OFFSET ${(reachable - 1) * PAGE_SIZE - 1} LIMIT 1`, params);
  return { ...(rows[0] as { name: string; id: string }), page: reachable };
}

async function searchSql(ws: BenchWorkspace, ctx: MemberContext, term: string) {
  const own = ctx.role === "SALES_REP";
  const pattern = `%${term.toLowerCase()}%`;
  const pairs = searchBigrams(term.toLowerCase());
  const p: unknown[] = [ws.tenantId, pattern, own ? ctx.user.id : null, pairs];
  const ownRule = (column: string) => (own ? `AND ${column} = $3` : "AND $3::text IS NULL");
  const pairRule = (column: string) => (pairs.length ? `AND ${column} @> $4::text[]` : "AND $4::text[] IS NOT NULL");
  // As the DAL: Chinese terms read every match from the pair index, then sort (see search-records.ts).
  const cte = pairs.length ? "MATERIALIZED" : "NOT MATERIALIZED";
  await Promise.all([
    sql(
      `WITH m AS ${cte} (SELECT id, name, city FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL AND "searchText" LIKE $2 ${pairRule(`"searchBigrams"`)} ${ownRule(`"ownerId"`)})
       SELECT * FROM m ORDER BY name, id LIMIT 6`,
      p,
    ),
    sql(
      `WITH m AS ${cte} (SELECT k.id, k.name, k.email, c.name AS customer FROM "Contact" k JOIN "Customer" c ON c."tenantId" = k."tenantId" AND c.id = k."customerId"
       WHERE k."tenantId" = $1 AND k."deletedAt" IS NULL AND c."deletedAt" IS NULL AND k."searchText" LIKE $2 ${pairRule(`k."searchBigrams"`)} ${ownRule(`c."ownerId"`)})
       SELECT * FROM m ORDER BY name, id LIMIT 6`,
      p,
    ),
    sql(
      `SELECT o.id, o.title, c.name FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c.id = o."customerId"
       WHERE o."tenantId" = $1 AND o."deletedAt" IS NULL AND c."deletedAt" IS NULL AND lower(o.title) LIKE $2 ${pairRule(`o."titleBigrams"`)}
         ${own ? `AND (o."ownerId" = $3 OR c."ownerId" = $3)` : "AND $3::text IS NULL"} ORDER BY o.title, o.id LIMIT 6`,
      p,
    ),
  ]);
}

const plain = (statement: Prisma.Sql) => sqlClient.query(statement.text, statement.values as unknown[]);

/** The opportunity table's page as the DAL's own statement, sent as plain SQL. */
async function opportunityTableSql(ctx: MemberContext, query: OpportunityListQuery) {
  const filter = await opportunityFilterSql(ctx, query);
  await plain(opportunityPageSql(filter, query.sort, query.dir, 51));
}

/** The board's statements (the totals from their rollup, and every stage's cards, in parallel as the DAL runs them), as plain SQL. */
async function boardSql(ctx: MemberContext) {
  const filter = await opportunityFilterSql(ctx, {});
  await Promise.all([plain(boardRollupSql(ctx, await recordScope(ctx), undefined)), plain(boardCardsSql(ctx, filter, BOARD_CARDS_PER_COLUMN))]);
}

/** The customer page's reads as SQL: the customer, its contacts, its opportunities, the first timeline page. */
async function recordSql(ws: BenchWorkspace, customerId: string) {
  const p = [ws.tenantId, customerId];
  await sql(`SELECT c.*, u.name FROM "Customer" c JOIN "User" u ON u."tenantId" = c."tenantId" AND u.id = c."ownerId" WHERE c."tenantId" = $1 AND c.id = $2 AND c."deletedAt" IS NULL`, p);
  await Promise.all([
    sql(`SELECT * FROM "Contact" WHERE "tenantId" = $1 AND "customerId" = $2 AND "deletedAt" IS NULL ORDER BY name, id LIMIT 500`, p),
    sql(
      `SELECT o.*, s.name, u.name FROM "Opportunity" o JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s.id = o."stageId" JOIN "User" u ON u."tenantId" = o."tenantId" AND u.id = o."ownerId"
       WHERE o."tenantId" = $1 AND o."customerId" = $2 AND o."deletedAt" IS NULL ORDER BY o."createdAt" DESC, o.id DESC LIMIT 200`,
      p,
    ),
    sql(`SELECT * FROM "Activity" WHERE "tenantId" = $1 AND "customerId" = $2 AND "deletedAt" IS NULL ORDER BY "occurredAt" DESC, id DESC LIMIT 21`, p),
    sql(
      `SELECT sc.* FROM "OpportunityStageChange" sc JOIN "Opportunity" o ON o."tenantId" = sc."tenantId" AND o.id = sc."opportunityId"
       WHERE sc."tenantId" = $1 AND o."customerId" = $2 ORDER BY sc."changedAt" DESC, sc.id DESC LIMIT 21`,
      p,
    ),
  ]);
}

async function recordDal(ctx: MemberContext, customerId: string) {
  const customer = await getCustomer(ctx, customerId);
  if (!customer) throw new Error(`customer ${customerId} not visible to ${ctx.role}`);
  await Promise.all([listCustomerContacts(ctx, customerId), listCustomerOpportunities(ctx, customerId), listTimeline(ctx, { customerId })]);
}

// Sorting by each column header (issue 15): the first page and a deep page reached by keyset, in
// both directions, through the DAL (which counts the matches too: exactly up to 10,000, then the
// planner's estimate). The deep page's cursor is the row before it in the list's own order (NULLs
// last ascending, first descending), found once with OFFSET, never timed.
const DEEP_PAGE = 1000;

function customerSortSql(sort: CustomerSort, dir: "asc" | "desc"): string {
  const d = dir === "asc" ? "ASC" : "DESC";
  return `"${sort}" ${d} NULLS ${dir === "asc" ? "LAST" : "FIRST"}, id ${d}`;
}

/** A sort column's value as the cursor holds it: timestamps (stored in UTC) as ISO text, the rest as text. */
function cursorText(column: string, sort: string): string {
  return sort === "createdAt" || sort === "updatedAt" ? `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${column}::text`;
}

async function customerSortCursor(ws: BenchWorkspace, sort: CustomerSort, dir: "asc" | "desc"): Promise<string | null> {
  const skip = (DEEP_PAGE - 1) * PAGE_SIZE - 1;
  const [row] = await sql(`SELECT ${cursorText(`"${sort}"`, sort)} AS v, id FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL ORDER BY ${customerSortSql(sort, dir)} OFFSET ${skip} LIMIT 1`, [ws.tenantId]);
  if (!row) return null;
  return encodeCursor({ v: row.v === null ? null : String(row.v), id: String(row.id), back: false, start: skip + 1 });
}

async function opportunitySortCursor(ws: BenchWorkspace, sort: OpportunitySort, dir: "asc" | "desc"): Promise<string | null> {
  const skip = (DEEP_PAGE - 1) * PAGE_SIZE - 1;
  const d = dir === "asc" ? "ASC" : "DESC";
  const [row] = await sql(
    `SELECT ${cursorText(`o."${sort}"`, sort)} AS v, o.id FROM "Opportunity" o WHERE o."tenantId" = $1 AND o."deletedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "Customer" dc WHERE dc."tenantId" = o."tenantId" AND dc.id = o."customerId" AND dc."deletedAt" IS NOT NULL)
     ORDER BY o."${sort}" ${d} NULLS ${dir === "asc" ? "LAST" : "FIRST"}, o.id ${d} OFFSET ${skip} LIMIT 1`,
    [ws.tenantId],
  );
  if (!row) return null;
  return encodeOpportunityCursor({ value: row.v === null ? null : String(row.v), id: String(row.id), start: skip + 1 });
}

function reportSort(label: string, dal: Stats) {
  console.log(`  ${label.padEnd(52)} DAL median ${fmt(dal.median)} p95 ${fmt(dal.p95)}`);
}

async function sortFigures(ws: BenchWorkspace, ctx: MemberContext) {
  console.log(`
Sort by each column header (Admin; first page and page ${DEEP_PAGE.toLocaleString("en")} by keyset):`);
  for (const sort of CUSTOMER_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      const query = { sort, dir, pageSize: PAGE_SIZE };
      reportSort(`customers by ${sort} ${dir}, page 1`, await sample(() => listCustomers(ctx, query)));
      const cursor = await customerSortCursor(ws, sort, dir);
      if (cursor) reportSort(`customers by ${sort} ${dir}, page ${DEEP_PAGE.toLocaleString("en")}`, await sample(() => listCustomers(ctx, { ...query, cursor })));
    }
  }
  for (const sort of OPPORTUNITY_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      const query: OpportunityListQuery = { view: "table", sort, dir };
      reportSort(`opportunities by ${sort} ${dir}, page 1`, await sample(() => listOpportunities(ctx, query)));
      const cursor = await opportunitySortCursor(ws, sort, dir);
      if (cursor) reportSort(`opportunities by ${sort} ${dir}, page ${DEEP_PAGE.toLocaleString("en")}`, await sample(() => listOpportunities(ctx, { ...query, cursor })));
    }
  }
}

async function explain(label: string, text: string, params: unknown[]) {
  const rows = await sql(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${text}`, params);
  console.log(`\n  EXPLAIN ANALYZE — ${label}`);
  for (const row of rows) console.log(`    ${row["QUERY PLAN"]}`);
}

const BULK_TAG = "bench-bulk";
const BULK_ROUNDS = Number(process.env.BENCH_BULK_ROUNDS ?? 5);

/**
 * A bulk change of owner on 10,000 customers ("all matching" a tag that exactly BULK_LIMIT carry),
 * as the list's bulk bar makes it: the DAL resolves the filter, locks and changes the rows and writes
 * one history row each, in one statement, and one audit entry. Against a plain UPDATE of the same
 * rows. The owners go back and forth between two members; afterwards every customer gets its own
 * owner back and the figure's history rows are removed, so later runs measure the same data.
 */
async function benchBulkOwnerChange(ws: BenchWorkspace) {
  await sql(
    `UPDATE "Customer" SET "tags" = array_remove("tags", $2) WHERE "tenantId" = $1 AND "tags" @> ARRAY[$2]::text[]
       AND "id" NOT IN (SELECT "id" FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL ORDER BY md5("id") LIMIT ${BULK_LIMIT})`,
    [ws.tenantId, BULK_TAG],
  );
  await sql(
    `UPDATE "Customer" SET "tags" = array_append("tags", $2) WHERE "tenantId" = $1 AND NOT "tags" @> ARRAY[$2]::text[]
       AND "id" IN (SELECT "id" FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL ORDER BY md5("id") LIMIT ${BULK_LIMIT})`,
    [ws.tenantId, BULK_TAG],
  );
  const before = (await sql(`SELECT "id", "ownerId" FROM "Customer" WHERE "tenantId" = $1 AND "tags" @> ARRAY[$2]::text[]`, [ws.tenantId, BULK_TAG])) as { id: string; ownerId: string }[];
  const owners = [ws.admin.user.id, ws.rep.user.id];
  const started = new Date();
  const meta = { ip: null, userAgent: "bench" };
  console.log(`
Bulk actions (${before.length.toLocaleString("en")} customers tagged "${BULK_TAG}", ${BULK_ROUNDS} rounds):`);
  report(
    `bulk change owner of ${before.length.toLocaleString("en")} customers`,
    await sample(async (round) => {
      const result = await bulkUpdateCustomers(ws.admin, { filters: { tag: BULK_TAG } }, { kind: "owner", ownerId: owners[round % 2]! }, meta);
      if (!result.ok) throw new Error(`bulk change refused: ${JSON.stringify(result)}`);
    }, BULK_ROUNDS),
    await sample(
      (round) =>
        sql(`UPDATE "Customer" SET "ownerId" = $3, "version" = "version" + 1 WHERE "tenantId" = $1 AND "deletedAt" IS NULL AND "tags" @> ARRAY[$2]::text[]`, [
          ws.tenantId,
          BULK_TAG,
          owners[round % 2],
        ]),
      BULK_ROUNDS,
    ),
    5000,
  );
  await sql(
    `UPDATE "Customer" c SET "ownerId" = b."ownerId" FROM unnest($2::text[], $3::text[]) AS b("id", "ownerId") WHERE c."tenantId" = $1 AND c."id" = b."id"`,
    [ws.tenantId, before.map((row) => row.id), before.map((row) => row.ownerId)],
  );
  await sql(`DELETE FROM "RecordChange" WHERE "tenantId" = $1 AND "actorId" = $2 AND "entityType" = 'customer' AND "changedAt" >= $3`, [ws.tenantId, ws.admin.user.id, started]);
}

/**
 * The bench's shared saved view of the customer list (made by the Admin on the first run, found by
 * its name after), with the same filters as the "filtered" figure so the SQL beside it compares.
 */
async function benchSavedView(ws: BenchWorkspace): Promise<string> {
  const name = "Bench: active VIP";
  const created = await createSavedView(ws.admin, { list: "customers", name, shared: true, query: "status=ACTIVE&tag=VIP" }, { ip: null, userAgent: "bench:crm" });
  if ("id" in created) return created.id;
  const found = (await listSavedViews(ws.admin, "customers")).find((view) => view.name === name);
  if (!found) throw new Error(`saved view "${name}" neither made nor found: ${created.error}`);
  return found.id;
}

/** What the customers page does for ?savedView=<id>: find the view, parse and check its query, list page 1. */
async function listThroughSavedView(ctx: MemberContext, viewId: string) {
  const request = await resolveListRequest(ctx, "customers", { savedView: viewId });
  if (!request.selected) throw new Error("the bench's saved view is not visible");
  return listCustomers(ctx, parseCustomerListQuery(request.params).query);
}

async function main() {
  const started = performance.now();
  const ws = await ensureLargeWorkspace();
  console.log(`[bench] data ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const counts = await sql(
    `SELECT (SELECT count(*) FROM "Customer" WHERE "tenantId" = $1) AS customers, (SELECT count(*) FROM "Contact" WHERE "tenantId" = $1) AS contacts,
            (SELECT count(*) FROM "Opportunity" WHERE "tenantId" = $1) AS opportunities, (SELECT count(*) FROM "Activity" WHERE "tenantId" = $1) AS activities,
            (SELECT count(*) FROM "Customer" WHERE "tenantId" = $1 AND "ownerId" = $2) AS rep_customers`,
    [ws.tenantId, ws.rep.user.id],
  );
  console.log(`\nLarge workspace ${ws.slug}: ${JSON.stringify(counts[0])}; ${ROUNDS} rounds per figure; page size ${PAGE_SIZE}.`);

  const listQuery = { sort: "name" as const, dir: "asc" as const, pageSize: PAGE_SIZE };
  // Customers with the most timeline entries, some the rep owns: the heaviest record pages.
  const heavy = (await sql(
    `SELECT c.id, c."ownerId" FROM "Customer" c WHERE c."tenantId" = $1 ORDER BY (c."ownerId" = $2) DESC, c.id LIMIT ${ROUNDS}`,
    [ws.tenantId, ws.rep.user.id],
  )) as { id: string; ownerId: string }[];
  const repCustomers = heavy.filter((c) => c.ownerId === ws.rep.user.id).map((c) => c.id);
  const anyCustomers = (await sql(`SELECT id FROM "Customer" WHERE "tenantId" = $1 ORDER BY md5(id) LIMIT ${ROUNDS}`, [ws.tenantId])).map((r) => String(r.id));

  const savedViewId = await benchSavedView(ws);

  for (const [who, ctx] of [
    ["Admin", ws.admin],
    ["Sales rep (own records only)", ws.rep],
  ] as const) {
    console.log(`\n${who}:`);
    report("customer list, page 1", await sample(() => listCustomers(ctx, listQuery)), await sample(() => listSql(ws, ctx, null)), 150);
    const deep = await cursorOfPage(ws, ctx, 1000);
    if (deep) {
      const cursor = encodeCursor({ v: deep.name, id: deep.id, back: false, start: (deep.page - 1) * PAGE_SIZE });
      report(`customer list, page ${deep.page.toLocaleString("en")}`, await sample(() => listCustomers(ctx, { ...listQuery, cursor })), await sample(() => listSql(ws, ctx, deep)), 150);
    }
    const filteredSql = () =>
      sql(
        `SELECT id FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL AND status = 'ACTIVE' AND tags @> ARRAY['VIP'] ${ctx.role === "SALES_REP" ? `AND "ownerId" = '${ctx.user.id}'` : ""} ORDER BY name, id LIMIT 51`,
        [ws.tenantId],
      );
    report("customer list, filtered (status + tag), page 1", await sample(() => listCustomers(ctx, { ...listQuery, status: "ACTIVE", tag: "VIP" })), await sample(filteredSql), 150);
    // Apply a saved view: the same filters, read from the shared view and re-validated on every request.
    report("apply a saved view (status + tag), page 1", await sample(() => listThroughSavedView(ctx, savedViewId)), await sample(filteredSql), 150);
    for (const term of LIST_SEARCH_TERMS) {
      report(`list search "${term}"`, await sample(() => listCustomers(ctx, { ...listQuery, q: term })), await sample(() => listSql(ws, ctx, null, term)), 100);
    }
    for (const term of SEARCH_TERMS) {
      report(`Ctrl+K search "${term}"`, await sample(() => searchRecords(ctx, term)), await sample(() => searchSql(ws, ctx, term)), 100);
    }
    const table: OpportunityListQuery = { view: "table", sort: "createdAt", dir: "desc" };
    report("opportunity table, page 1", await sample(() => listOpportunities(ctx, table)), await sample(() => opportunityTableSql(ctx, table)), 150);
    for (const term of OPPORTUNITY_SEARCH_TERMS) {
      const query = { ...table, q: term };
      report(`opportunity table search "${term}"`, await sample(() => listOpportunities(ctx, query)), await sample(() => opportunityTableSql(ctx, query)), 100);
    }
    report("opportunity board (every stage)", await sample(() => listBoard(ctx, {})), await sample(() => boardSql(ctx)), 150);
    const ids = ctx.role === "SALES_REP" ? repCustomers.length > 0 ? repCustomers : anyCustomers : anyCustomers;
    report(
      "record page (customer + contacts + opps + timeline)",
      await sample((i) => recordDal(ctx, ids[i % ids.length])),
      await sample((i) => recordSql(ws, ids[i % ids.length])),
      150,
    );
  }

  if (process.env.BENCH_ONLY !== "main") await sortFigures(ws, ws.admin);
  await benchBulkOwnerChange(ws);

  const missed = results.filter((r) => r.dal.p95 > r.target);
  console.log(`\n${missed.length === 0 ? "Every target met." : `${missed.length} figure(s) missed their target:`}`);
  for (const r of missed) console.log(`  - ${r.label}: p95 ${r.dal.p95.toFixed(1)} ms (target ${r.target} ms)`);
  if (process.env.BENCH_EXPLAIN === "1" || missed.length > 0) {
    const pattern = "%pacific%";
    await explain("list search 'pacific' (admin)", `SELECT id FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL AND "searchText" LIKE $2 ORDER BY name, id LIMIT 51`, [ws.tenantId, pattern]);
    await explain("list page 1 (rep)", `SELECT id FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL AND "ownerId" = $2 ORDER BY name, id LIMIT 51`, [ws.tenantId, ws.rep.user.id]);
    await explain(
      "timeline first page",
      `SELECT id FROM "Activity" WHERE "tenantId" = $1 AND "customerId" = $2 AND "deletedAt" IS NULL ORDER BY "occurredAt" DESC, id DESC LIMIT 21`,
      [ws.tenantId, anyCustomers[0]],
    );
  }
  await sqlClient.end();
  await systemDb().$disconnect();
}

await main();
