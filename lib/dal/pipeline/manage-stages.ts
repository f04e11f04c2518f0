import "server-only";
import { recordAuditEvent } from "@/lib/auth/audit";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { stageCreateSchema, stageUpdateSchema } from "@/lib/validation/opportunity";
import type { StageKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { markPipelineStagesSet } from "../setup/setup-checklist";

// The pipeline editor (crm.manageSettings): add, rename, re-probability, reorder and archive
// stages. There is always exactly one Won and one Lost stage (they can't be archived and new
// stages are Open), and a stage that still holds opportunities can't be archived until they are
// moved. Every change is audited as crm.settings_changed { stage }.

export type StageResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> } | { ok: false; formError: string; values?: Record<string, string> };

export type SettingsStage = { id: string; name: string; probability: number; kind: StageKind; position: number; opportunityCount: number };

export async function listStagesForSettings(ctx: MemberContext): Promise<SettingsStage[]> {
  const db = authorize(ctx, "crm.manageSettings");
  const [stages, counts] = await Promise.all([
    db.pipelineStage.findMany({ where: { archivedAt: null }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
    db.opportunity.groupBy({ by: ["stageId"], where: { deletedAt: null }, _count: { _all: true } }),
  ]);
  return stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    probability: stage.probability,
    kind: stage.kind,
    position: stage.position,
    opportunityCount: counts.find((count) => count.stageId === stage.id)?._count._all ?? 0,
  }));
}

// Every change to the stages passes here, so it is also where the setup checklist learns that
// the pipeline was set.
async function audit(ctx: MemberContext, meta: RequestMeta, stage: Record<string, unknown>) {
  await markPipelineStagesSet(ctx);
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "crm.settings_changed", actorUserId: ctx.user.id, ip: meta.ip, userAgent: meta.userAgent, data: { stage } as unknown as Prisma.InputJsonValue });
}

/** A new Open stage, placed before the Won and Lost stages. */
export async function createStage(ctx: MemberContext, input: { name: unknown; probability: unknown }, meta: RequestMeta): Promise<StageResult> {
  const db = authorize(ctx, "crm.manageSettings");
  const parsed = stageCreateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const created = await db.$transaction(async (tx) => {
    const stages = await tx.pipelineStage.findMany({ where: { archivedAt: null }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    const firstClosed = stages.findIndex((stage) => stage.kind !== "OPEN");
    const at = firstClosed < 0 ? stages.length : firstClosed;
    // Renumber so the new stage fits at `at`.
    const ordered = [...stages.slice(0, at).map((s) => s.id), "new", ...stages.slice(at).map((s) => s.id)];
    for (const [index, id] of ordered.entries()) {
      if (id !== "new") await tx.pipelineStage.updateMany({ where: { id }, data: { position: (index + 1) * 10 } });
    }
    return tx.pipelineStage.create({
      data: { tenantId: ctx.tenant.id, name: parsed.data.name, probability: parsed.data.probability, kind: "OPEN", position: (at + 1) * 10 },
    });
  });
  await audit(ctx, meta, { action: "created", id: created.id, name: created.name, probability: created.probability });
  return { ok: true };
}

export async function updateStage(ctx: MemberContext, input: { id: unknown; name: unknown; probability: unknown }, meta: RequestMeta): Promise<StageResult> {
  const db = authorize(ctx, "crm.manageSettings");
  const parsed = stageUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const before = await db.pipelineStage.findFirst({ where: { id: parsed.data.id, archivedAt: null } });
  if (!before) return { ok: false, formError: "stageGone" };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (before.name !== parsed.data.name) changes.name = { from: before.name, to: parsed.data.name };
  if (before.probability !== parsed.data.probability) changes.probability = { from: before.probability, to: parsed.data.probability };
  if (Object.keys(changes).length === 0) return { ok: true };
  await db.pipelineStage.updateMany({ where: { id: before.id }, data: { name: parsed.data.name, probability: parsed.data.probability } });
  await audit(ctx, meta, { action: "updated", id: before.id, changes });
  return { ok: true };
}

/** Swaps the stage with its neighbour in board order. */
export async function moveStage(ctx: MemberContext, input: { id: string; direction: "up" | "down" }, meta: RequestMeta): Promise<StageResult> {
  const db = authorize(ctx, "crm.manageSettings");
  const moved = await db.$transaction(async (tx) => {
    const stages = await tx.pipelineStage.findMany({ where: { archivedAt: null }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    const index = stages.findIndex((stage) => stage.id === input.id);
    if (index < 0) return null;
    const other = input.direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= stages.length) return stages[index];
    const order = stages.map((stage) => stage.id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    for (const [position, id] of order.entries()) await tx.pipelineStage.updateMany({ where: { id }, data: { position: (position + 1) * 10 } });
    return stages[index];
  });
  if (!moved) return { ok: false, formError: "stageGone" };
  await audit(ctx, meta, { action: "moved", id: moved.id, name: moved.name, direction: input.direction });
  return { ok: true };
}

/** Archives an Open stage that holds no opportunities; Won and Lost are kept. */
export async function archiveStage(ctx: MemberContext, id: string, meta: RequestMeta): Promise<StageResult> {
  const db = authorize(ctx, "crm.manageSettings");
  const stage = await db.pipelineStage.findFirst({ where: { id, archivedAt: null } });
  if (!stage) return { ok: false, formError: "stageGone" };
  if (stage.kind !== "OPEN") return { ok: false, formError: "stageKindLast" };
  const count = await db.opportunity.count({ where: { stageId: id, deletedAt: null } });
  if (count > 0) return { ok: false, formError: "stageHasOpportunities", values: { count: String(count) } };
  await db.pipelineStage.updateMany({ where: { id }, data: { archivedAt: new Date() } });
  await audit(ctx, meta, { action: "archived", id, name: stage.name });
  return { ok: true };
}
