import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { contactWhere, recordScope, type RecordScope } from "../crm/visibility";

// Probable duplicates of a customer or contact being saved. The keys live in generated columns
// (migration 20261208071700_duplicate_keys): the probe is keyed by the same SQL functions, so a
// name typed here and a name stored by any writer are compared by one definition. Each rule reads
// its own index; the answer says, per record, every rule that matched.

export type DuplicateReason = "name" | "similarName" | "website" | "emailDomain" | "phone" | "email";

export type DuplicateMatch = { kind: "customer" | "contact"; id: string; customerId: string; name: string; reasons: DuplicateReason[] };

export type DuplicateProbe = {
  name?: string | null;
  website?: string | null;
  phones?: (string | null | undefined)[];
  emails?: (string | null | undefined)[];
  excludeCustomerId?: string;
  excludeContactId?: string;
};

/** How alike two name keys must be (pg_trgm similarity, 0–1) to be worth a look. */
const SIMILAR_NAME = 0.55;
/** Shorter keys have too few trigrams for similarity to mean anything; they match exactly or not at all. */
const SIMILAR_NAME_MIN_LENGTH = 4;
const LIMIT = 10;

type CustomerRow = { id: string; name: string; reason: DuplicateReason };

function customerRules(tenant: Prisma.Sql, probe: DuplicateProbe, phones: string[], scope: RecordScope): Prisma.Sql {
  const visible = scope.ownOnly ? Prisma.sql`AND c."ownerId" = ${scope.userId}` : Prisma.empty;
  const exclude = probe.excludeCustomerId ? Prisma.sql`AND c."id" <> ${probe.excludeCustomerId}` : Prisma.empty;
  const base = Prisma.sql`c."tenantId" = ${tenant} AND c."deletedAt" IS NULL ${visible} ${exclude}`;
  const rules: Prisma.Sql[] = [];
  if (probe.name?.trim()) {
    const name = probe.name.trim();
    rules.push(Prisma.sql`(SELECT c."id", c."name", 'name' AS reason FROM "Customer" c WHERE ${base} AND c."nameKey" = company_name_key(${name}) LIMIT ${LIMIT})`);
    // `%` lets the trigram index find candidates (at pg_trgm's default 0.3); similarity() then
    // keeps only close ones. An equal key is already "name".
    rules.push(Prisma.sql`(SELECT c."id", c."name", 'similarName' AS reason FROM "Customer" c, company_name_key(${name}) AS k(key)
      WHERE ${base} AND length(k.key) >= ${SIMILAR_NAME_MIN_LENGTH} AND c."nameKey" % k.key AND c."nameKey" <> k.key
        AND similarity(c."nameKey", k.key) >= ${SIMILAR_NAME}
      ORDER BY similarity(c."nameKey", k.key) DESC LIMIT ${LIMIT})`);
  }
  if (probe.website?.trim()) {
    const website = probe.website.trim();
    rules.push(Prisma.sql`(SELECT c."id", c."name", 'website' AS reason FROM "Customer" c WHERE ${base} AND c."websiteDomain" = web_domain(${website}) LIMIT ${LIMIT})`);
    // Another customer's people write from this website's domain.
    rules.push(Prisma.sql`(SELECT DISTINCT c."id", c."name", 'emailDomain' AS reason FROM "Contact" p JOIN "Customer" c ON c."tenantId" = p."tenantId" AND c."id" = p."customerId"
      WHERE p."tenantId" = ${tenant} AND p."deletedAt" IS NULL AND p."emailDomain" = web_domain(${website}) AND ${base} LIMIT ${LIMIT})`);
  }
  if (phones.length) {
    rules.push(Prisma.sql`(SELECT c."id", c."name", 'phone' AS reason FROM "Customer" c WHERE ${base} AND c."phone" = ANY(${phones}::text[]) LIMIT ${LIMIT})`);
  }
  return Prisma.join(rules, " UNION ALL ");
}

/**
 * Customers and contacts the member can see that look like the same company or person:
 * - customers: the same name once case, accents, punctuation and legal suffixes are set aside
 *   ("Globex Corp." and "Globex Corporation"), a similar name (pg_trgm), the same website host, a
 *   website whose domain another customer's contacts write from (free-mail domains never count),
 *   the same phone (numbers are stored in E.164, so "010 1234 5678" and "+86 10-1234-5678" are equal);
 * - contacts: the same email (ignoring case) or phone.
 */
export async function findProbableDuplicates(ctx: MemberContext, probe: DuplicateProbe): Promise<DuplicateMatch[]> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const phones = [...new Set((probe.phones ?? []).filter((p): p is string => !!p))];
  const emails = [...new Set((probe.emails ?? []).filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
  const matches: DuplicateMatch[] = [];

  if (probe.name?.trim() || probe.website?.trim() || phones.length) {
    const rows = await db.$tenantQuery<CustomerRow[]>((tenant) => customerRules(tenant, probe, phones, scope));
    const byId = new Map<string, DuplicateMatch>();
    for (const row of rows) {
      const match = byId.get(row.id) ?? { kind: "customer" as const, id: row.id, customerId: row.id, name: row.name, reasons: [] };
      if (!match.reasons.includes(row.reason)) match.reasons.push(row.reason);
      byId.set(row.id, match);
    }
    matches.push(...[...byId.values()].slice(0, LIMIT));
  }

  const contactOr: Prisma.ContactWhereInput[] = [];
  if (emails.length) contactOr.push({ email: { in: emails } });
  if (phones.length) contactOr.push({ phone: { in: phones } }, { mobile: { in: phones } });
  if (contactOr.length) {
    const contacts = await db.contact.findMany({
      where: {
        AND: [
          { deletedAt: null, customer: { deletedAt: null }, OR: contactOr },
          contactWhere(scope),
          probe.excludeContactId ? { id: { not: probe.excludeContactId } } : {},
        ],
      },
      select: { id: true, name: true, email: true, phone: true, mobile: true, customerId: true, customer: { select: { name: true } } },
      take: LIMIT,
    });
    for (const row of contacts) {
      const reasons: DuplicateReason[] = [];
      if (row.email && emails.includes(row.email)) reasons.push("email");
      if ([row.phone, row.mobile].some((phone) => phone && phones.includes(phone))) reasons.push("phone");
      matches.push({ kind: "contact", id: row.id, customerId: row.customerId, name: `${row.name} (${row.customer.name})`, reasons });
    }
  }
  return matches;
}
