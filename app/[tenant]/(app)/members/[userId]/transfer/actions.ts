"use server";
import { revalidatePath } from "next/cache";
import { memberAction } from "@/lib/actions/member-action";
import { transferRecordsSchema } from "@/lib/validation/tasks";
import { fieldError, formError } from "@/lib/forms/form-state";
import { transferRecords } from "@/lib/dal/tasks/transfer-records";

export const transferRecordsAction = memberAction(transferRecordsSchema, "records.transfer", async (input, ctx, { formData, ...meta }) => {
  const result = await transferRecords(ctx, input.fromUserId, input.toUserId, meta);
  if (!result.ok) return result.field ? fieldError(formData, result.field, result.reason) : formError(formData, result.reason);
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return {
    status: "success",
    fieldErrors: {},
    message: "done",
    values: {
      name: result.toName,
      customers: String(result.counts.customers),
      opportunities: String(result.counts.opportunities),
      tasks: String(result.counts.tasks),
    },
  };
});
