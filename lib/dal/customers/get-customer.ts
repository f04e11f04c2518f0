import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext } from "../context";
import { contactWhere, customerWhere, opportunityWhere, recordScope } from "../crm/visibility";
import { sortByName } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

// One customer for its detail page and edit form: null when it does not exist, is in the trash,
// belongs to another workspace or lies outside what the member may see (all look the same).

export const customerDetailSelect = {
  id: true,
  name: true,
  industry: true,
  size: true,
  website: true,
  phone: true,
  addressLine: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  status: true,
  source: true,
  tags: true,
  ownerId: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.CustomerSelect;

export type CustomerDetail = Prisma.CustomerGetPayload<{ select: typeof customerDetailSelect }>;

export async function getCustomer(ctx: MemberContext, id: string): Promise<CustomerDetail | null> {
  if (!id || id.length > 40) return null;
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.customer.findFirst({ where: { AND: [{ id, deletedAt: null }, customerWhere(scope)] }, select: customerDetailSelect });
}

export const contactDetailSelect = {
  id: true,
  customerId: true,
  name: true,
  title: true,
  email: true,
  phone: true,
  mobile: true,
  preferredChannel: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ContactSelect;

export type ContactDetail = Prisma.ContactGetPayload<{ select: typeof contactDetailSelect }>;

/** The customer's contacts (not deleted), by name in the reader's language. */
export async function listCustomerContacts(ctx: MemberContext, customerId: string, reader: Locale = "en"): Promise<ContactDetail[]> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const contacts = await db.contact.findMany({
    where: { AND: [{ customerId, deletedAt: null, customer: { deletedAt: null } }, contactWhere(scope)] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: contactDetailSelect,
    take: 500,
  });
  return sortByName(contacts, reader, (contact) => contact.name);
}

/** A contact with its customer's name; null like getCustomer (a deleted customer hides its contacts). */
export async function getContact(ctx: MemberContext, id: string) {
  if (!id || id.length > 40) return null;
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.contact.findFirst({
    where: { AND: [{ id, deletedAt: null, customer: { deletedAt: null } }, contactWhere(scope)] },
    select: { ...contactDetailSelect, customer: { select: { id: true, name: true, ownerId: true } } },
  });
}

/** The customer's opportunities for its detail page (E owns the opportunity pages themselves). */
export async function listCustomerOpportunities(ctx: MemberContext, customerId: string) {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  return db.opportunity.findMany({
    where: { AND: [{ customerId, deletedAt: null }, opportunityWhere(scope)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      amount: true,
      currency: true,
      expectedCloseDate: true,
      contactId: true,
      stage: { select: { name: true, kind: true } },
      owner: { select: { name: true } },
    },
  });
}

/** Active members who can own customers, for the owner picker and the owner filter. */
export async function listOwnerChoices(ctx: MemberContext, reader: Locale = "en"): Promise<{ id: string; name: string }[]> {
  const db = authorize(ctx, "records.read");
  const members = await db.user.findMany({ where: { status: "ACTIVE" }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true }, take: 1000 });
  return sortByName(members, reader, (member) => member.name);
}
