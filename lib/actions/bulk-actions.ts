"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { formError, fieldError, type FormState } from "@/lib/forms/form-state";
import { CUSTOMER_STATUSES, TAG_LENGTH_MAX } from "@/lib/validation/customer";
import type { BulkOutcome } from "@/lib/dal/crm/bulk-selection";
import { bulkUpdateCustomers, restoreBulkTrashedCustomers, type CustomerBulkChange, type CustomerFilters } from "@/lib/dal/customers/bulk-update-customers";
import { parseCustomerListQuery } from "@/lib/dal/customers/list-query";
import { bulkUpdateOpportunities, type OpportunityBulkChange, type OpportunityFilters } from "@/lib/dal/opportunities/bulk-update-opportunities";
import { parseOpportunityListQuery } from "@/lib/dal/opportunities/list-query";

// The list pages' bulk actions. What is acted on is either the ids ticked on the page or "all
// matching", which arrives as the list's own query string and is parsed here exactly as the page
// parses its URL: the server works out which records match, never the client. The DAL checks each
// record against the member's visibility and answers how many changed and why others didn't.

const selection = {
  scope: z.enum(["ids", "filters"], { error: "bulkNothingSelected" }),
  ids: z
    .string()
    .max(200 * 41)
    .optional(),
  filters: z.string().max(4000).optional(),
};

const customerSchema = z.object({
  ...selection,
  change: z.enum(["owner", "addTag", "removeTag", "status", "trash"], {
    error: "bulkActionRequired",
  }),
  ownerId: z.string().trim().max(40).optional(),
  tag: z.string().trim().max(TAG_LENGTH_MAX, { error: "crmTagTooLong" }).optional(),
  status: z.string().optional(),
});

const opportunitySchema = z.object({
  ...selection,
  change: z.enum(["owner", "stage"], { error: "bulkActionRequired" }),
  ownerId: z.string().trim().max(40).optional(),
  stageId: z.string().trim().max(40).optional(),
  lostReason: z.string().trim().max(500, { error: "lostReasonTooLong" }).optional(),
});

function idsOf(text: string | undefined): string[] {
  return (text ?? "").split(",").filter(Boolean);
}

/** The DAL's answer as the bar shows it: counts to announce, or the reason nothing was done. */
function answer(formData: FormData, outcome: BulkOutcome, field: string): FormState {
  if (outcome.ok) {
    return {
      status: "success",
      fieldErrors: {},
      message: formData.get("change") === "trash" ? "trashed" : "done",
      values: {},
      result: {
        changed: outcome.changed,
        notFound: outcome.skipped.notFound,
        unchanged: outcome.skipped.unchanged,
        tagsFull: outcome.skipped.tagsFull,
        trashedAt: outcome.trashedAt ? outcome.trashedAt.toISOString() : null,
      },
    };
  }
  switch (outcome.reason) {
    case "nothingSelected":
      return formError(formData, "bulkNothingSelected");
    case "tooMany":
      return formError(formData, "bulkTooMany", {
        limit: outcome.limit.toLocaleString("en"),
      });
    case "ownerInvalid":
      return fieldError(formData, "ownerId", field === "customers" ? "crmOwnerInvalid" : "opportunityOwnerInvalid");
    case "stageInvalid":
      return fieldError(formData, "stageId", "opportunityStageNotFound");
    case "lostReasonRequired":
      return fieldError(formData, "lostReason", "lostReasonRequired");
  }
}

export const bulkCustomersAction = memberAction(customerSchema, "records.write", async (input, ctx, { formData, ip, userAgent }): Promise<FormState> => {
  let change: CustomerBulkChange;
  switch (input.change) {
    case "owner":
      if (!input.ownerId) return fieldError(formData, "ownerId", "crmOwnerInvalid");
      change = { kind: "owner", ownerId: input.ownerId };
      break;
    case "addTag":
    case "removeTag":
      if (!input.tag) return fieldError(formData, "tag", "bulkTagRequired");
      change = { kind: input.change, tag: input.tag.replace(/\s+/g, " ") };
      break;
    case "status": {
      const status = CUSTOMER_STATUSES.find((value) => value === input.status);
      if (!status) return fieldError(formData, "status", "crmStatusInvalid");
      change = { kind: "status", status };
      break;
    }
    case "trash":
      change = { kind: "trash" };
      break;
  }
  let filters: CustomerFilters | null = null;
  if (input.scope === "filters") {
    const { sort: _sort, dir: _dir, pageSize: _pageSize, cursor: _cursor, ...rest } = parseCustomerListQuery(new URLSearchParams(input.filters ?? "")).query;
    filters = rest;
  }
  const outcome = await bulkUpdateCustomers(ctx, filters ? { filters } : { ids: idsOf(input.ids) }, change, { ip, userAgent });
  if (outcome.ok) revalidatePath(`/${ctx.tenant.slug}/customers`);
  return answer(formData, outcome, "customers");
});

/** "Undo" right after a bulk move to the trash (Admins, as restoring from the trash). */
export const undoBulkTrashAction = memberAction(
  z.object({ trashedAt: z.iso.datetime({ error: "generic" }) }),
  "records.restore",
  async (input, ctx, { ip, userAgent }): Promise<FormState> => {
    const { restored } = await restoreBulkTrashedCustomers(ctx, new Date(input.trashedAt), { ip, userAgent });
    revalidatePath(`/${ctx.tenant.slug}/customers`);
    revalidatePath(`/${ctx.tenant.slug}/customers/trash`);
    return {
      status: "success",
      fieldErrors: {},
      message: "restored",
      values: {},
      result: { restored },
    };
  },
);

export const bulkOpportunitiesAction = memberAction(opportunitySchema, "records.write", async (input, ctx, { formData, ip, userAgent }): Promise<FormState> => {
  let change: OpportunityBulkChange;
  if (input.change === "owner") {
    if (!input.ownerId) return fieldError(formData, "ownerId", "opportunityOwnerInvalid");
    change = { kind: "owner", ownerId: input.ownerId };
  } else {
    if (!input.stageId) return fieldError(formData, "stageId", "opportunityStageRequired");
    change = {
      kind: "stage",
      stageId: input.stageId,
      lostReason: input.lostReason || null,
    };
  }
  let filters: OpportunityFilters | null = null;
  if (input.scope === "filters") {
    const { view: _view, sort: _sort, dir: _dir, cursor: _cursor, ...rest } = parseOpportunityListQuery(new URLSearchParams(input.filters ?? "")).query;
    filters = rest;
  }
  const outcome = await bulkUpdateOpportunities(ctx, filters ? { filters } : { ids: idsOf(input.ids) }, change, { ip, userAgent });
  if (outcome.ok) revalidatePath(`/${ctx.tenant.slug}/opportunities`);
  return answer(formData, outcome, "opportunities");
});
