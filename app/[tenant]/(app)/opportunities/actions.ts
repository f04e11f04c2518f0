"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, formError, type FormState } from "@/lib/forms/form-state";
import type { MemberContext } from "@/lib/dal/context";
import { searchPickableCustomers } from "@/lib/dal/opportunities/pickers";
import { issueMessage } from "@/lib/validation/security-policy";
import { opportunityMoveSchema, opportunityUpdateSchema } from "@/lib/validation/opportunity";
import { createOpportunity, deleteOpportunity, moveOpportunity, updateOpportunity, type OpportunityWriteResult } from "@/lib/dal/opportunities/opportunities";

// Opportunity forms and the board's moves. memberAction checks the session, the permission and the
// schema (for a new opportunity only its envelope: the DAL checks the form's schema once the typed
// customer is resolved); the DAL checks visibility, references, the version and the permission again.

function refused(formData: FormData, result: Exclude<OpportunityWriteResult, { ok: true }>): FormState {
  if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) };
  return formError(formData, result.reason === "conflict" ? "opportunityConflict" : "opportunityGone");
}

/**
 * Without JavaScript the customer combobox is a plain text box (customerQuery) and nothing sets
 * customerId: the customer whose name is exactly what was typed, or the only one that contains it,
 * is taken; otherwise the field says why. With JavaScript a customer is always picked from the list.
 */
async function withTypedCustomer(ctx: MemberContext, formData: FormData): Promise<{ data: Record<string, string> } | { state: FormState }> {
  const data = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const query = (data.customerQuery ?? "").trim().slice(0, 100);
  if ((data.customerId ?? "").trim() || !query) return { data };
  const matches = await searchPickableCustomers(ctx, query, 20);
  const exact = matches.filter((customer) => customer.name.trim().toLocaleLowerCase() === query.toLocaleLowerCase());
  const chosen = exact.length === 1 ? exact[0] : exact.length === 0 && matches.length === 1 ? matches[0] : null;
  if (chosen) return { data: { ...data, customerId: chosen.id } };
  const key = matches.length === 0 ? "opportunityCustomerNoMatch" : "opportunityCustomerAmbiguous";
  return { state: { status: "error", fieldErrors: { customerId: [issueMessage(key, { query })] }, values: echoValues(formData) } };
}

// The schema checked before the handler leaves customerId to withTypedCustomer; the DAL checks all of it.
const createEnvelope = z.object({ customerQuery: z.string().max(1000).optional() });

export const createOpportunityAction = memberAction(createEnvelope, "records.write", async (_input, ctx, { formData }) => {
  const typed = await withTypedCustomer(ctx, formData);
  if ("state" in typed) return typed.state;
  const result = await createOpportunity(ctx, typed.data as never);
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
