import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { recordScope } from "../crm/visibility";
import { escapeLike, foldForSearch, searchBigrams, searchNeedle } from "./text-match";
import { SQL_NAME_COLLATION } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

// Ctrl/Cmd+K: customers, contacts and opportunities the member may see, each group from its
// trigram index (Customer.searchText, Contact.searchText, search_fold(Opportunity.title)) and, for
// Chinese, its character-pair index (see text-match.ts).

export type SearchHit =
  | { kind: "customer"; id: string; title: string; detail: string | null }
  | { kind: "contact"; id: string; customerId: string; title: string; detail: string | null }
  | { kind: "opportunity"; id: string; title: string; detail: string | null };

export type SearchResults = { customers: SearchHit[]; contacts: SearchHit[]; opportunities: SearchHit[] };

export const SEARCH_MIN_LENGTH = 2;

/** Each group's first matches by name in the reader's language (`reader`: the request's locale). */
export async function searchRecords(ctx: MemberContext, q: string, limit = 6, reader: Locale = "en"): Promise<SearchResults> {
  const empty: SearchResults = { customers: [], contacts: [], opportunities: [] };
  const db = authorize(ctx, "records.read");
  const needle = searchNeedle(q.slice(0, 200));
  if (needle.length < SEARCH_MIN_LENGTH) return empty;
  const take = Math.min(Math.max(limit, 1), 20);
  const scope = await recordScope(ctx);
  const pattern = `%${escapeLike(needle)}%`;
  const pairs = searchBigrams(needle);
  // Only a query with such pairs adds the condition: `@> '{}'` would read the whole index.
  const customerPairs = pairs.length ? Prisma.sql`AND c."searchBigrams" @> ${pairs}::text[]` : Prisma.empty;
  const contactPairs = pairs.length ? Prisma.sql`AND k."searchBigrams" @> ${pairs}::text[]` : Prisma.empty;
  const titleNeedle = foldForSearch(q.trim()).slice(0, 200);
  const titlePattern = `%${escapeLike(titleNeedle)}%`;
  const titleBigramList = searchBigrams(titleNeedle);
  const titlePairs = titleBigramList.length ? Prisma.sql`AND o."titleBigrams" @> ${titleBigramList}::text[]` : Prisma.empty;
  // The same rules as customerWhere / contactWhere / opportunityWhere in crm/visibility.ts.
  const customerScope = scope.ownOnly ? Prisma.sql`AND c."ownerId" = ${scope.userId}` : Prisma.empty;
  const opportunityScope = scope.ownOnly ? Prisma.sql`AND (o."ownerId" = ${scope.userId} OR c."ownerId" = ${scope.userId})` : Prisma.empty;
  // For the first six by name PostgreSQL walks the name index until six rows match, which is quick
  // when matches are spread through the alphabet. For an English reader Chinese names all sort
  // after the Latin ones, so that walk would pass every Latin name first; their pair index is
  // selective, so all matches are read from it (MATERIALIZED) and sorted instead.
  const matches = Prisma.raw(pairs.length ? "MATERIALIZED" : "NOT MATERIALIZED");
  // Names in the reader's order, each through an index in that order: the columns' own collation
  // for English, pinyin for Chinese (Customer.namePinyin; a pinyin index on the contact's and the
  // title's column, migration 20261207100000_reader_collation).
  const pinyin = reader === "zh-CN";
  const collate = Prisma.raw(`COLLATE "${SQL_NAME_COLLATION[reader]}"`);
  // namePinyin holds the name itself, so reading it keeps the walk index-only.
  const customerName = pinyin ? Prisma.sql`c."namePinyin"` : Prisma.sql`c."name"`;
  const [customers, contacts, opportunities] = await Promise.all([
    db.$tenantQuery<{ id: string; name: string; city: string | null }[]>(
      (tenant) => Prisma.sql`
      WITH m AS ${matches} (
        SELECT c."id", ${customerName} AS "name", c."city" FROM "Customer" c
        WHERE c."tenantId" = ${tenant} AND c."deletedAt" IS NULL AND c."searchText" LIKE ${pattern} ${customerPairs} ${customerScope}
      )
      SELECT * FROM m ORDER BY "name", "id" LIMIT ${take}`,
    ),
    db.$tenantQuery<{ id: string; name: string; email: string | null; customerId: string; customerName: string }[]>(
      (tenant) => Prisma.sql`
      WITH m AS ${matches} (
        SELECT k."id", k."name", k."email", k."customerId", c."name" AS "customerName"
        FROM "Contact" k JOIN "Customer" c ON c."tenantId" = k."tenantId" AND c."id" = k."customerId"
        WHERE k."tenantId" = ${tenant} AND k."deletedAt" IS NULL AND c."deletedAt" IS NULL
          AND k."searchText" LIKE ${pattern} ${contactPairs} ${customerScope}
      )
      SELECT * FROM m ORDER BY "name" ${collate}, "id" LIMIT ${take}`,
    ),
    db.$tenantQuery<{ id: string; title: string; customerName: string }[]>(
      (tenant) => Prisma.sql`
      SELECT o."id", o."title", c."name" AS "customerName"
      FROM "Opportunity" o
      JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId"
      WHERE o."tenantId" = ${tenant} AND o."deletedAt" IS NULL AND c."deletedAt" IS NULL
        AND search_fold(o."title") LIKE ${titlePattern} ${titlePairs}
        ${opportunityScope}
      ORDER BY o."title" ${collate}, o."id"
      LIMIT ${take}`,
    ),
  ]);
  return {
    customers: customers.map((row) => ({ kind: "customer", id: row.id, title: row.name, detail: row.city })),
    contacts: contacts.map((row) => ({
      kind: "contact",
      id: row.id,
      customerId: row.customerId,
      title: row.name,
      detail: [row.customerName, row.email].filter(Boolean).join(" · ") || null,
    })),
    opportunities: opportunities.map((row) => ({ kind: "opportunity", id: row.id, title: row.title, detail: row.customerName })),
  };
}
