import "server-only";
import { CONTACT_FIELDS, type ContactInput } from "@/lib/validation/contact";
import { authorize, type MemberContext } from "../context";
import { contactWhere, customerWhere, recordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";
import { contactSearchText } from "./search-text";
import { findProbableDuplicates } from "./find-duplicates";
import { lastChange, refreshCustomerSearchText, trashCutoff, type WriteResult } from "./write-customer";

// Contacts: same rules as customers (history in the same transaction, version-guarded edits,
// trash), and every change refreshes the customer's searchText so the list search finds the
// company by its people's names, emails and phones.

function contactData(input: ContactInput) {
  return {
    name: input.name,
    title: input.title,
    email: input.email,
    phone: input.phone,
    mobile: input.mobile,
    preferredChannel: input.preferredChannel,
    notes: input.notes,
  };
}

export async function createContact(ctx: MemberContext, input: ContactInput, options: { confirmDuplicate?: boolean } = {}): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const customer = await db.customer.findFirst({ where: { AND: [{ id: input.customerId, deletedAt: null }, customerWhere(scope)] }, select: { id: true } });
  if (!customer) return { ok: false, reason: "notFound" };
  if (!options.confirmDuplicate) {
    const duplicates = await findProbableDuplicates(ctx, { emails: [input.email], phones: [input.phone, input.mobile] });
    if (duplicates.length) return { ok: false, reason: "duplicates", duplicates };
  }
  const data = contactData(input);
  const id = await db.$transaction(async (tx) => {
    const created = await tx.contact.create({
      data: { tenantId: ctx.tenant.id, customerId: customer.id, ...data, createdById: ctx.user.id, searchText: contactSearchText(data) },
      select: { id: true },
    });
    await refreshCustomerSearchText(tx, customer.id);
    const changes = diffFields({}, { ...data, customerId: customer.id }, CONTACT_FIELDS);
    await recordChange(tx, ctx.tenant.id, { entityType: "contact", entityId: created.id, action: "created", actorId: ctx.user.id, changes });
    return created.id;
  });
  return { ok: true, id };
}

export async function updateContact(
  ctx: MemberContext,
  id: string,
  version: number,
  input: ContactInput,
  options: { confirmDuplicate?: boolean } = {},
): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const before = await db.contact.findFirst({ where: { AND: [{ id, deletedAt: null, customer: { deletedAt: null } }, contactWhere(scope)] } });
  if (!before) return { ok: false, reason: "notFound" };
  if (before.version !== version) return { ok: false, reason: "conflict", conflict: await lastChange(db, "contact", id, before.updatedAt) };
  // A contact stays with its customer; moving people between companies is not an edit here.
  const data = contactData(input);
  const changes = diffFields(before, data, CONTACT_FIELDS);
  if (!options.confirmDuplicate && (changes.email || changes.phone || changes.mobile)) {
    const duplicates = await findProbableDuplicates(ctx, {
      emails: changes.email ? [input.email] : [],
      phones: [changes.phone ? input.phone : null, changes.mobile ? input.mobile : null],
      excludeContactId: id,
    });
    if (duplicates.length) return { ok: false, reason: "duplicates", duplicates };
  }
  const updated = await db.$transaction(async (tx) => {
    const result = await tx.contact.updateMany({
      where: { id, version, deletedAt: null },
      data: { ...data, searchText: contactSearchText(data), version: { increment: 1 } },
    });
    if (result.count === 0) return false;
    await refreshCustomerSearchText(tx, before.customerId);
    await recordChange(tx, ctx.tenant.id, { entityType: "contact", entityId: id, action: "updated", actorId: ctx.user.id, changes });
    return true;
  });
  if (!updated) return { ok: false, reason: "conflict", conflict: await lastChange(db, "contact", id, new Date()) };
  return { ok: true, id };
}

export async function deleteContact(ctx: MemberContext, id: string): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const contact = await db.contact.findFirst({ where: { AND: [{ id, deletedAt: null, customer: { deletedAt: null } }, contactWhere(scope)] }, select: { customerId: true } });
  if (!contact) return { ok: false, reason: "notFound" };
  return db.$transaction(async (tx) => {
    const result = await tx.contact.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: ctx.user.id, version: { increment: 1 } },
    });
    if (result.count === 0) return { ok: false, reason: "notFound" } as const;
    await refreshCustomerSearchText(tx, contact.customerId);
    await recordChange(tx, ctx.tenant.id, { entityType: "contact", entityId: id, action: "deleted", actorId: ctx.user.id });
    return { ok: true, id: contact.customerId } as const;
  });
}

/** Restores a contact deleted on its own (a contact of a deleted customer comes back with the customer). */
export async function restoreContact(ctx: MemberContext, id: string): Promise<WriteResult> {
  const db = authorize(ctx, "records.restore");
  const contact = await db.contact.findFirst({
    where: { id, deletedAt: { not: null, gte: trashCutoff() }, customer: { deletedAt: null } },
    select: { customerId: true },
  });
  if (!contact) return { ok: false, reason: "notFound" };
  return db.$transaction(async (tx) => {
    const result = await tx.contact.updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null, deletedById: null, version: { increment: 1 } } });
    if (result.count === 0) return { ok: false, reason: "notFound" } as const;
    await refreshCustomerSearchText(tx, contact.customerId);
    await recordChange(tx, ctx.tenant.id, { entityType: "contact", entityId: id, action: "restored", actorId: ctx.user.id });
    return { ok: true, id: contact.customerId } as const;
  });
}
