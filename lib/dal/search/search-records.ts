import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { recordScope } from "../crm/visibility";
import { escapeLike, searchBigrams, searchNeedle } from "./text-match";

// Ctrl/Cmd+K: customers, contacts and opportunities the member may see, each group from its
// trigram index (Customer.searchText, Contact.searchText, lower(Opportunity.title)) and, for
// Chinese, its character-pair index (see text-match.ts).

export type SearchHit =
  | { kind: "customer"; id: string; title: string; detail: string | null }
  | { kind: "contact"; id: string; customerId: string; title: string; detail: string | null }
  | { kind: "opportunity"; id: string; title: string; detail: string | null };

export type SearchResults = { customers: SearchHit[]; contacts: SearchHit[]; opportunities: SearchHit[] };

export const SEARCH_MIN_LENGTH = 2;

export async function searchRecords(ctx: MemberContext, q: string, limit = 6): Promise<SearchResults> {
  const empty: SearchResults = { customers: [], contacts: [], opportunities: [] };
  const db = authorize(ctx, "records.read");
  const needle = searchNeedle(q.slice(0, 200));
  if (needle.length < SEARCH_MIN_LENGTH) return empty;
  const take = Math.min(Math.max(limit, 1), 20);
  const scope = await recordScope(ctx);
  const tenantId = ctx.tenant.id;
  const pattern = `%${escapeLike(needle)}%`;
  const pairs = searchBigrams(needle);
  // Only a query with such pairs adds the condition: `@> '{}'` would read the whole index.
  const customerPairs = pairs.length ? Prisma.sql`AND c."searchBigrams" @> ${pairs}::text[]` : Prisma.empty;
  const contactPairs = pairs.length ? Prisma.sql`AND k."searchBigrams" @> ${pairs}::text[]` : Prisma.empty;
  const titleNeedle = q.trim().toLowerCase().slice(0, 200);
  const titlePattern = `%${escapeLike(titleNeedle)}%`;
  const titlePairs = searchBigrams(titleNeedle).length ? Prisma.sql`AND o."titleBigrams" @> search_bigrams(lower(${titleNeedle}))` : Prisma.empty;
  // The same rules as customerWhere / contactWhere / opportunityWhere in crm/visibility.ts.
  const customerScope = scope.ownOnly ? Prisma.sql`AND c."ownerId" = ${scope.userId}` : Prisma.empty;
  const opportunityScope = scope.ownOnly ? Prisma.sql`AND (o."ownerId" = ${scope.userId} OR c."ownerId" = ${scope.userId})` : Prisma.empty;
  // For the first six by name PostgreSQL walks the name index until six rows match, which is quick
  // when matches are spread through the alphabet. Chinese names all sort after the Latin ones (C
  // collation), so that walk would pass every Latin name first; their pair index is selective,
  // so all matches are read from it (MATERIALIZED) and sorted instead.
  const matches = Prisma.raw(pairs.length ? "MATERIALIZED" : "NOT MATERIALIZED");
  const [customers, contacts, opportunities] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; city: string | null }[]>`
      WITH m AS ${matches} (
        SELECT c."id", c."name", c."city" FROM "Customer" c
        WHERE c."tenantId" = ${tenantId} AND c."deletedAt" IS NULL AND c."searchText" LIKE ${pattern} ${customerPairs} ${customerScope}
      )
      SELECT * FROM m ORDER BY "name", "id" LIMIT ${take}`,
    db.$queryRaw<{ id: string; name: string; email: string | null; customerId: string; customerName: string }[]>`
      WITH m AS ${matches} (
        SELECT k."id", k."name", k."email", k."customerId", c."name" AS "customerName"
        FROM "Contact" k JOIN "Customer" c ON c."tenantId" = k."tenantId" AND c."id" = k."customerId"
        WHERE k."tenantId" = ${tenantId} AND k."deletedAt" IS NULL AND c."deletedAt" IS NULL
          AND k."searchText" LIKE ${pattern} ${contactPairs} ${customerScope}
      )
      SELECT * FROM m ORDER BY "name", "id" LIMIT ${take}`,
    db.$queryRaw<{ id: string; title: string; customerName: string }[]>`
      SELECT o."id", o."title", c."name" AS "customerName"
      FROM "Opportunity" o
      JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId"
      WHERE o."tenantId" = ${tenantId} AND o."deletedAt" IS NULL AND c."deletedAt" IS NULL
        AND lower(o."title") LIKE ${titlePattern} ${titlePairs}
        ${opportunityScope}
      ORDER BY o."title", o."id"
      LIMIT ${take}`,
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
