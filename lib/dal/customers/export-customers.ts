import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CsvValue } from "@/lib/csv/csv-writer";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import { authorize, type MemberContext } from "../context";
import { customerListWhere } from "./list-customers";
import type { CustomerListQuery } from "./list-query";

// The customer list as CSV: the same filters and visibility as the list page, read in keyset
// batches so a large export never sits in memory.

export const CUSTOMER_EXPORT_COLUMNS = [
  "id",
  "name",
  "status",
  "industry",
  "size",
  "source",
  "website",
  "phone",
  "addressLine",
  "city",
  "region",
  "postalCode",
  "country",
  "tags",
  "owner",
  "ownerEmail",
  "notes",
  "contacts",
  "createdAt",
  "updatedAt",
] as const;

const BATCH = 500;

/** A stored list value's label in the reader's language ("Lead", "Technology"), never its code. */
export type ExportLabel = (list: "status" | "industry" | "size" | "source", code: string) => string;

/**
 * Checks the permission up front (so the caller can answer 403 before streaming), then yields
 * batches. With `ids` (rows ticked on the list), only those of them the filters and visibility allow.
 */
export function exportCustomers(ctx: MemberContext, query: CustomerListQuery, label: ExportLabel, ids?: readonly string[]): AsyncIterable<CsvValue[][]> {
  const db = authorize(ctx, "records.export");
  return (async function* () {
    const listed = await customerListWhere(ctx, query);
    const where: Prisma.CustomerWhereInput = ids ? { AND: [listed, { id: { in: [...ids] } }] } : listed;
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const seek: Prisma.CustomerWhereInput[] = after ? [{ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }] : [];
      const rows = await db.customer.findMany({
        where: { AND: [where, ...seek] },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: BATCH,
        include: {
          owner: { select: { name: true, email: true } },
          contacts: { where: { deletedAt: null }, select: { name: true, email: true }, orderBy: { name: "asc" } },
        },
      });
      if (rows.length === 0) return;
      yield rows.map((row) => [
        row.id,
        row.name,
        label("status", row.status),
        row.industry ? label("industry", row.industry) : null,
        row.size ? label("size", row.size) : null,
        row.source ? label("source", row.source) : null,
        row.website,
        formatCrmPhone(row.phone),
        row.addressLine,
        row.city,
        row.region,
        row.postalCode,
        row.country,
        row.tags.join(", "),
        row.owner.name,
        row.owner.email,
        row.notes,
        row.contacts.map((contact) => (contact.email ? `${contact.name} <${contact.email}>` : contact.name)).join("; "),
        row.createdAt,
        row.updatedAt,
      ]);
      if (rows.length < BATCH) return;
      const last: { name: string; id: string } = rows[rows.length - 1]!;
      after = { name: last.name, id: last.id };
    }
  })();
}
