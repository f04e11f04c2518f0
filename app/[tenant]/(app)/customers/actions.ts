"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import type { MemberContext } from "@/lib/dal/context";
import { echoValues, formError, invalid, type FormState } from "@/lib/forms/form-state";
import type { CrmFormState } from "@/lib/forms/crm-form-state";
import { makeCustomerInputSchema } from "@/lib/validation/customer";
import { makeContactInputSchema } from "@/lib/validation/contact";
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer, type WriteResult } from "@/lib/dal/customers/write-customer";
import { createContact, deleteContact, restoreContact, updateContact } from "@/lib/dal/customers/write-contact";

// Thin actions for customers, contacts and the trash: parse, call the DAL, turn its answer into
// form state. The record's fields are parsed inside (not by memberAction's schema) because phone
// numbers typed without "+" are read in the country picked beside them, else the workspace's.

const envelope = z.looseObject({
  id: z.string().max(40).optional(),
  version: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  confirmDuplicate: z.string().optional(),
});

async function defaultCountry(ctx: MemberContext) {
  return (await getCrmSettings(ctx)).defaultCountry;
}

function fromResult(formData: FormData, result: Exclude<WriteResult, { ok: true }>): CrmFormState {
  const values = echoValues(formData);
  if (result.reason === "duplicates") {
    return { status: "error", fieldErrors: {}, formError: "crmProbableDuplicate", values, duplicates: result.duplicates };
  }
  if (result.reason === "conflict") {
    const state: CrmFormState = {
      status: "error",
      fieldErrors: {},
      formError: result.conflict.changedBy ? "crmConflict" : "crmConflictUnknown",
      formErrorValues: { name: result.conflict.changedBy ?? "" },
      values,
      conflict: { changedBy: result.conflict.changedBy, changedAt: result.conflict.changedAt.toISOString() },
    };
    return state;
  }
  if (result.reason === "ownerInvalid") return { status: "error", fieldErrors: { ownerId: ["crmOwnerInvalid"] }, values };
  return formError(formData, "crmRecordGone");
}

export const saveCustomerAction = memberAction(envelope, "records.write", async (envelopeInput, ctx, { formData }): Promise<FormState> => {
  const parsed = makeCustomerInputSchema({ defaultCountry: await defaultCountry(ctx) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  const confirmDuplicate = envelopeInput.confirmDuplicate === "1";
  const slug = ctx.tenant.slug;
  if (envelopeInput.id) {
    if (envelopeInput.version === undefined) return formError(formData, "generic");
    const result = await updateCustomer(ctx, envelopeInput.id, envelopeInput.version, parsed.data, { confirmDuplicate });
    if (!result.ok) return fromResult(formData, result);
    revalidatePath(`/${slug}/customers`);
    redirect(`/${slug}/customers/${result.id}?saved=1`);
  }
  const result = await createCustomer(ctx, parsed.data, { confirmDuplicate });
  if (!result.ok) return fromResult(formData, result);
  revalidatePath(`/${slug}/customers`);
  redirect(`/${slug}/customers/${result.id}?created=1`);
});

export const saveContactAction = memberAction(envelope, "records.write", async (envelopeInput, ctx, { formData }): Promise<FormState> => {
  const parsed = makeContactInputSchema({ defaultCountry: await defaultCountry(ctx) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  const confirmDuplicate = envelopeInput.confirmDuplicate === "1";
  const slug = ctx.tenant.slug;
  const result = envelopeInput.id
    ? envelopeInput.version === undefined
      ? null
      : await updateContact(ctx, envelopeInput.id, envelopeInput.version, parsed.data, { confirmDuplicate })
    : await createContact(ctx, parsed.data, { confirmDuplicate });
  if (!result) return formError(formData, "generic");
  if (!result.ok) return fromResult(formData, result);
  revalidatePath(`/${slug}/customers/${parsed.data.customerId}`);
  redirect(`/${slug}/customers/${parsed.data.customerId}/contacts/${result.id}?saved=1`);
});

const idOnly = z.object({ id: z.string().min(1).max(40), kind: z.enum(["customer", "contact"]).optional(), then: z.enum(["open"]).optional() });

export const deleteCustomerAction = memberAction(idOnly, "records.write", async (input, ctx, { formData }) => {
  const result = await deleteCustomer(ctx, input.id);
  if (!result.ok) return formError(formData, "crmRecordGone");
  revalidatePath(`/${ctx.tenant.slug}/customers`);
  redirect(`/${ctx.tenant.slug}/customers?deleted=${encodeURIComponent(input.id)}`);
});

export const deleteContactAction = memberAction(idOnly, "records.write", async (input, ctx, { formData }) => {
  const result = await deleteContact(ctx, input.id);
  if (!result.ok) return formError(formData, "crmRecordGone");
  revalidatePath(`/${ctx.tenant.slug}/customers/${result.id}`);
  redirect(`/${ctx.tenant.slug}/customers/${result.id}?contactDeleted=${encodeURIComponent(input.id)}`);
});

/** Restore from the trash (Admins), also the "Undo" right after a delete. */
export const restoreRecordAction = memberAction(idOnly, "records.restore", async (input, ctx, { formData }) => {
  const result = input.kind === "contact" ? await restoreContact(ctx, input.id) : await restoreCustomer(ctx, input.id);
  if (!result.ok) return formError(formData, "crmRecordGone");
  revalidatePath(`/${ctx.tenant.slug}/customers`);
  revalidatePath(`/${ctx.tenant.slug}/customers/trash`);
  // "Undo" right after a delete goes back to the record; the trash page stays where it is.
  if (input.then === "open") redirect(`/${ctx.tenant.slug}/customers/${result.id}?restored=1`);
  return { status: "success", fieldErrors: {}, message: "restored", values: {} };
});
