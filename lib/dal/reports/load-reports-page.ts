import "server-only";
import type { MemberContext } from "../context";
import { forecastRange, parseReportFilters, todayIn, type SearchParamsLike } from "./report-filters";
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
 * Everything the Reports page shows, as the page loads it: the filter options, the URL's filters
 * checked against them, then every report's query at once. The benchmark times this very function.
 */
export async function loadReportsPage(ctx: MemberContext, searchParams: SearchParamsLike, timeZone: string, now = new Date()) {
  const req = await prepareReports(ctx, timeZone);
  const today = todayIn(req.timeZone, now);
  const options = await reportFilterOptions(req);
  const { filters, input, errors } = parseReportFilters(searchParams, {
    today,
    ownerIds: new Set(options.owners.map((owner) => owner.id)),
    stageIds: new Set(options.stages.map((stage) => stage.id)),
  });
  const forecastPeriod = forecastRange(filters, today);
  const [pipeline, funnel, forecast, wonLost, winRate, daysWon, activities, newCustomers] = await Promise.all([
    pipelineByStage(req, filters),
    stageFunnel(req, filters),
    weightedForecast(req, filters, forecastPeriod),
    wonLostByMonth(req, filters),
    winRateByOwner(req, filters),
    daysToWon(req, filters),
    activitiesByWeek(req, filters),
    newCustomersByMonth(req, filters),
  ]);
  return {
    timeZone: req.timeZone,
    today,
    options,
    filters,
    input,
    errors,
    forecastPeriod,
    data: { pipeline, funnel, forecast, wonLost, winRate, daysWon, activities, newCustomers },
  };
}

export type ReportsPageData = Awaited<ReturnType<typeof loadReportsPage>>;
