import "server-only";
import { can } from "@/lib/auth/permissions";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { parseLocalDateTime } from "@/lib/time/zoned-time";
import { activitySchema, activityUpdateSchema, type ActivityData, type ActivityInput, type ActivityUpdateInput } from "@/lib/validation/opportunity";
import { authorize, type MemberContext } from "../context";
import { customerWhere, contactWhere, opportunityWhere, activityWhere, recordScope, type RecordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";
import type { TenantDb } from "@/lib/db/tenant-db";

// Communication history: calls, emails, meetings and notes. Each is linked to a customer and
// optionally to one of that customer's contacts and opportunities; every link must be a record the
// member may see, and all must belong to the same customer (a specific message says which does
// not). The member who logs it owns it; they may edit or delete their own, Owners and Admins any.
// An edit carries the updatedAt the form was opened at, so a change saved by someone else in
// between is reported (who and when) instead of being overwritten.

export type ActivityConflict = { changedBy: string | null; changedAt: Date };

export type ActivityResult =
  | { ok: true; id: string }
  | { ok: false; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "notFound" | "notAllowed" }
  | { ok: false; reason: "conflict"; conflict: ActivityConflict };

const HISTORY_FIELDS = ["type", "subject", "body", "occurredAt", "durationMinutes", "outcome", "participants", "customerId", "contactId", "opportunityId"] as const;

async function checkLinks(db: TenantDb, scope: RecordScope, data: ActivityData): Promise<Record<string, string[]> | null> {
  const customer = await db.customer.findFirst({ where: { id: data.customerId, deletedAt: null, ...customerWhere(scope) }, select: { id: true } });
  if (!customer) return { customerId: ["activityCustomerNotFound"] };
  const errors: Record<string, string[]> = {};
  if (data.contactId) {
    const contact = await db.contact.findFirst({ where: { id: data.contactId, deletedAt: null, ...contactWhere(scope) }, select: { customerId: true } });
    if (!contact) errors.contactId = ["activityContactNotFound"];
    else if (contact.customerId !== data.customerId) errors.contactId = ["activityContactNotOfCustomer"];
  }
  if (data.opportunityId) {
    const opportunity = await db.opportunity.findFirst({
      where: { id: data.opportunityId, deletedAt: null, ...opportunityWhere(scope) },
      select: { customerId: true },
    });
    if (!opportunity) errors.opportunityId = ["activityOpportunityNotFound"];
    else if (opportunity.customerId !== data.customerId) errors.opportunityId = ["activityOpportunityNotOfCustomer"];
  }
  return Object.keys(errors).length ? errors : null;
}

function occurredAtOf(data: ActivityData, timeZone: string): Date | null {
  const when = parseLocalDateTime(data.occurredAt, timeZone);
  if (!when) return null;
  // A typo like year 3026 is refused; a note about next week's meeting is allowed.
  if (when.getTime() > Date.now() + 366 * 86_400_000) return null;
  return when;
}

/** Logs an activity owned by the member. `timeZone` reads a wall-clock "when" (the relay_tz cookie). */
export async function createActivity(ctx: MemberContext, input: ActivityInput, options: { timeZone: string }): Promise<ActivityResult> {
  const db = authorize(ctx, "records.write");
  const parsed = activitySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const data = parsed.data;
  const occurredAt = occurredAtOf(data, options.timeZone);
  if (!occurredAt) return { ok: false, fieldErrors: { occurredAt: ["activityWhenInvalid"] } };
  const scope = await recordScope(ctx);
  const linkErrors = await checkLinks(db, scope, data);
  if (linkErrors) return { ok: false, fieldErrors: linkErrors };
  const id = await db.$transaction(async (tx) => {
    const row = await tx.activity.create({
      data: {
        tenantId: ctx.tenant.id,
        type: data.type,
        subject: data.subject,
        body: data.body,
        occurredAt,
        durationMinutes: data.durationMinutes,
        outcome: data.outcome,
        participants: data.participants,
        customerId: data.customerId,
        contactId: data.contactId,
        opportunityId: data.opportunityId,
        ownerId: ctx.user.id,
      },
      select: { id: true },
    });
    if (data.opportunityId) await touchOpportunity(tx as unknown as TenantDb, data.opportunityId, occurredAt);
    await recordChange(tx, ctx.tenant.id, { entityType: "activity", entityId: row.id, action: "created", actorId: ctx.user.id });
    return row.id;
  });
  return { ok: true, id };
}

// lastActivityAt only moves forward: logging last month's call doesn't make a deal look neglected.
async function touchOpportunity(db: TenantDb, opportunityId: string, occurredAt: Date) {
  const at = occurredAt.getTime() > Date.now() ? new Date() : occurredAt;
  await db.opportunity.updateMany({ where: { id: opportunityId, lastActivityAt: { lt: at } }, data: { lastActivityAt: at } });
}

async function editableActivity(ctx: MemberContext, db: TenantDb, id: string) {
  const scope = await recordScope(ctx);
  const row = await db.activity.findFirst({ where: { id, deletedAt: null, ...activityWhere(scope) } });
  if (!row) return { row: null, reason: "notFound" as const };
  const isAdmin = ctx.role === "OWNER" || ctx.role === "ADMIN";
  if (!isAdmin && row.ownerId !== ctx.user.id) return { row: null, reason: "notAllowed" as const };
  return { row, scope };
}

/** Who last changed the activity and when, for the "changed since you opened it" message. */
async function lastActivityChange(db: TenantDb, id: string, fallback: Date): Promise<ActivityConflict> {
  const last = await db.recordChange.findFirst({
    where: { entityType: "activity", entityId: id },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    select: { changedAt: true, actor: { select: { name: true } } },
  });
  return { changedBy: last?.actor?.name ?? null, changedAt: last?.changedAt ?? fallback };
}

/**
 * Edits an activity: the same checks as logging one (fields, links, the member's time zone), plus
 * ownership and the updatedAt the form was opened at. The field history records what changed.
 */
export async function updateActivity(ctx: MemberContext, input: ActivityUpdateInput, options: { timeZone: string }): Promise<ActivityResult> {
  const db = authorize(ctx, "records.write");
  const parsed = activityUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const data = parsed.data;
  const found = await editableActivity(ctx, db, data.id);
  if (!found.row) return { ok: false, reason: found.reason };
  const before = found.row;
  const openedAt = new Date(data.updatedAt);
  if (before.updatedAt.getTime() !== openedAt.getTime()) return { ok: false, reason: "conflict", conflict: await lastActivityChange(db, before.id, before.updatedAt) };
  const occurredAt = occurredAtOf(data, options.timeZone);
  if (!occurredAt) return { ok: false, fieldErrors: { occurredAt: ["activityWhenInvalid"] } };
  const linkErrors = await checkLinks(db, found.scope, data);
  if (linkErrors) return { ok: false, fieldErrors: linkErrors };
  const after = {
    type: data.type,
    subject: data.subject,
    body: data.body,
    occurredAt,
    durationMinutes: data.durationMinutes,
    outcome: data.outcome,
    participants: data.participants,
    customerId: data.customerId,
    contactId: data.contactId,
    opportunityId: data.opportunityId,
  };
  const changes = diffFields(before, after, HISTORY_FIELDS);
  // Nothing changed: no write, no history entry, and the version stays as it was.
  if (Object.keys(changes).length === 0) return { ok: true, id: before.id };
  const written = await db.$transaction(async (tx) => {
    // updatedAt in the WHERE is the real guard: of two saves opened at the same moment, one wins.
    const result = await tx.activity.updateMany({ where: { id: before.id, updatedAt: before.updatedAt, deletedAt: null }, data: after });
    if (result.count === 0) return false;
    if (data.opportunityId) await touchOpportunity(tx as unknown as TenantDb, data.opportunityId, occurredAt);
    await recordChange(tx, ctx.tenant.id, { entityType: "activity", entityId: before.id, action: "updated", actorId: ctx.user.id, changes });
    return true;
  });
  if (!written) return { ok: false, reason: "conflict", conflict: await lastActivityChange(db, before.id, new Date()) };
  return { ok: true, id: before.id };
}

/** Soft delete (deletedAt): off every timeline, kept for the record history. */
export async function deleteActivity(ctx: MemberContext, id: string): Promise<ActivityResult> {
  const db = authorize(ctx, "records.write");
  if (!can(ctx.role, "records.write")) return { ok: false, reason: "notAllowed" };
  const found = await editableActivity(ctx, db, id);
  if (!found.row) return { ok: false, reason: found.reason };
  await db.$transaction(async (tx) => {
    await tx.activity.update({ where: { tenantId_id: { tenantId: ctx.tenant.id, id } }, data: { deletedAt: new Date() } });
    await recordChange(tx, ctx.tenant.id, { entityType: "activity", entityId: id, action: "deleted", actorId: ctx.user.id });
  });
  return { ok: true, id };
}
