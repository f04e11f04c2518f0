import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { contactWhere, customerWhere, recordScope } from "../crm/visibility";
import { escapeLike, searchBigrams, searchNeedle, searchTextWhere } from "./text-match";

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
  const textMatch = searchTextWhere(needle);
  const titleNeedle = q.trim().toLowerCase().slice(0, 200);
  const titlePattern = `%${escapeLike(titleNeedle)}%`;
  // Only a query with such pairs adds the condition: `@> '{}'` would read the whole index.
  const titlePairs = searchBigrams(titleNeedle).length
    ? Prisma.sql`AND o."titleBigrams" @> search_bigrams(lower(${titleNeedle}))`
    : Prisma.empty;
  const ownerRule = scope.ownOnly
    ? Prisma.sql`AND (o."ownerId" = ${scope.userId} OR c."ownerId" = ${scope.userId})`
    : Prisma.empty;
  const [customers, contacts, opportunities] = await Promise.all([
    db.customer.findMany({
      where: { AND: [{ deletedAt: null, ...textMatch }, customerWhere(scope)] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take,
      select: { id: true, name: true, city: true },
    }),
    db.contact.findMany({
      where: { AND: [{ deletedAt: null, customer: { deletedAt: null }, ...textMatch }, contactWhere(scope)] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take,
      select: { id: true, name: true, email: true, customerId: true, customer: { select: { name: true } } },
    }),
    db.$queryRaw<{ id: string; title: string; customerName: string }[]>`
      SELECT o."id", o."title", c."name" AS "customerName"
      FROM "Opportunity" o
      JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId"
      WHERE o."tenantId" = ${ctx.tenant.id} AND o."deletedAt" IS NULL AND c."deletedAt" IS NULL
        AND lower(o."title") LIKE ${titlePattern} ${titlePairs}
        ${ownerRule}
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
      detail: [row.customer.name, row.email].filter(Boolean).join(" · ") || null,
    })),
    opportunities: opportunities.map((row) => ({ kind: "opportunity", id: row.id, title: row.title, detail: row.customerName })),
  };
}
