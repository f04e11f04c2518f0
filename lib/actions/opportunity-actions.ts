"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, formError, type FormState } from "@/lib/forms/form-state";
import type { MemberContext } from "@/lib/dal/context";
import { searchPickableCustomers } from "@/lib/dal/opportunities/pickers";
import { issueMessage } from "@/lib/validation/security-policy";
import {
  opportunityDraftSchema,
  opportunityMoveSchema,
  opportunityUpdateSchema,
  type OpportunityCreateInput,
  type OpportunityDraftInput,
} from "@/lib/validation/opportunity";
import { createOpportunity, deleteOpportunity, updateOpportunity, type OpportunityWriteResult } from "@/lib/dal/opportunities/write-opportunity";
import { moveOpportunity } from "@/lib/dal/opportunities/move-opportunity";

// Opportunity forms and the board's moves. memberAction checks the session, the permission and the
// schema (for a new opportunity every field but the customer, which may come as typed text: the
// DAL checks the whole form once it is resolved); the DAL checks visibility, references, the
// version and the permission again.

function refused(formData: FormData, result: Exclude<OpportunityWriteResult, { ok: true }>): FormState {
  if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) };
  return formError(formData, result.reason === "conflict" ? "opportunityConflict" : "opportunityGone");
}

/**
 * Without JavaScript the customer combobox is a plain text box (customerQuery) and nothing sets
 * customerId: the customer whose name is exactly what was typed, or the only one that contains it,
 * is taken; otherwise the field says why. With JavaScript a customer is always picked from the list.
 */
async function withTypedCustomer(ctx: MemberContext, formData: FormData, submitted: OpportunityDraftInput): Promise<{ data: OpportunityCreateInput } | { state: FormState }> {
  const query = (submitted.customerQuery ?? "").trim().slice(0, 100);
  const customerId = (submitted.customerId ?? "").trim();
  // No customer at all: the DAL says it is required.
  if (customerId || !query) return { data: { ...submitted, customerId } };
  const matches = await searchPickableCustomers(ctx, query, 20);
  const exact = matches.filter((customer) => customer.name.trim().toLocaleLowerCase() === query.toLocaleLowerCase());
  const chosen = exact.length === 1 ? exact[0] : exact.length === 0 && matches.length === 1 ? matches[0] : null;
  if (chosen) return { data: { ...submitted, customerId: chosen.id } };
  const key = matches.length === 0 ? "opportunityCustomerNoMatch" : "opportunityCustomerAmbiguous";
  return { state: { status: "error", fieldErrors: { customerId: [issueMessage(key, { query })] }, values: echoValues(formData) } };
}

export const createOpportunityAction = memberAction(opportunityDraftSchema, "records.write", async (_input, ctx, { formData }, submitted) => {
  const typed = await withTypedCustomer(ctx, formData, submitted);
  if ("state" in typed) return typed.state;
  const result = await createOpportunity(ctx, typed.data);
  if (!result.ok) return refused(formData, result);
  redirect(`/${encodeURIComponent(ctx.tenant.slug)}/opportunities/${result.id}`);
});

export const updateOpportunityAction = memberAction(opportunityUpdateSchema, "records.write", async (_input, ctx, { formData }, submitted) => {
  // The DAL parses the fields as submitted again (its amount is a transform).
  const result = await updateOpportunity(ctx, submitted);
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
