import "server-only";
import type { MemberContext } from "../context";
import { forecastRange, parseReportFilters, todayIn, type SearchParamsLike } from "@/lib/reports/report-filters";
import { prepareReports } from "./report-request";
import { reportFilterOptions } from "./report-options";
import { pipelineByStage } from "./pipeline-by-stage";
import { stageFunnel } from "./stage-funnel";
import { weightedForecast } from "./weighted-forecast";
import { wonLostByMonth } from "./won-lost-by-month";
import { winRateByOwner } from "./win-rate-by-owner";
import { daysToWon } from "./days-to-won";
import { activitiesByWeek } from "./activities-by-week";
import { newCustomersByMonth } from "./new-customers-by-month";

/**
 * The Reports page's filters (the filter options, the URL's filters checked against them), and
 * every report's query started at once but not awaited: the page sends its shell with the
 * filters, then each chart as its own query finishes (a Suspense boundary per card).
 */
export async function startReportsPage(ctx: MemberContext, searchParams: SearchParamsLike, timeZone: string, now = new Date()) {
  const req = await prepareReports(ctx, timeZone);
  const today = todayIn(req.timeZone, now);
  const options = await reportFilterOptions(req);
  const { filters, input, errors } = parseReportFilters(searchParams, {
    today,
    ownerIds: new Set(options.owners.map((owner) => owner.id)),
    stageIds: new Set(options.stages.map((stage) => stage.id)),
  });
  const forecastPeriod = forecastRange(filters, today);
  const data = {
    pipeline: pipelineByStage(req, filters),
    funnel: stageFunnel(req, filters),
    forecast: weightedForecast(req, filters, forecastPeriod),
    wonLost: wonLostByMonth(req, filters),
    winRate: winRateByOwner(req, filters),
    daysWon: daysToWon(req, filters),
    activities: activitiesByWeek(req, filters),
    newCustomers: newCustomersByMonth(req, filters),
  };
  // Each query is awaited later by its own card; one that fails before its card asks must not
  // count as an unhandled rejection (which would end the process). The card still sees the error.
  for (const query of Object.values(data)) query.catch(() => undefined);
  return { timeZone: req.timeZone, today, options, filters, input, errors, forecastPeriod, data };
}

export type ReportsPageStart = Awaited<ReturnType<typeof startReportsPage>>;

/** Everything the Reports page shows, every query awaited: what the whole page waits for. The benchmark times this very function. */
export async function loadReportsPage(ctx: MemberContext, searchParams: SearchParamsLike, timeZone: string, now = new Date()) {
  const { data, ...page } = await startReportsPage(ctx, searchParams, timeZone, now);
  const [pipeline, funnel, forecast, wonLost, winRate, daysWon, activities, newCustomers] = await Promise.all([
    data.pipeline,
    data.funnel,
    data.forecast,
    data.wonLost,
    data.winRate,
    data.daysWon,
    data.activities,
    data.newCustomers,
  ]);
  return { ...page, data: { pipeline, funnel, forecast, wonLost, winRate, daysWon, activities, newCustomers } };
}

export type ReportsPageData = Awaited<ReturnType<typeof loadReportsPage>>;
