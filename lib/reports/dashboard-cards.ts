import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { RANGE_PRESETS, type RangePreset } from "./report-filters";

// The cards a home dashboard shows, in order, each with its own filters. Pure rules shared by the
// DAL (which stores them) and the page (which draws them with the Reports page's code). Stored as
// JSON: whatever is read back is checked again here, and a card that no longer makes sense (a
// report since removed) is dropped rather than failing the home page.

/** The Reports page's cards (components/reports/build-report-charts.ts REPORT_CARDS), by id. */
export const DASHBOARD_REPORTS = ["pipeline", "funnel", "forecast", "won-lost", "win-rate", "days-to-won", "activities-week", "activities-owner", "new-customers"] as const;
export type DashboardReport = (typeof DASHBOARD_REPORTS)[number];

/** A dashboard's ranges: the Reports page's presets; a custom range would stop moving with the calendar. */
export const DASHBOARD_RANGES = RANGE_PRESETS.filter((preset): preset is Exclude<RangePreset, "custom"> => preset !== "custom");
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

export const MAX_DASHBOARD_CARDS = 12;

/** Who a published dashboard is for: everyone in the workspace, or one role. */
export const DASHBOARD_AUDIENCES = ["WORKSPACE", ...ROLES] as const;
export type DashboardAudience = (typeof DASHBOARD_AUDIENCES)[number];

const CARD_ID = /^[a-z0-9]{6,24}$/;
const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const dashboardCardSchema = z.object({
  id: z.string().regex(CARD_ID),
  report: z.enum(DASHBOARD_REPORTS),
  range: z.enum(DASHBOARD_RANGES),
  ownerId: z.string().regex(MEMBER_ID).nullable(),
});
export type DashboardCard = z.infer<typeof dashboardCardSchema>;

/** What a member sees before choosing anything: the four cards the home's figures come from. */
export function defaultDashboardCards(): DashboardCard[] {
  return (["pipeline", "won-lost", "forecast", "activities-week"] as const).map((report, index) => ({ id: `default${index}`, report, range: "last-12-months", ownerId: null }));
}

/** The stored cards, those that still check out, at most MAX_DASHBOARD_CARDS, ids unique. */
export function readDashboardCards(stored: unknown): DashboardCard[] {
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const cards: DashboardCard[] = [];
  for (const item of stored) {
    const parsed = dashboardCardSchema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    cards.push(parsed.data);
    if (cards.length === MAX_DASHBOARD_CARDS) break;
  }
  return cards;
}

/** One change to a member's own dashboard, as the home page's forms send it. */
export type DashboardChange =
  | { op: "add"; report: DashboardReport; id: string }
  | { op: "remove"; cardId: string }
  | { op: "move"; cardId: string; direction: "up" | "down" }
  | { op: "filters"; cardId: string; range: DashboardRange; ownerId: string | null };

export type DashboardChangeError = "dashboardFull" | "dashboardCardGone";

/** The cards after the change, or why it can't be made (the cards unchanged). */
export function applyDashboardChange(cards: readonly DashboardCard[], change: DashboardChange): { cards: DashboardCard[] } | { error: DashboardChangeError } {
  if (change.op === "add") {
    if (cards.length >= MAX_DASHBOARD_CARDS) return { error: "dashboardFull" };
    return { cards: [...cards, { id: change.id, report: change.report, range: "last-12-months", ownerId: null }] };
  }
  const index = cards.findIndex((card) => card.id === change.cardId);
  if (index === -1) return { error: "dashboardCardGone" };
  const next = [...cards];
  switch (change.op) {
    case "remove":
      next.splice(index, 1);
      return { cards: next };
    case "move": {
      const target = change.direction === "up" ? index - 1 : index + 1;
      // At either end the move does nothing, as the disabled button says.
      if (target < 0 || target >= next.length) return { cards: next };
      [next[index], next[target]] = [next[target]!, next[index]!];
      return { cards: next };
    }
    case "filters":
      next[index] = { ...next[index]!, range: change.range, ownerId: change.ownerId };
      return { cards: next };
  }
}
