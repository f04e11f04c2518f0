"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/member-action";
import { formError, type FormState } from "@/lib/forms/form-state";
import { mergeChoices, mergeCustomersSchema } from "@/lib/validation/customer-merge";
import { mergeCustomers } from "@/lib/dal/customers/merge-customers";

// The merge page's one action: parse, call the DAL, say why a refusal happened.
export const mergeCustomersAction = memberAction(mergeCustomersSchema, "records.write", async (input, ctx, { formData, ip, userAgent }): Promise<FormState> => {
  const result = await mergeCustomers(
    ctx,
    { keepId: input.keepId, keepVersion: input.keepVersion, mergeId: input.mergeId, mergeVersion: input.mergeVersion, choices: mergeChoices(input) },
    { ip, userAgent },
  );
  if (!result.ok) {
    if (result.reason === "conflict") {
      return formError(formData, result.conflict.changedBy ? "crmMergeConflict" : "crmMergeConflictUnknown", { name: result.conflict.changedBy ?? "" });
    }
    if (result.reason === "sameRecord") return formError(formData, "crmMergeSame");
    if (result.reason === "ownerInvalid") return formError(formData, "crmOwnerInvalid");
    return formError(formData, "crmMergeNotAllowed");
  }
  const slug = ctx.tenant.slug;
  revalidatePath(`/${slug}/customers`);
  redirect(`/${slug}/customers/${result.id}?merged=${encodeURIComponent(input.mergeId)}`);
});
