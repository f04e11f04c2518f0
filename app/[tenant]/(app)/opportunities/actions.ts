"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, formError, type FormState } from "@/lib/forms/form-state";
import { opportunityCreateSchema, opportunityMoveSchema, opportunityUpdateSchema } from "@/lib/validation/opportunity";
import { createOpportunity, deleteOpportunity, moveOpportunity, updateOpportunity, type OpportunityWriteResult } from "@/lib/dal/opportunities/opportunities";

// Opportunity forms and the board's moves. memberAction checks the session, the permission and the
// schema; the DAL checks visibility, references, the version and the permission again.

function refused(formData: FormData, result: Exclude<OpportunityWriteResult, { ok: true }>): FormState {
  if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) };
  return formError(formData, result.reason === "conflict" ? "opportunityConflict" : "opportunityGone");
}

export const createOpportunityAction = memberAction(opportunityCreateSchema, "records.write", async (_input, ctx, { formData }) => {
  const result = await createOpportunity(ctx, Object.fromEntries(formData) as never);
  if (!result.ok) return refused(formData, result);
  redirect(`/${encodeURIComponent(ctx.tenant.slug)}/opportunities/${result.id}`);
});

export const updateOpportunityAction = memberAction(opportunityUpdateSchema, "records.write", async (_input, ctx, { formData }) => {
  const result = await updateOpportunity(ctx, Object.fromEntries(formData) as never);
  if (!result.ok) return refused(formData, result);
  revalidatePath(`/${ctx.tenant.slug}/opportunities`, "layout");
  redirect(`/${encodeURIComponent(ctx.tenant.slug)}/opportunities/${result.id}?saved=1`);
});

export const moveOpportunityAction = memberAction(opportunityMoveSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await moveOpportunity(ctx, { id: input.id, stageId: input.stageId, version: input.version, lostReason: input.lostReason ?? undefined });
  if (!result.ok) return refused(formData, result);
  revalidatePath(`/${ctx.tenant.slug}/opportunities`, "layout");
  return { status: "success", fieldErrors: {}, message: "moved", values: { version: String(result.version) } };
});

export const deleteOpportunityAction = memberAction(z.object({ id: z.string().min(1).max(64) }), "records.write", async (input, ctx, { formData }) => {
  const result = await deleteOpportunity(ctx, input.id);
  if (!result.ok) return formError(formData, "opportunityGone");
  revalidatePath(`/${ctx.tenant.slug}/opportunities`, "layout");
  redirect(`/${encodeURIComponent(ctx.tenant.slug)}/opportunities`);
});
