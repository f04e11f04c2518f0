"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { crmSettingsSchema, stageArchiveSchema, stageCreateSchema, stageMoveSchema, stageUpdateSchema } from "@/lib/validation/opportunity";
import { updateCrmSettings } from "@/lib/dal/crm/crm-settings";
import { archiveStage, createStage, moveStage, updateStage, type StageResult } from "@/lib/dal/pipeline/manage-stages";
import { markPipelineStagesSet } from "@/lib/dal/setup/setup-checklist";
import { exchangeRatesSchema } from "@/lib/validation/exchange-rates";
import { saveExchangeRates } from "@/lib/dal/opportunities/exchange-rates";

// CRM settings page: the settings form and the pipeline editor. memberAction checks the session,
// the permission (crm.manageSettings) and the schema; the DAL checks and audits again.

export const saveCrmSettingsAction = memberAction(crmSettingsSchema, "crm.manageSettings", async (input, ctx, { formData, ...meta }) => {
  const result = await updateCrmSettings(ctx, input, meta);
  if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) } satisfies FormState;
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: Object.keys(result.changes).length > 0 ? "saved" : "unchanged", values: echoValues(formData) };
});

// The reporting currency and the rates into it (the board's totals). The DAL checks the fields as submitted again.
export const saveExchangeRatesAction = memberAction(exchangeRatesSchema, "crm.manageSettings", async (_input, ctx, { formData, ...meta }, submitted) => {
  const result = await saveExchangeRates(ctx, submitted, meta);
  if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) } satisfies FormState;
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: result.changed ? "saved" : "unchanged", values: echoValues(formData) };
});

function stageOutcome(slug: string, formData: FormData, result: StageResult, message: string): FormState {
  if (!result.ok) {
    if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) };
    return { status: "error", fieldErrors: {}, formError: result.formError, formErrorValues: result.values, values: echoValues(formData) };
  }
  revalidatePath(`/${slug}`, "layout");
  return { status: "success", fieldErrors: {}, message, values: {} };
}

// The stage DAL checks the fields as submitted again itself (its probability is a transform).
export const createStageAction = memberAction(stageCreateSchema, "crm.manageSettings", async (_input, ctx, { formData, ...meta }, submitted) =>
  stageOutcome(ctx.tenant.slug, formData, await createStage(ctx, submitted, meta), "added"),
);

export const updateStageAction = memberAction(stageUpdateSchema, "crm.manageSettings", async (_input, ctx, { formData, ...meta }, submitted) =>
  stageOutcome(ctx.tenant.slug, formData, await updateStage(ctx, submitted, meta), "saved"),
);

export const moveStageAction = memberAction(stageMoveSchema, "crm.manageSettings", async (input, ctx, { formData, ...meta }) =>
  stageOutcome(ctx.tenant.slug, formData, await moveStage(ctx, input, meta), "moved"),
);

export const archiveStageAction = memberAction(stageArchiveSchema.extend({ confirm: z.string().optional() }), "crm.manageSettings", async (input, ctx, { formData, ...meta }) =>
  stageOutcome(ctx.tenant.slug, formData, await archiveStage(ctx, input.id, meta), "archived"),
);

/** "Keep these stages": the defaults were looked at and kept, which the setup checklist counts as done. */
export const keepPipelineStagesAction = memberAction(z.object({}), "crm.manageSettings", async (_input, ctx) => {
  await markPipelineStagesSet(ctx);
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "stagesKept", values: {} } satisfies FormState;
});
