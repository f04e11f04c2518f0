"use server";
import { revalidatePath } from "next/cache";
import { memberAction } from "@/lib/actions/member-action";
import { changeOwnDashboard, publishDashboard, showDashboard, unpublishDashboard, type OwnDashboardChange } from "@/lib/dal/dashboards/home-dashboard";
import { formError, type FormState } from "@/lib/forms/form-state";
import type { MemberContext } from "@/lib/auth/current-member";
import {
  addDashboardCardSchema,
  dashboardCardFiltersSchema,
  dashboardCardSchema,
  moveDashboardCardSchema,
  publishDashboardSchema,
  showDashboardSchema,
  unpublishDashboardSchema,
} from "@/lib/validation/dashboard";

// The home dashboard's forms: each changes the member's own dashboard (or, for Owners and Admins,
// the published ones) and the home page is drawn again with the result.

const done = (ctx: MemberContext, message?: string): FormState => {
  revalidatePath(`/${ctx.tenant.slug}`);
  return { status: "success", fieldErrors: {}, values: {}, message };
};

async function change(ctx: MemberContext, formData: FormData, request: OwnDashboardChange): Promise<FormState> {
  const result = await changeOwnDashboard(ctx, request);
  return "error" in result ? formError(formData, result.error) : done(ctx);
}

export const addDashboardCardAction = memberAction(addDashboardCardSchema, "reports.view", async (input, ctx, { formData }) =>
  change(ctx, formData, { op: "add", report: input.report }),
);

export const removeDashboardCardAction = memberAction(dashboardCardSchema, "reports.view", async (input, ctx, { formData }) =>
  change(ctx, formData, { op: "remove", cardId: input.cardId }),
);

export const moveDashboardCardAction = memberAction(moveDashboardCardSchema, "reports.view", async (input, ctx, { formData }) =>
  change(ctx, formData, { op: "move", cardId: input.cardId, direction: input.direction }),
);

export const dashboardCardFiltersAction = memberAction(dashboardCardFiltersSchema, "reports.view", async (input, ctx, { formData }) =>
  change(ctx, formData, { op: "filters", cardId: input.cardId, range: input.range, ownerId: input.owner }),
);

export const showDashboardAction = memberAction(showDashboardSchema, "reports.view", async (input, ctx, { formData }) => {
  const result = await showDashboard(ctx, input.dashboard);
  return "error" in result ? formError(formData, result.error) : done(ctx);
});

export const publishDashboardAction = memberAction(publishDashboardSchema, "workspace.manageSettings", async (input, ctx, meta) => {
  await publishDashboard(ctx, input.name, input.audience, meta);
  return done(ctx, "published");
});

export const unpublishDashboardAction = memberAction(unpublishDashboardSchema, "workspace.manageSettings", async (input, ctx, meta) => {
  const result = await unpublishDashboard(ctx, input.dashboard, meta);
  return "error" in result ? formError(meta.formData, result.error) : done(ctx);
});
