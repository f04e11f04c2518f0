import "server-only";
import { can } from "@/lib/auth/permissions";
import type { CustomerInput } from "@/lib/validation/customer";
import { CUSTOMER_FIELDS } from "@/lib/validation/customer";
import type { TenantDb } from "@/lib/db/tenant-db";
import { authorize, type MemberContext } from "../context";
import { customerWhere, recordScope, type RecordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";
import { customerSearchText } from "./search-text";
import { findProbableDuplicates, type DuplicateMatch } from "./find-duplicates";

// Creating, changing, deleting (to the trash) and restoring customers. Every change writes its
// field history in the same transaction; an edit only lands on the version the user opened.

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export type { DuplicateMatch };

export type Conflict = { changedBy: string | null; changedAt: Date };

export type WriteResult =
  | { ok: true; id: string }
  | { ok: false; reason: "notFound" | "ownerInvalid" }
  | { ok: false; reason: "duplicates"; duplicates: DuplicateMatch[] }
  | { ok: false; reason: "conflict"; conflict: Conflict };

/** The customer's searchText from its own fields and its contacts still in use. */
export async function refreshCustomerSearchText(tx: Tx, customerId: string): Promise<void> {
  const customer = await tx.customer.findFirst({ where: { id: customerId }, select: { name: true, website: true, phone: true } });
  if (!customer) return;
  const contacts = await tx.contact.findMany({ where: { customerId, deletedAt: null }, select: { name: true, email: true, phone: true, mobile: true } });
  await tx.customer.updateMany({ where: { id: customerId }, data: { searchText: customerSearchText(customer, contacts) } });
}

/**
 * The owner must be an active member who may edit records (a Viewer can't work what they own), as
 * for opportunities; a Sales rep who sees only their own records owns what they create.
 */
async function ownerAllowed(db: TenantDb, scope: RecordScope, ownerId: string): Promise<boolean> {
  if (scope.ownOnly && ownerId !== scope.userId) return false;
  const owner = await db.user.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select: { role: true } });
  return owner !== null && can(owner.role, "records.write");
}

function customerData(input: CustomerInput) {
  return {
    name: input.name,
    industry: input.industry,
    size: input.size,
    website: input.website,
    phone: input.phone,
    addressLine: input.addressLine,
    city: input.city,
    region: input.region,
    postalCode: input.postalCode,
    country: input.country,
    status: input.status,
    source: input.source,
    tags: input.tags,
    ownerId: input.ownerId,
    notes: input.notes,
  };
}

export async function createCustomer(ctx: MemberContext, input: CustomerInput, options: { confirmDuplicate?: boolean } = {}): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  if (!(await ownerAllowed(db, scope, input.ownerId))) return { ok: false, reason: "ownerInvalid" };
  if (!options.confirmDuplicate) {
    const duplicates = await findProbableDuplicates(ctx, { name: input.name, website: input.website, phones: [input.phone] });
    if (duplicates.length) return { ok: false, reason: "duplicates", duplicates };
  }
  const data = customerData(input);
  const id = await db.$transaction(async (tx) => {
    const created = await tx.customer.create({
      data: { tenantId: ctx.tenant.id, ...data, createdById: ctx.user.id, searchText: customerSearchText(data, []) },
      select: { id: true },
    });
    const changes = diffFields({}, data, CUSTOMER_FIELDS);
    await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: created.id, action: "created", actorId: ctx.user.id, changes });
    return created.id;
  });
  return { ok: true, id };
}

/** Who last changed a record and when, for the "changed since you opened it" message. */
export async function lastChange(db: Pick<TenantDb, "recordChange">, entityType: "customer" | "contact" | "opportunity", entityId: string, fallback: Date): Promise<Conflict> {
  const last = await db.recordChange.findFirst({
    where: { entityType, entityId },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    select: { changedAt: true, actor: { select: { name: true } } },
  });
  return { changedBy: last?.actor?.name ?? null, changedAt: last?.changedAt ?? fallback };
}

export async function updateCustomer(
  ctx: MemberContext,
  id: string,
  version: number,
  input: CustomerInput,
  options: { confirmDuplicate?: boolean } = {},
): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const before = await db.customer.findFirst({ where: { AND: [{ id, deletedAt: null }, customerWhere(scope)] } });
  if (!before) return { ok: false, reason: "notFound" };
  if (before.version !== version) return { ok: false, reason: "conflict", conflict: await lastChange(db, "customer", id, before.updatedAt) };
  if (input.ownerId !== before.ownerId && !(await ownerAllowed(db, scope, input.ownerId))) return { ok: false, reason: "ownerInvalid" };
  const data = customerData(input);
  const changes = diffFields(before, data, CUSTOMER_FIELDS);
  if (!options.confirmDuplicate && (changes.name || changes.phone || changes.website)) {
    const duplicates = await findProbableDuplicates(ctx, {
      name: changes.name ? input.name : null,
      website: changes.website ? input.website : null,
      phones: changes.phone ? [input.phone] : [],
      excludeCustomerId: id,
    });
    if (duplicates.length) return { ok: false, reason: "duplicates", duplicates };
  }
  const updated = await db.$transaction(async (tx) => {
    // The version in the WHERE is the real guard: two saves of the same version, one wins.
    const result = await tx.customer.updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
    if (result.count === 0) return false;
    await refreshCustomerSearchText(tx, id);
    await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: id, action: "updated", actorId: ctx.user.id, changes });
    return true;
  });
  if (!updated) return { ok: false, reason: "conflict", conflict: await lastChange(db, "customer", id, new Date()) };
  return { ok: true, id };
}

/** Moves the customer (and with it its contacts, which are hidden while it is) to the trash. */
export async function deleteCustomer(ctx: MemberContext, id: string): Promise<WriteResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  return db.$transaction(async (tx) => {
    const result = await tx.customer.updateMany({
      where: { AND: [{ id, deletedAt: null }, customerWhere(scope)] },
      data: { deletedAt: new Date(), deletedById: ctx.user.id, version: { increment: 1 } },
    });
    if (result.count === 0) return { ok: false, reason: "notFound" } as const;
    await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: id, action: "deleted", actorId: ctx.user.id });
    return { ok: true, id } as const;
  });
}

export const TRASH_DAYS = 30;

export function trashCutoff(now = new Date()): Date {
  return new Date(now.getTime() - TRASH_DAYS * 24 * 60 * 60 * 1000);
}

/** Admins take a customer back out of the trash within 30 days. */
export async function restoreCustomer(ctx: MemberContext, id: string): Promise<WriteResult> {
  const db = authorize(ctx, "records.restore");
  return db.$transaction(async (tx) => {
    const result = await tx.customer.updateMany({
      where: { id, deletedAt: { not: null, gte: trashCutoff() } },
      // A customer merged into another comes back on its own: its records stay where they moved.
      data: { deletedAt: null, deletedById: null, mergedIntoId: null, version: { increment: 1 } },
    });
    if (result.count === 0) return { ok: false, reason: "notFound" } as const;
    await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: id, action: "restored", actorId: ctx.user.id });
    return { ok: true, id } as const;
  });
}
