import { z } from "zod";
import { DASHBOARD_AUDIENCES, DASHBOARD_RANGES, DASHBOARD_REPORTS } from "@/lib/reports/dashboard-cards";

// The home dashboard's forms (app/[tenant]/(app)/dashboard-actions.ts). Messages are keys under "errors.".

const cardId = z.string({ error: "dashboardCardGone" }).regex(/^[a-z0-9]{6,24}$/, { error: "dashboardCardGone" });
const dashboardId = z.string({ error: "dashboardNotFound" }).trim().min(1, { error: "dashboardNotFound" }).max(64, { error: "dashboardNotFound" });

export const addDashboardCardSchema = z.object({ report: z.enum(DASHBOARD_REPORTS, { error: "dashboardReportUnknown" }) });
export const dashboardCardSchema = z.object({ cardId });
export const moveDashboardCardSchema = z.object({ cardId, direction: z.enum(["up", "down"], { error: "badRequest" }) });
export const dashboardCardFiltersSchema = z.object({
  cardId,
  range: z.enum(DASHBOARD_RANGES, { error: "dashboardRangeUnknown" }),
  // "" = everyone; an id the member can't report on is refused by the action.
  owner: z
    .string()
    .trim()
    .max(64, { error: "dashboardOwnerUnknown" })
    .optional()
    .transform((value) => (value ? value : null)),
});
export const showDashboardSchema = z.object({
  // "" = the member's own dashboard.
  dashboard: z
    .string()
    .trim()
    .max(64, { error: "dashboardNotFound" })
    .optional()
    .transform((value) => (value ? value : null)),
});
export const publishDashboardSchema = z.object({
  name: z.string({ error: "dashboardNameRequired" }).trim().min(1, { error: "dashboardNameRequired" }).max(60, { error: "dashboardNameTooLong" }),
  audience: z.enum(DASHBOARD_AUDIENCES, { error: "dashboardAudienceUnknown" }),
});
export const unpublishDashboardSchema = z.object({ dashboard: dashboardId });
