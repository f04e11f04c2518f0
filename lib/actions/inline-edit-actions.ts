"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, formError, type FormState } from "@/lib/forms/form-state";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { CUSTOMER_CELL_FIELDS, editCustomerCell, editOpportunityCell, OPPORTUNITY_CELL_FIELDS, type CellEditResult } from "@/lib/dal/crm/inline-edit";

// Editing one cell of the customer list or the opportunity table (lib/dal/crm/inline-edit.ts).
// The answer carries the cell's value as stored (the cell formats it as the list does), the new
// version, and after a lost race who saved the newer version and when. What was typed comes back
// in `values`, as with every form.

function cellSchema<const Fields extends readonly [string, ...string[]]>(fields: Fields) {
  return z.object({
    id: z.string().trim().min(1, { error: "crmRecordGone" }).max(40, { error: "crmRecordGone" }),
    version: z.coerce.number({ error: "generic" }).int({ error: "generic" }).min(0, { error: "generic" }).max(2_147_483_647, { error: "generic" }),
    field: z.enum(fields, { error: "generic" }),
    // The field's own rule says what is too long; this only bounds the request.
    value: z.string().max(20_000, { error: "generic" }).optional(),
    currency: z.string().max(10).optional(),
    lostReason: z.string().max(2000).optional(),
    confirmDuplicate: z.string().optional(),
  });
}

function stateFrom(formData: FormData, result: CellEditResult): FormState {
  if (result.ok) {
    const { value, name = null, currency = null } = result.current;
    return { status: "success", fieldErrors: {}, values: {}, result: { version: result.version, value, name, currency } };
  }
  if (result.reason === "invalid") return { status: "error", fieldErrors: { value: [result.message] }, values: echoValues(formData) };
  if (result.reason === "duplicates") return { ...formError(formData, "crmProbableDuplicate"), result: { duplicates: result.names } };
  if (result.reason === "conflict") {
    const { value, name = null, currency = null } = result.current;
    return {
      ...formError(formData, result.changedBy ? "crmConflict" : "crmConflictUnknown", { name: result.changedBy ?? "" }),
      result: { changedBy: result.changedBy, changedAt: result.changedAt.toISOString(), version: result.version, value, name, currency },
    };
  }
  return formError(formData, "crmRecordGone");
}

export const editCustomerCellAction = memberAction(cellSchema(CUSTOMER_CELL_FIELDS), "records.write", async (input, ctx, { formData }) => {
  const { defaultCountry } = await getCrmSettings(ctx);
  const result = await editCustomerCell(
    ctx,
    { id: input.id, version: input.version, field: input.field, value: input.value ?? "", confirmDuplicate: input.confirmDuplicate === "1" },
    { defaultCountry },
  );
  if (result.ok) revalidatePath(`/${ctx.tenant.slug}/customers`, "layout");
  return stateFrom(formData, result);
});

export const editOpportunityCellAction = memberAction(cellSchema(OPPORTUNITY_CELL_FIELDS), "records.write", async (input, ctx, { formData }) => {
  const result = await editOpportunityCell(ctx, {
    id: input.id,
    version: input.version,
    field: input.field,
    value: input.value ?? "",
    currency: input.currency,
    lostReason: input.lostReason,
  });
  if (result.ok) revalidatePath(`/${ctx.tenant.slug}/opportunities`, "layout");
  return stateFrom(formData, result);
});
