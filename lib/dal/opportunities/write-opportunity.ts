import "server-only";
import { can } from "@/lib/auth/permissions";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import type { StageKind } from "@/lib/generated/prisma/enums";
import type { TenantDb } from "@/lib/db/tenant-db";
import { opportunityCreateSchema, opportunityUpdateSchema, type OpportunityCreateInput, type OpportunityUpdateInput } from "@/lib/validation/opportunity";
import { authorize, type MemberContext } from "../context";
import { contactWhere, customerWhere, opportunityWhere, recordScope, type RecordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";

// Opportunities: create, edit, delete (to the trash); the board's move is move-opportunity.ts and
// reading one is get-opportunity.ts. Every change writes the field history
// (lib/dal/crm/record-history.ts) in the same transaction; every stage change also writes an
// OpportunityStageChange row (who, when). closedAt is set on entering a Won or Lost stage
// and cleared on leaving. Edits carry the version the form was opened at: a record changed by
// someone else since is refused ("conflict"), never silently overwritten. A record the member may
// not see reads exactly like one that does not exist.

export type OpportunityWriteResult =
  | { ok: true; id: string; version: number }
  | { ok: false; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "notFound" | "conflict" };

const HISTORY_FIELDS = [
  "title",
  "customerId",
  "contactId",
  "amount",
  "currency",
  "stageId",
  "probability",
  "expectedCloseDate",
  "ownerId",
  "lostReason",
] as const;

type StageRow = { id: string; probability: number; kind: StageKind };

export async function liveStage(db: TenantDb, stageId: string): Promise<StageRow | null> {
  return db.pipelineStage.findFirst({ where: { id: stageId, archivedAt: null }, select: { id: true, probability: true, kind: true } });
}

/** Customer, contact, owner and stage checks shared by create and edit; field errors or the stage. */
async function checkReferences(
  ctx: MemberContext,
  db: TenantDb,
  scope: RecordScope,
  data: { customerId: string; contactId: string | null; ownerId: string | null; stageId: string; lostReason: string | null },
  current?: { stageId: string; ownerId: string },
): Promise<{ errors: Record<string, string[]> } | { stage: StageRow; ownerId: string }> {
  const errors: Record<string, string[]> = {};
  const customer = await db.customer.findFirst({ where: { id: data.customerId, deletedAt: null, ...customerWhere(scope) }, select: { id: true } });
  if (!customer) errors.customerId = ["opportunityCustomerNotFound"];
  if (data.contactId) {
    const contact = await db.contact.findFirst({ where: { id: data.contactId, deletedAt: null, ...contactWhere(scope) }, select: { customerId: true } });
    if (!contact) errors.contactId = ["opportunityContactNotFound"];
    else if (contact.customerId !== data.customerId) errors.contactId = ["opportunityContactNotOfCustomer"];
  }
  // An archived stage is still fine for a record that is already in it.
  const stage =
    current && current.stageId === data.stageId
      ? await db.pipelineStage.findFirst({ where: { id: data.stageId }, select: { id: true, probability: true, kind: true } })
      : await liveStage(db, data.stageId);
  if (!stage) errors.stageId = ["opportunityStageNotFound"];
  else if (stage.kind === "LOST" && !data.lostReason) errors.lostReason = ["lostReasonRequired"];
  const ownerId = data.ownerId ?? current?.ownerId ?? ctx.user.id;
  if (ownerId !== current?.ownerId) {
    const owner = await db.user.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select: { role: true } });
    if (!owner || !can(owner.role, "records.write")) errors.ownerId = ["opportunityOwnerInvalid"];
  }
  if (Object.keys(errors).length > 0 || !stage) return { errors };
  return { stage, ownerId };
}

export function closedAtFor(kind: StageKind, previous: { kind: StageKind; closedAt: Date | null } | null): Date | null {
  if (kind === "OPEN") return null;
  if (previous && previous.kind === kind && previous.closedAt) return previous.closedAt;
  return new Date();
}

export async function createOpportunity(ctx: MemberContext, input: OpportunityCreateInput): Promise<OpportunityWriteResult> {
  const db = authorize(ctx, "records.write");
  const parsed = opportunityCreateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const data = parsed.data;
  const scope = await recordScope(ctx);
  const checked = await checkReferences(ctx, db, scope, data);
  if ("errors" in checked) return { ok: false, fieldErrors: checked.errors };
  const { stage, ownerId } = checked;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.opportunity.create({
      data: {
        tenantId: ctx.tenant.id,
        title: data.title,
        customerId: data.customerId,
        contactId: data.contactId,
        amount: data.amount,
        currency: data.currency,
        stageId: stage.id,
        probability: data.probability ?? stage.probability,
        expectedCloseDate: data.expectedCloseDate,
        ownerId,
        lostReason: stage.kind === "LOST" ? data.lostReason : null,
        closedAt: closedAtFor(stage.kind, null),
        createdById: ctx.user.id,
      },
      select: { id: true, version: true },
    });
    await tx.opportunityStageChange.create({
      data: { tenantId: ctx.tenant.id, opportunityId: created.id, fromStageId: null, toStageId: stage.id, changedById: ctx.user.id },
    });
    await recordChange(tx, ctx.tenant.id, { entityType: "opportunity", entityId: created.id, action: "created", actorId: ctx.user.id });
    return created;
  });
  return { ok: true, id: row.id, version: row.version };
}

/** The opportunity with its stage's kind, if the member may see it (shared by the writes). */
export async function visibleOpportunity(db: TenantDb, scope: RecordScope, id: string) {
  return db.opportunity.findFirst({
    where: { id, deletedAt: null, ...opportunityWhere(scope) },
    include: { stage: { select: { kind: true } } },
  });
}

/**
 * Writes `after` if the row is still at `version`; bumps the version. Stage changes get their
 * OpportunityStageChange row; the field history gets the diff.
 */
export async function writeChange(
  ctx: MemberContext,
  db: TenantDb,
  before: NonNullable<Awaited<ReturnType<typeof visibleOpportunity>>>,
  version: number,
  after: Record<string, unknown>,
  action: "updated" | "stage-changed",
): Promise<OpportunityWriteResult> {
  return db.$transaction(async (tx) => {
    const written = await tx.opportunity.updateMany({
      where: { id: before.id, version, deletedAt: null },
      data: { ...after, version: { increment: 1 } },
    });
    if (written.count === 0) return { ok: false as const, reason: "conflict" as const };
    if (after.stageId && after.stageId !== before.stageId) {
      await tx.opportunityStageChange.create({
        data: {
          tenantId: ctx.tenant.id,
          opportunityId: before.id,
          fromStageId: before.stageId,
          toStageId: after.stageId as string,
          changedById: ctx.user.id,
        },
      });
    }
    const changes = diffFields(before, after, HISTORY_FIELDS);
    const stageMoved = "stageId" in changes;
    await recordChange(tx, ctx.tenant.id, {
      entityType: "opportunity",
      entityId: before.id,
      action: stageMoved && action === "stage-changed" ? "stage-changed" : "updated",
      actorId: ctx.user.id,
      changes,
    });
    return { ok: true as const, id: before.id, version: version + 1 };
  });
}

export async function updateOpportunity(ctx: MemberContext, input: OpportunityUpdateInput): Promise<OpportunityWriteResult> {
  const db = authorize(ctx, "records.write");
  const parsed = opportunityUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const data = parsed.data;
  const scope = await recordScope(ctx);
  const before = await visibleOpportunity(db, scope, data.id);
  if (!before) return { ok: false, reason: "notFound" };
  if (before.version !== data.version) return { ok: false, reason: "conflict" };
  const checked = await checkReferences(ctx, db, scope, data, before);
  if ("errors" in checked) return { ok: false, fieldErrors: checked.errors };
  const { stage, ownerId } = checked;
  const stageChanged = stage.id !== before.stageId;
  // A new stage brings its default probability unless the member typed a different one.
  const probability = data.probability === null || (stageChanged && data.probability === before.probability) ? stage.probability : data.probability;
  return writeChange(
    ctx,
    db,
    before,
    data.version,
    {
      title: data.title,
      customerId: data.customerId,
      contactId: data.contactId,
      amount: data.amount,
      currency: data.currency,
      stageId: stage.id,
      probability,
      expectedCloseDate: data.expectedCloseDate,
      ownerId,
      lostReason: stage.kind === "LOST" ? data.lostReason : null,
      closedAt: closedAtFor(stage.kind, { kind: before.stage.kind, closedAt: before.closedAt }),
    },
    "updated",
  );
}

/** To the trash (deletedAt); Admins restore from there for 30 days. */
export async function deleteOpportunity(ctx: MemberContext, id: string): Promise<{ ok: true } | { ok: false; reason: "notFound" }> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const before = await visibleOpportunity(db, scope, id);
  if (!before) return { ok: false, reason: "notFound" };
  await db.$transaction(async (tx) => {
    await tx.opportunity.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), deletedById: ctx.user.id, version: { increment: 1 } } });
    await recordChange(tx, ctx.tenant.id, { entityType: "opportunity", entityId: id, action: "deleted", actorId: ctx.user.id });
  });
  return { ok: true };
}
