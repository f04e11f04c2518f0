import "server-only";
import type { MemberContext } from "../context";
import { forecastRange, presetRange, todayIn, type DateRange, type ReportFilters } from "@/lib/reports/report-filters";
import type { DashboardCard, DashboardReport } from "@/lib/reports/dashboard-cards";
import { prepareReports, type ReportRequest } from "./report-request";
import { reportFilterOptions } from "./report-options";
import { pipelineByStage } from "./pipeline-by-stage";
import { stageFunnel } from "./stage-funnel";
import { weightedForecast } from "./weighted-forecast";
import { wonLostByMonth } from "./won-lost-by-month";
import { winRateByOwner } from "./win-rate-by-owner";
import { daysToWon } from "./days-to-won";
import { activitiesByWeek } from "./activities-by-week";
import { newCustomersByMonth } from "./new-customers-by-month";
import type { ReportsPageData } from "./load-reports-page";

type ReportData = ReportsPageData["data"];

/** The one query a card draws from, keyed as the Reports page keys it (buildReportCharts reads this shape). */
function queryFor(report: DashboardReport, req: ReportRequest, filters: ReportFilters, forecastPeriod: DateRange): Promise<Partial<ReportData>> {
  switch (report) {
    case "pipeline":
      return pipelineByStage(req, filters).then((pipeline) => ({ pipeline }));
    case "funnel":
      return stageFunnel(req, filters).then((funnel) => ({ funnel }));
    case "forecast":
      return weightedForecast(req, filters, forecastPeriod).then((forecast) => ({ forecast }));
    case "won-lost":
      return wonLostByMonth(req, filters).then((wonLost) => ({ wonLost }));
    case "win-rate":
      return winRateByOwner(req, filters).then((winRate) => ({ winRate }));
    case "days-to-won":
      return daysToWon(req, filters).then((daysWon) => ({ daysWon }));
    case "activities-week":
    case "activities-owner":
      return activitiesByWeek(req, filters).then((activities) => ({ activities }));
    case "new-customers":
      return newCustomersByMonth(req, filters).then((newCustomers) => ({ newCustomers }));
  }
}

/**
 * A dashboard's cards with their queries started at once but not awaited, like the Reports page
 * (load-reports-page.ts): each card streams in as its query answers. The same permission, record
 * scope and SQL as the Reports page; an owner filter naming someone this member can't report on
 * (a published dashboard seen by a Sales rep) is dropped, as a bad owner in the Reports URL is.
 */
export async function startDashboardCards(ctx: MemberContext, cards: readonly DashboardCard[], timeZone: string, now = new Date()) {
  const req = await prepareReports(ctx, timeZone);
  const today = todayIn(req.timeZone, now);
  const options = await reportFilterOptions(req);
  const ownerIds = new Set(options.owners.map((owner) => owner.id));
  const started = cards.map((card) => {
    const filters: ReportFilters = {
      preset: card.range,
      range: presetRange(card.range, today),
      ownerId: card.ownerId && ownerIds.has(card.ownerId) ? card.ownerId : null,
      stageId: null,
      tag: null,
      currency: null,
    };
    const forecastPeriod = forecastRange(filters, today);
    const data = queryFor(card.report, req, filters, forecastPeriod);
    // Awaited later by the card's own boundary; a failure before then must not end the process.
    data.catch(() => undefined);
    return { card, filters, forecastPeriod, data };
  });
  return { options, today, cards: started };
}

export type DashboardCardsStart = Awaited<ReturnType<typeof startDashboardCards>>;
