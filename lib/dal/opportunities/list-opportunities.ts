import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { addAmounts } from "@/lib/money";
import { authorize, type MemberContext } from "../context";
import { opportunityWhere, recordScope } from "../crm/visibility";
import { OPPORTUNITY_PAGE_SIZE, type OpportunityListQuery } from "./list-query";

export { parseOpportunityListQuery, opportunityListSearchParams, type OpportunityListQuery } from "./list-query";

// The opportunity table (keyset pages on the chosen sort column plus id, so page 1,000 costs what
// page 1 costs and ties never repeat or vanish) and the board (columns by stage with counts and
// totals per currency). Both apply the same filters and only ever show records the member may see.

const listSelect = {
  id: true,
  title: true,
  amount: true,
  currency: true,
  probability: true,
  expectedCloseDate: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  stageId: true,
  customer: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  stage: { select: { id: true, name: true, kind: true } },
} satisfies Prisma.OpportunitySelect;

type Row = Prisma.OpportunityGetPayload<{ select: typeof listSelect }>;
export type OpportunityListRow = Omit<Row, "amount"> & { amount: string };

function toRow(row: Row): OpportunityListRow {
  return { ...row, amount: row.amount.toString() };
}

export async function opportunityFilterWhere(ctx: MemberContext, query: Partial<OpportunityListQuery>): Promise<Prisma.OpportunityWhereInput> {
  const scope = await recordScope(ctx);
  const and: Prisma.OpportunityWhereInput[] = [{ deletedAt: null, customer: { deletedAt: null } }, opportunityWhere(scope)];
  if (query.owner) and.push({ ownerId: query.owner === "me" ? ctx.user.id : query.owner });
  if (query.stage) and.push({ stageId: query.stage });
  if (query.customer) and.push({ customerId: query.customer });
  if (query.tag) and.push({ customer: { tags: { has: query.tag } } });
  if (query.closeFrom) and.push({ expectedCloseDate: { gte: new Date(`${query.closeFrom}T00:00:00Z`) } });
  if (query.closeTo) and.push({ expectedCloseDate: { lte: new Date(`${query.closeTo}T00:00:00Z`) } });
  if (query.q) {
    and.push({
      OR: [{ title: { contains: query.q, mode: "insensitive" } }, { customer: { name: { contains: query.q, mode: "insensitive" } } }],
    });
  }
  return { AND: and };
}

type Cursor = { value: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (value && typeof value === "object" && typeof (value as Cursor).value === "string" && typeof (value as Cursor).id === "string") {
      return value as Cursor;
    }
  } catch {}
  return null;
}

function cursorValue(row: Row, sort: OpportunityListQuery["sort"]): string {
  if (sort === "amount") return row.amount.toString();
  if (sort === "title") return row.title;
  return row[sort].toISOString();
}

function keysetWhere(sort: OpportunityListQuery["sort"], dir: "asc" | "desc", cursor: Cursor): Prisma.OpportunityWhereInput | null {
  const op = dir === "asc" ? "gt" : "lt";
  let value: string | Date | Prisma.Decimal;
  if (sort === "amount") {
    if (!/^-?\d+(\.\d+)?$/.test(cursor.value)) return null;
    value = new Prisma.Decimal(cursor.value);
  } else if (sort === "title") value = cursor.value;
  else {
    value = new Date(cursor.value);
    if (Number.isNaN(value.getTime())) return null;
  }
  return { OR: [{ [sort]: { [op]: value } }, { [sort]: value, id: { [op]: cursor.id } }] };
}

export type OpportunityPage = { rows: OpportunityListRow[]; nextCursor: string | null; badCursor: boolean };

export async function listOpportunities(ctx: MemberContext, query: OpportunityListQuery, pageSize = OPPORTUNITY_PAGE_SIZE): Promise<OpportunityPage> {
  const db = authorize(ctx, "records.read");
  const where = await opportunityFilterWhere(ctx, query);
  const cursor = decodeCursor(query.cursor);
  const keyset = cursor ? keysetWhere(query.sort, query.dir, cursor) : null;
  const badCursor = Boolean(query.cursor) && !keyset;
  const rows = await db.opportunity.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    orderBy: [{ [query.sort]: query.dir }, { id: query.dir }],
    take: pageSize + 1,
    select: listSelect,
  });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    rows: page.map(toRow),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ value: cursorValue(last, query.sort), id: last.id }) : null,
    badCursor,
  };
}

export type BoardColumn = {
  stage: { id: string; name: string; probability: number; kind: "OPEN" | "WON" | "LOST" };
  count: number;
  totals: { currency: string; amount: string }[];
  cards: OpportunityListRow[];
};

export const BOARD_CARDS_PER_COLUMN = 100;

/** Every live stage as a column: the count and per-currency totals of all matching records, and the newest cards. */
export async function listBoard(ctx: MemberContext, query: Partial<OpportunityListQuery>): Promise<BoardColumn[]> {
  const db = authorize(ctx, "records.read");
  const where = await opportunityFilterWhere(ctx, { ...query, stage: undefined });
  const stages = await db.pipelineStage.findMany({
    where: { archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, probability: true, kind: true },
  });
  const sums = await db.opportunity.groupBy({ by: ["stageId", "currency"], where, _count: { _all: true }, _sum: { amount: true } });
  const columns = await Promise.all(
    stages.map(async (stage): Promise<BoardColumn> => {
      const cards = await db.opportunity.findMany({
        where: { AND: [where, { stageId: stage.id }] },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        take: BOARD_CARDS_PER_COLUMN,
        select: listSelect,
      });
      const mine = sums.filter((sum) => sum.stageId === stage.id);
      const byCurrency = new Map<string, string[]>();
      for (const sum of mine) byCurrency.set(sum.currency, [...(byCurrency.get(sum.currency) ?? []), (sum._sum.amount ?? 0).toString()]);
      return {
        stage,
        count: mine.reduce((total, sum) => total + sum._count._all, 0),
        totals: [...byCurrency].map(([currency, amounts]) => ({ currency, amount: addAmounts(amounts) })).sort((a, b) => a.currency.localeCompare(b.currency)),
        cards: cards.map(toRow),
      };
    }),
  );
  return columns;
}
