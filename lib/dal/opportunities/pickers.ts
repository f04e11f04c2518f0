import "server-only";
import { authorize, type MemberContext } from "../context";
import { contactWhere, customerWhere, recordScope } from "../crm/visibility";
import { searchTextWhere } from "../search/text-match";

// What the opportunity form's pickers offer: only customers and contacts the member may see.

export async function searchPickableCustomers(ctx: MemberContext, q: string, limit = 20): Promise<{ id: string; name: string }[]> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const needle = q.trim().slice(0, 100);
  // searchText (lowercased name and more) finds candidates through its index; the name decides.
  const match = needle ? { ...searchTextWhere(needle.toLowerCase()), name: { contains: needle, mode: "insensitive" as const } } : {};
  return db.customer.findMany({
    where: { deletedAt: null, ...customerWhere(scope), ...match },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true },
  });
}

export async function pickableCustomer(ctx: MemberContext, id: string): Promise<{ id: string; name: string } | null> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.customer.findFirst({ where: { id, deletedAt: null, ...customerWhere(scope) }, select: { id: true, name: true } });
}

export async function pickableContacts(ctx: MemberContext, customerId: string): Promise<{ id: string; name: string }[]> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.contact.findMany({
    where: { customerId, deletedAt: null, customer: { deletedAt: null }, ...contactWhere(scope) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, name: true },
  });
}
