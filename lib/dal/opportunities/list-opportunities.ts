import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { addAmounts } from "@/lib/money";
import { systemDb } from "@/lib/db/prisma";
import { wholeDaysBetween } from "@/lib/time/zoned-time";
import { ratesInto, reportingCurrencyOf, toReportingTotal, type ReportingTotal } from "./exchange-rates";
import { authorize, type MemberContext } from "../context";
import { ownOnlySql, recordScope, rollupOwnOnlySql, type RecordScope } from "../crm/visibility";
import { escapeLike, foldForSearch, searchBigrams } from "../search/text-match";
import { OPPORTUNITY_PAGE_SIZE, type OpportunityListQuery } from "./list-query";
import { countMatches, type MatchCount } from "../lists/count-matches";
import { SQL_NAME_COLLATION } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

export { parseOpportunityListQuery, opportunityListSearchParams, type OpportunityListQuery } from "./list-query";

// The opportunity table (keyset pages on the chosen sort column plus id, so page 1,000 costs what
// page 1 costs and ties never repeat or vanish) and the board (columns by stage with counts and
// totals per currency). Both apply the same filters and only ever show records the member may see.
//
// Written as SQL rather than Prisma filters: Prisma turns "the customer isn't in the trash" and
// "the rep owns the customer" into LEFT JOINs with every customer, which cost 0.4–0.6 s per query
// on a workspace of 200,000 opportunities. Here they are an anti-join against the few customers in
// the trash and a semi-join against the rep's own customers, and each sort has its own partial
// index (migration 20261129070000_opportunity_lists).

export type OpportunityListRow = {
  id: string;
  title: string;
  amount: string;
  currency: string;
  probability: number;
  expectedCloseDate: Date | null;
  version: number;
  /** The last activity logged against it, or its creation. */
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  stageId: string;
  customer: { id: string; name: string };
  owner: { id: string; name: string };
  stage: { id: string; name: string; kind: "OPEN" | "WON" | "LOST" };
};

type FlatRow = Omit<OpportunityListRow, "customer" | "owner" | "stage"> & {
  customerId: string;
  customerName: string;
  ownerId: string;
  ownerName: string;
  stageName: string;
  stageKind: "OPEN" | "WON" | "LOST";
};

function toRow({ customerId, customerName, ownerId, ownerName, stageName, stageKind, ...row }: FlatRow): OpportunityListRow {
  return { ...row, customer: { id: customerId, name: customerName }, owner: { id: ownerId, name: ownerName }, stage: { id: row.stageId, name: stageName, kind: stageKind } };
}

type Filters = Partial<Omit<OpportunityListQuery, "view" | "sort" | "dir" | "cursor">>;

/**
 * The filters as conditions on `o`: `where` (not in the trash, nor its customer; visible to the
 * member; the query's filters) and, for a search, the two ways a record matches it, kept apart so
 * that each can be read through its own index (see selectRows).
 */
export type OpportunityFilter = { where: Prisma.Sql; text: { title: Prisma.Sql; customer: Prisma.Sql } | null; scope: RecordScope };

export async function opportunityFilterSql(ctx: MemberContext, query: Filters): Promise<OpportunityFilter> {
  const tenantId = ctx.tenant.id;
  const scope = await recordScope(ctx);
  const parts: Prisma.Sql[] = [
    Prisma.sql`o."tenantId" = ${tenantId}`,
    Prisma.sql`o."deletedAt" IS NULL`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Customer" dc WHERE dc."tenantId" = o."tenantId" AND dc."id" = o."customerId" AND dc."deletedAt" IS NOT NULL)`,
  ];
  const ownOnly = ownOnlySql(scope, tenantId, "o");
  if (ownOnly) parts.push(ownOnly);
  if (query.owner) parts.push(Prisma.sql`o."ownerId" = ${query.owner === "me" ? ctx.user.id : query.owner}`);
  if (query.stage) parts.push(Prisma.sql`o."stageId" = ${query.stage}`);
  if (query.customer) parts.push(Prisma.sql`o."customerId" = ${query.customer}`);
  if (query.tag) parts.push(Prisma.sql`o."customerId" IN (SELECT tc."id" FROM "Customer" tc WHERE tc."tenantId" = ${tenantId} AND tc."tags" @> ARRAY[${query.tag}]::text[])`);
  if (query.closeFrom) parts.push(Prisma.sql`o."expectedCloseDate" >= ${query.closeFrom}::date`);
  if (query.closeTo) parts.push(Prisma.sql`o."expectedCloseDate" <= ${query.closeTo}::date`);
  return { where: Prisma.join(parts, " AND "), text: query.q ? textMatchSql(tenantId, query.q) : null, scope };
}

/** `where` and, for a search, either match: for the board's totals, which count every match. */
export function opportunityMatchesSql({ where, text }: OpportunityFilter): Prisma.Sql {
  return text ? Prisma.sql`${where} AND (${text.title} OR ${text.customer})` : where;
}

/**
 * The title or the customer's name contains the text (case-insensitive, wildcards literal): the
 * title through its trigram (and, for Chinese, pair) index, the customer through the customers'
 * searchText, which holds the lowercased name.
 */
function textMatchSql(tenantId: string, q: string): NonNullable<OpportunityFilter["text"]> {
  const needle = foldForSearch(q.trim()).replace(/\s+/g, " ");
  const pattern = `%${escapeLike(needle)}%`;
  const pairs = searchBigrams(needle);
  const titlePairs = pairs.length ? Prisma.sql`AND o."titleBigrams" @> ${pairs}::text[]` : Prisma.empty;
  const namePairs = pairs.length ? Prisma.sql`AND qc."searchBigrams" @> ${pairs}::text[]` : Prisma.empty;
  return {
    title: Prisma.sql`(search_fold(o."title") LIKE ${pattern} ${titlePairs})`,
    customer: Prisma.sql`o."customerId" IN (SELECT qc."id" FROM "Customer" qc WHERE qc."tenantId" = ${tenantId} AND qc."searchText" LIKE ${pattern} ${namePairs} AND search_fold(qc."name") LIKE ${pattern})`,
  };
}

type Sort = OpportunityListQuery["sort"];

/**
 * The sort key, titles in the reader's order: the column's own collation (und-x-icu) for English,
 * pinyin for Chinese, each with its partial index (migrations 20261129070000_opportunity_lists and
 * 20261207100000_reader_collation). `alias` is the row's name: `o.` inside, none over a UNION.
 */
function sortKey(sort: Sort, reader: Locale, alias: "o." | "" = "o."): Prisma.Sql {
  const column = Prisma.raw(`${alias}"${sort}"`);
  return sort === "title" && reader === "zh-CN" ? Prisma.sql`${column} COLLATE ${Prisma.raw(`"${SQL_NAME_COLLATION["zh-CN"]}"`)}` : column;
}

/**
 * One page of rows in the given order, with the names the table and the cards show. A search reads
 * the page of title matches and the page of customer matches (that aren't title matches)
 * separately and merges them: each half can then walk the sort index while matches are common, or
 * read its text index while they are rare, which one OR across both can't.
 */
function orderSql(sort: Sort, dir: "asc" | "desc", reader: Locale): { order: Prisma.Sql; outer: Prisma.Sql } {
  const direction = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  return {
    order: Prisma.sql`${sortKey(sort, reader)} ${direction}, o."id" ${direction}`,
    // The same order over the merged halves' columns.
    outer: Prisma.sql`${sortKey(sort, reader, "")} ${direction}, "id" ${direction}`,
  };
}

/** The page's opportunity rows as a subquery (`where` may refer to an outer row, as the board's stage). */
function pageRowsSql({ where, text }: OpportunityFilter, sort: Sort, dir: "asc" | "desc", take: number, reader: Locale): Prisma.Sql {
  const { order, outer } = orderSql(sort, dir, reader);
  return text
    ? // The merge is a query of its own: a UNION's ORDER BY takes output columns only, not a COLLATE.
      Prisma.sql`(SELECT * FROM (
        (SELECT o.* FROM "Opportunity" o WHERE ${where} AND ${text.title} ORDER BY ${order} LIMIT ${take})
        UNION ALL
        (SELECT o.* FROM "Opportunity" o WHERE ${where} AND ${text.customer} AND NOT ${text.title} ORDER BY ${order} LIMIT ${take})
      ) AS matches ORDER BY ${outer} LIMIT ${take})`
    : Prisma.sql`(SELECT o.* FROM "Opportunity" o WHERE ${where} ORDER BY ${order} LIMIT ${take})`;
}

const ROW_COLUMNS = Prisma.sql`o."id", o."title", o."amount"::text AS "amount", o."currency", o."probability", o."expectedCloseDate", o."version",
  o."lastActivityAt", o."createdAt", o."updatedAt", o."stageId", o."customerId", c."name" AS "customerName", o."ownerId", u."name" AS "ownerName",
  s."name" AS "stageName", s."kind"::text AS "stageKind"`;

export function opportunityPageSql(filter: OpportunityFilter, sort: Sort, dir: "asc" | "desc", take: number, reader: Locale = "en"): Prisma.Sql {
  return Prisma.sql`
    SELECT ${ROW_COLUMNS}
    FROM ${pageRowsSql(filter, sort, dir, take, reader)} o
    JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId"
    JOIN "User" u ON u."tenantId" = o."tenantId" AND u."id" = o."ownerId"
    JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId"
    ORDER BY ${orderSql(sort, dir, reader).order}`;
}

/**
 * Every live stage's most recently changed cards in one statement: the member's visibility (for a
 * restricted rep, the set of their customers) is worked out once, not once per column.
 */
export function boardCardsSql(ctx: MemberContext, filter: OpportunityFilter, take: number): Prisma.Sql {
  // Cards by when they last changed: no names in the order, so any reader's is the same.
  const { order } = orderSql("updatedAt", "desc", "en");
  return Prisma.sql`
    SELECT ${ROW_COLUMNS}
    FROM "PipelineStage" s
    CROSS JOIN LATERAL ${pageRowsSql({ ...filter, where: Prisma.sql`${filter.where} AND o."stageId" = s."id"` }, "updatedAt", "desc", take, "en")} o
    JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId"
    JOIN "User" u ON u."tenantId" = o."tenantId" AND u."id" = o."ownerId"
    WHERE s."tenantId" = ${ctx.tenant.id} AND s."archivedAt" IS NULL
    ORDER BY s."id", ${order}`;
}

async function selectRows(ctx: MemberContext, filter: OpportunityFilter, sort: Sort, dir: "asc" | "desc", take: number, reader: Locale): Promise<OpportunityListRow[]> {
  const db = authorize(ctx, "records.read");
  const rows = await db.$tenantQuery<FlatRow[]>(() => opportunityPageSql(filter, sort, dir, take, reader));
  return rows.map(toRow);
}

/**
 * The board's totals from the rollup the database keeps (migration 20261129080000_board_totals),
 * when the query is one it can answer: the member's visibility and an owner filter. Null when a
 * search, tag, customer or close date applies (then the matches are summed: boardTotalsSql).
 */
async function boardTotalsFromRollup(ctx: MemberContext, query: Partial<OpportunityListQuery>, scope: RecordScope): Promise<BoardTotal[] | null> {
  if (query.q || query.tag || query.customer || query.closeFrom || query.closeTo) return null;
  const db = authorize(ctx, "records.read");
  return db.$tenantQuery<BoardTotal[]>(() => boardRollupSql(ctx, scope, query.owner));
}

export function boardRollupSql(ctx: MemberContext, scope: RecordScope, owner: string | undefined): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`t."tenantId" = ${ctx.tenant.id}`];
  const ownOnly = rollupOwnOnlySql(scope, "t");
  if (ownOnly) parts.push(ownOnly);
  if (owner) parts.push(Prisma.sql`t."ownerId" = ${owner === "me" ? ctx.user.id : owner}`);
  return Prisma.sql`
    SELECT t."stageId", t."currency", sum(t."count")::int AS "count", sum(t."amount")::text AS "amount"
    FROM "OpportunityStageTotal" t WHERE ${Prisma.join(parts, " AND ")}
    GROUP BY t."stageId", t."currency" HAVING sum(t."count") > 0`;
}

type BoardTotal = { stageId: string; currency: string; count: number; amount: string };

/** The board's count and total per stage and currency, over every match. */
export function boardTotalsSql(filter: OpportunityFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT o."stageId", o."currency", count(*)::int AS "count", sum(o."amount")::text AS "amount"
    FROM "Opportunity" o WHERE ${opportunityMatchesSql(filter)} GROUP BY o."stageId", o."currency"`;
}

// The sort value of the cursor's row (null: no close date), its id, and the position of the row
// after it among all matches (for "51–100 of …").
type Cursor = { value: string | null; id: string; start: number };

export function encodeOpportunityCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (value && typeof value === "object") {
      const { value: key, id, start } = value as Partial<Record<keyof Cursor, unknown>>;
      if ((typeof key === "string" || key === null) && typeof id === "string") {
        return { value: key, id, start: typeof start === "number" && Number.isSafeInteger(start) && start >= 0 ? start : 0 };
      }
    }
  } catch {}
  return null;
}

function cursorValue(row: OpportunityListRow, sort: Sort): string | null {
  if (sort === "amount" || sort === "title") return row[sort];
  if (sort === "probability") return String(row.probability);
  if (sort === "expectedCloseDate") return row.expectedCloseDate ? row.expectedCloseDate.toISOString().slice(0, 10) : null;
  return row[sort].toISOString();
}

/** The cursor's sort value as SQL of the column's type; null when it doesn't fit the sort (a link edited by hand). */
function keyValueSql(sort: Sort, value: string): Prisma.Sql | null {
  if (sort === "amount") return /^-?\d+(\.\d+)?$/.test(value) ? Prisma.sql`${value}::numeric` : null;
  if (sort === "title") return Prisma.sql`${value}`;
  if (sort === "probability") return /^-?\d{1,9}$/.test(value) ? Prisma.sql`${Number(value)}::int` : null;
  if (sort === "expectedCloseDate") return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(value).getTime()) ? Prisma.sql`${value}::date` : null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // Stored as UTC in timestamp(3) without time zone; the ISO text's "Z" is dropped by the cast.
  return Prisma.sql`${date.toISOString()}::timestamp(3)`;
}

/**
 * Rows after the cursor in the page's order, NULL (no close date) counting as larger than every
 * date, as PostgreSQL orders it. The plain bound beside the row comparison lets PostgreSQL start
 * the index scan at the cursor (as in the customer list).
 */
function keysetSql(sort: Sort, dir: "asc" | "desc", cursor: Cursor, reader: Locale): Prisma.Sql | null {
  const column = sortKey(sort, reader);
  if (cursor.value === null) {
    if (sort !== "expectedCloseDate") return null;
    return dir === "asc" ? Prisma.sql`${column} IS NULL AND o."id" > ${cursor.id}` : Prisma.sql`(${column} IS NOT NULL OR o."id" < ${cursor.id})`;
  }
  const value = keyValueSql(sort, cursor.value);
  if (!value) return null;
  if (dir === "desc") return Prisma.sql`${column} <= ${value} AND (${column}, o."id") < (${value}, ${cursor.id})`;
  const after = Prisma.sql`${column} >= ${value} AND (${column}, o."id") > (${value}, ${cursor.id})`;
  return sort === "expectedCloseDate" ? Prisma.sql`((${after}) OR ${column} IS NULL)` : after;
}

export type OpportunityPage = {
  rows: OpportunityListRow[];
  nextCursor: string | null;
  badCursor: boolean;
  /** The page's first row's position among all matches, counting from 0. */
  start: number;
  /** How many match: exact, or the planner's estimate when counting would be slow (lists/count-matches). */
  total: MatchCount;
};

/** One page of the table, titles in the reader's language (`reader`: the page's locale). */
export async function listOpportunities(ctx: MemberContext, query: OpportunityListQuery, pageSize = OPPORTUNITY_PAGE_SIZE, reader: Locale = "en"): Promise<OpportunityPage> {
  const db = authorize(ctx, "records.read");
  const filter = await opportunityFilterSql(ctx, query);
  const cursor = decodeCursor(query.cursor);
  const keyset = cursor ? keysetSql(query.sort, query.dir, cursor, reader) : null;
  const badCursor = Boolean(query.cursor) && !keyset;
  const [rows, total] = await Promise.all([
    selectRows(ctx, keyset ? { ...filter, where: Prisma.sql`${filter.where} AND ${keyset}` } : filter, query.sort, query.dir, pageSize + 1, reader),
    // The filter's own conditions name the workspace; the callback's binding is the same id.
    countMatches(db, (tenant) => Prisma.sql`"Opportunity" o WHERE o."tenantId" = ${tenant} AND ${opportunityMatchesSql(filter)}`),
  ]);
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const start = keyset && cursor ? cursor.start : 0;
  return {
    rows: page,
    nextCursor: rows.length > pageSize && last ? encodeOpportunityCursor({ value: cursorValue(last, query.sort), id: last.id, start: start + page.length }) : null,
    badCursor,
    start,
    total,
  };
}

export type BoardCard = OpportunityListRow & {
  /** Days without activity, when an open opportunity has gone quiet for the workspace's reminder threshold or longer; else null. */
  quietDays: number | null;
};

export type BoardColumn = {
  stage: { id: string; name: string; probability: number; kind: "OPEN" | "WON" | "LOST" };
  count: number;
  totals: { currency: string; amount: string }[];
  /** The totals in the workspace's reporting currency, with the originals and the currencies that have no rate. */
  reporting: ReportingTotal;
  cards: BoardCard[];
};

/** "No activity for N days" on the cards: the CRM setting the reminder uses (0 turns both off). */
async function quietThresholdDays(ctx: MemberContext): Promise<number> {
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { staleOpportunityDays: true } });
  return tenant.staleOpportunityDays;
}

/** The cue's figure for one card at `now`: null for a closed stage, under the threshold, or with the cue turned off. */
export function quietDaysOf(card: Pick<OpportunityListRow, "lastActivityAt" | "stage">, thresholdDays: number, now: Date): number | null {
  if (thresholdDays <= 0 || card.stage.kind !== "OPEN") return null;
  const days = wholeDaysBetween(card.lastActivityAt, now);
  return days >= thresholdDays ? days : null;
}

export const BOARD_CARDS_PER_COLUMN = 100;

/** Every live stage as a column: the count and per-currency totals of all matching records, and the most recently changed cards. */
export async function listBoard(ctx: MemberContext, query: Partial<OpportunityListQuery>): Promise<BoardColumn[]> {
  const db = authorize(ctx, "records.read");
  const filter = await opportunityFilterSql(ctx, { ...query, stage: undefined });
  const [stages, sums, cards, reportingCurrency, thresholdDays] = await Promise.all([
    db.pipelineStage.findMany({
      where: { archivedAt: null },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, probability: true, kind: true },
    }),
    boardTotalsFromRollup(ctx, query, filter.scope).then((totals) => totals ?? db.$tenantQuery<BoardTotal[]>(() => boardTotalsSql(filter))),
    db.$tenantQuery<FlatRow[]>(() => boardCardsSql(ctx, filter, BOARD_CARDS_PER_COLUMN)),
    reportingCurrencyOf(ctx),
    quietThresholdDays(ctx),
  ]);
  const rates = await ratesInto(ctx, reportingCurrency);
  const now = new Date();
  const cardsByStage = new Map<string, BoardCard[]>();
  for (const row of cards) {
    const column = cardsByStage.get(row.stageId) ?? [];
    const card = toRow(row);
    column.push({ ...card, quietDays: quietDaysOf(card, thresholdDays, now) });
    cardsByStage.set(row.stageId, column);
  }
  return stages.map((stage): BoardColumn => {
    const mine = sums.filter((sum) => sum.stageId === stage.id);
    const byCurrency = new Map<string, string[]>();
    for (const sum of mine) byCurrency.set(sum.currency, [...(byCurrency.get(sum.currency) ?? []), sum.amount]);
    const counts = new Map<string, number>();
    for (const sum of mine) counts.set(sum.currency, (counts.get(sum.currency) ?? 0) + sum.count);
    const totals = [...byCurrency].map(([currency, amounts]) => ({ currency, amount: addAmounts(amounts) })).sort((a, b) => a.currency.localeCompare(b.currency));
    return {
      stage,
      count: mine.reduce((total, sum) => total + sum.count, 0),
      totals,
      reporting: toReportingTotal(
        totals.map((total) => ({ ...total, count: counts.get(total.currency) ?? 0 })),
        reportingCurrency,
        rates,
      ),
      cards: cardsByStage.get(stage.id) ?? [],
    };
  });
}
