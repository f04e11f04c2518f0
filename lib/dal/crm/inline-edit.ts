import "server-only";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { makeCustomerInputSchema } from "@/lib/validation/customer";
import type { OpportunityUpdateInput } from "@/lib/validation/opportunity";
import type { TenantDb } from "@/lib/db/tenant-db";
import { authorize, type MemberContext } from "../context";
import { customerWhere, opportunityWhere, recordScope, type RecordScope } from "./visibility";
import { lastChange, updateCustomer } from "../customers/write-customer";
import { updateOpportunity, visibleOpportunity } from "../opportunities/write-opportunity";

// Editing one cell of the customer list or the opportunity table. A cell edit is the record's
// edit form submitted with every other field as stored: the same schema parses it, the same
// update function checks the permission, the visibility, the owner and the version and writes the
// field history. Only what the form does not say itself is added here: who made the newer version
// when an edit lost a race, and the value the cell has now.

export const CUSTOMER_CELL_FIELDS = ["name", "city", "status", "industry", "source", "size", "ownerId"] as const;
export type CustomerCellField = (typeof CUSTOMER_CELL_FIELDS)[number];

export const OPPORTUNITY_CELL_FIELDS = ["title", "stageId", "ownerId", "expectedCloseDate", "amount"] as const;
export type OpportunityCellField = (typeof OPPORTUNITY_CELL_FIELDS)[number];

/** A cell's stored value: `value` as the editor takes it, `name` for a reference (owner, stage), `currency` beside an amount. */
export type CellValue = { value: string; name?: string; currency?: string };

export type CellEditResult =
  | { ok: true; version: number; current: CellValue }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "duplicates"; names: string[] }
  | { ok: false; reason: "conflict"; changedBy: string | null; changedAt: Date; version: number; current: CellValue };

export type CellEdit<Field extends string> = {
  id: string;
  /** The version the list showed the record at. */
  version: number;
  field: Field;
  value: string;
  /** The amount's currency (an amount cell edits both, as the form does). */
  currency?: string;
  /** Required by the form when the new stage is a Lost one. */
  lostReason?: string;
  confirmDuplicate?: boolean;
};

/** The schema's message for the edited field, else the first one (a stored value the rules now refuse). */
function messageFor(errors: Record<string, string[]>, fields: readonly string[]): string {
  for (const field of fields) {
    const message = errors[field]?.[0];
    if (message) return message;
  }
  return Object.values(errors).flat()[0] ?? "generic";
}

// Read with the member's scope again: a record handed to someone else since is no longer theirs to see.
async function customerCell(db: TenantDb, scope: RecordScope, id: string, field: CustomerCellField) {
  const row = await db.customer.findFirst({ where: { AND: [{ id, deletedAt: null }, customerWhere(scope)] }, include: { owner: { select: { name: true } } } });
  if (!row) return null;
  const current: CellValue = field === "ownerId" ? { value: row.ownerId, name: row.owner.name } : { value: row[field] ?? "" };
  return { version: row.version, current };
}

export async function editCustomerCell(ctx: MemberContext, edit: CellEdit<CustomerCellField>, options: { defaultCountry?: string } = {}): Promise<CellEditResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const before = await db.customer.findFirst({ where: { AND: [{ id: edit.id, deletedAt: null }, customerWhere(scope)] } });
  if (!before) return { ok: false, reason: "notFound" };
  // Every field as stored (the schema reads stored values as it reads typed ones), the edited one as typed.
  const parsed = makeCustomerInputSchema(options).safeParse({
    name: before.name,
    industry: before.industry,
    size: before.size,
    website: before.website,
    phone: before.phone,
    addressLine: before.addressLine,
    city: before.city,
    region: before.region,
    postalCode: before.postalCode,
    country: before.country,
    status: before.status,
    source: before.source,
    tags: before.tags,
    ownerId: before.ownerId,
    notes: before.notes,
    [edit.field]: edit.value,
  });
  if (!parsed.success) return { ok: false, reason: "invalid", message: messageFor(fieldErrorsFrom(parsed.error), [edit.field]) };
  const result = await updateCustomer(ctx, edit.id, edit.version, parsed.data, { confirmDuplicate: edit.confirmDuplicate });
  if (!result.ok) {
    if (result.reason === "ownerInvalid") return { ok: false, reason: "invalid", message: "crmOwnerInvalid" };
    if (result.reason === "duplicates") return { ok: false, reason: "duplicates", names: result.duplicates.map((match) => match.name) };
    if (result.reason !== "conflict") return { ok: false, reason: "notFound" };
    const now = await customerCell(db, scope, edit.id, edit.field);
    if (!now) return { ok: false, reason: "notFound" };
    return { ok: false, reason: "conflict", changedBy: result.conflict.changedBy, changedAt: result.conflict.changedAt, version: now.version, current: now.current };
  }
  const after = await customerCell(db, scope, edit.id, edit.field);
  if (!after) return { ok: false, reason: "notFound" };
  return { ok: true, version: after.version, current: after.current };
}

async function opportunityCell(db: TenantDb, scope: RecordScope, id: string, field: OpportunityCellField) {
  const row = await db.opportunity.findFirst({
    where: { id, deletedAt: null, ...opportunityWhere(scope) },
    include: { owner: { select: { name: true } }, stage: { select: { name: true } } },
  });
  if (!row) return null;
  const current: CellValue =
    field === "ownerId"
      ? { value: row.ownerId, name: row.owner.name }
      : field === "stageId"
        ? { value: row.stageId, name: row.stage.name }
        : field === "amount"
          ? { value: row.amount.toString(), currency: row.currency }
          : field === "expectedCloseDate"
            ? { value: row.expectedCloseDate ? row.expectedCloseDate.toISOString().slice(0, 10) : "" }
            : { value: row.title };
  return { version: row.version, current, updatedAt: row.updatedAt };
}

/** "1200.50" as stored → "1200.5" as the edit form shows it. */
function typedAmount(stored: string): string {
  return stored.includes(".") ? stored.replace(/\.?0+$/, "") : stored;
}

export async function editOpportunityCell(ctx: MemberContext, edit: CellEdit<OpportunityCellField>): Promise<CellEditResult> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const before = await visibleOpportunity(db, scope, edit.id);
  if (!before) return { ok: false, reason: "notFound" };
  const input: OpportunityUpdateInput = {
    id: before.id,
    version: edit.version,
    title: before.title,
    customerId: before.customerId,
    contactId: before.contactId ?? "",
    amount: typedAmount(before.amount.toString()),
    currency: before.currency,
    stageId: before.stageId,
    probability: String(before.probability),
    expectedCloseDate: before.expectedCloseDate ? before.expectedCloseDate.toISOString().slice(0, 10) : "",
    ownerId: before.ownerId,
    lostReason: before.lostReason ?? "",
  };
  if (edit.field === "amount") {
    input.amount = edit.value;
    if (edit.currency !== undefined) input.currency = edit.currency;
  } else {
    input[edit.field] = edit.value;
  }
  if (edit.field === "stageId" && edit.lostReason !== undefined) input.lostReason = edit.lostReason;
  const result = await updateOpportunity(ctx, input);
  if (!result.ok) {
    if ("fieldErrors" in result) {
      const fields = edit.field === "amount" ? ["amount", "currency"] : edit.field === "stageId" ? ["stageId", "lostReason"] : [edit.field];
      return { ok: false, reason: "invalid", message: messageFor(result.fieldErrors, fields) };
    }
    const now = await opportunityCell(db, scope, edit.id, edit.field);
    if (result.reason === "notFound" || !now) return { ok: false, reason: "notFound" };
    const conflict = await lastChange(db, "opportunity", edit.id, now.updatedAt);
    return { ok: false, reason: "conflict", changedBy: conflict.changedBy, changedAt: conflict.changedAt, version: now.version, current: now.current };
  }
  return { ok: true, version: result.version, current: (await opportunityCell(db, scope, edit.id, edit.field))?.current ?? { value: edit.value } };
}
