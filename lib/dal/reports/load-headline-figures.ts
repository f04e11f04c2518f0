import "server-only";
import type { MemberContext } from "../context";
import { todayIn } from "@/lib/reports/report-filters";
import { prepareReports } from "./report-request";
import { headlineFigures, type HeadlineMetric } from "./headline-figures";

export type HeadlineFigure = {
  metric: HeadlineMetric;
  count: number;
  /** Amount per currency (exact decimal strings), the workspace's default currency first. */
  amounts: { currency: string; amount: string }[];
};

/** The four figures for the workspace home, in the member's time zone and scope. */
export async function loadHeadlineFigures(ctx: MemberContext, timeZone: string, now = new Date()) {
  const req = await prepareReports(ctx, timeZone);
  const [rows, tenant] = await Promise.all([
    headlineFigures(req, todayIn(req.timeZone, now)),
    req.db.user.findFirst({ where: { id: req.userId }, select: { tenant: { select: { defaultCurrency: true } } } }),
  ]);
  const defaultCurrency = tenant?.tenant.defaultCurrency ?? "USD";
  const metrics: HeadlineMetric[] = ["openPipeline", "forecastQuarter", "wonMonth", "overdueTasks"];
  const figures: HeadlineFigure[] = metrics.map((metric) => {
    const mine = rows.filter((row) => row.metric === metric);
    const amounts = mine
      .filter((row) => row.currency)
      .map((row) => ({ currency: row.currency!, amount: row.amount }))
      .sort((a, b) => (a.currency === defaultCurrency ? -1 : b.currency === defaultCurrency ? 1 : a.currency.localeCompare(b.currency)));
    if (metric !== "overdueTasks" && !amounts.some((row) => row.currency === defaultCurrency)) amounts.unshift({ currency: defaultCurrency, amount: "0" });
    return { metric, count: mine.reduce((n, row) => n + row.count, 0), amounts };
  });
  return { defaultCurrency, figures };
}
