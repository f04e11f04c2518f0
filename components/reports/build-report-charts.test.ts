import { describe, expect, it } from "vitest";
import type { ReportsPageData } from "@/lib/dal/reports/load-reports-page";
import { buildReportCharts, REPORT_CARDS, reportCurrencies } from "./build-report-charts";

// Translations as "key{values}", so the test reads what each label was built from.
const t = (key: string, values?: Record<string, string | number>) => (values ? `${key}${JSON.stringify(values)}` : key);
// A source's label as the page gives it (the reader's language), so a code never reaches the legend.
const labels = { source: (code: string) => `label:${code}` };

const page = {
  filters: { preset: "custom", range: { from: "2026-01-01", toExclusive: "2026-03-01" }, ownerId: null, stageId: null, tag: null, currency: null },
  data: {
    pipeline: [
      { stageId: "s1", stageName: "Qualification", position: 1, currency: "USD", count: 2, amount: "1000.5" },
      { stageId: "s1", stageName: "Qualification", position: 1, currency: "JPY", count: 1, amount: "150000" },
      { stageId: "s2", stageName: "Proposal", position: 2, currency: null, count: 0, amount: "0" },
    ],
    funnel: [],
    forecast: [
      { month: "2026-01-01", currency: "USD", count: 1, amount: "100", weighted: "10" },
      { month: "2026-02-01", currency: null, count: 0, amount: "0", weighted: "0" },
      { month: null, currency: "USD", count: 3, amount: "900", weighted: "450" },
      { month: null, currency: "JPY", count: 1, amount: "5000", weighted: "2500" },
    ],
    wonLost: [
      { month: "2026-01-01", currency: "USD", won: 1, lost: 0, wonAmount: "200", lostAmount: "0" },
      { month: "2026-01-01", currency: "KWD", won: 1, lost: 2, wonAmount: "1.5", lostAmount: "3" },
      { month: "2026-02-01", currency: null, won: 0, lost: 0, wonAmount: "0", lostAmount: "0" },
    ],
    winRate: [],
    daysWon: [{ month: "2026-01-01", won: 0, averageDays: null }, { month: "2026-02-01", won: 0, averageDays: null }, { month: null, won: 0, averageDays: null }],
    activities: [],
    newCustomers: [
      { month: "2026-01-01", source: "", count: 2 },
      { month: "2026-01-01", source: "Web", count: 1 },
      { month: "2026-02-01", source: null, count: 0 },
    ],
  },
} as unknown as ReportsPageData;

describe("buildReportCharts", () => {
  const charts = Object.fromEntries(buildReportCharts(page.data, "USD", t, "Jan–Feb", labels).map((chart) => [chart.id, chart]));

  it("shows one currency in the money charts and never adds another to it", () => {
    expect(charts.pipeline!.table.rows).toEqual([
      { stage: "Qualification", count: 2, amount: "1000.5" },
      { stage: "Proposal", count: 0, amount: "0" },
    ]);
    expect(charts.pipeline!.note).toBe('otherCurrencies{"list":"JPY"}');
    expect(charts["won-lost"]!.table.rows).toEqual([
      // Counts are counts of deals, whatever their currency; the value is USD only.
      { month: "2026-01-01", won: 2, lost: 2, wonAmount: "200" },
      { month: "2026-02-01", won: 0, lost: 0, wonAmount: "0" },
    ]);
    expect(charts["won-lost"]!.table.footer).toEqual({ month: "columns.total", won: 2, lost: 2, wonAmount: "200" });
  });

  it("gives won and lost the colours that mean won and lost, not the palette's next two", () => {
    expect(charts["won-lost"]!.series.map((series) => [series.key, series.tone])).toEqual([["won", "won"], ["lost", "lost"]]);
  });

  it("keeps empty months and says how many deals had no expected close date", () => {
    expect(charts.forecast!.table.rows.map((row) => row.month)).toEqual(["2026-01-01", "2026-02-01"]);
    expect(charts.forecast!.note).toContain('charts.forecast.undated{"count":3,"currency":"USD"}');
    expect(charts.forecast!.note).toContain('otherCurrencies{"list":"JPY"}');
  });

  it("marks a chart with nothing in it as empty rather than drawing zeros", () => {
    expect(charts["days-to-won"]!.empty).toBe(true);
    expect(charts["win-rate"]!.empty).toBe(true);
    expect(charts.pipeline!.empty).toBe(false);
  });

  it("names each source by its label, and the customers without one", () => {
    expect(charts["new-customers"]!.series.map((series) => series.label)).toEqual(["noSource", "label:Web"]);
    expect(charts["new-customers"]!.table.rows[0]).toEqual({ month: "2026-01-01", s0: 2, s1: 1, total: 3 });
  });

  it("offers every currency found, the default included", () => {
    expect(reportCurrencies(page, "EUR")).toEqual(["EUR", "JPY", "KWD", "USD"]);
  });

  // The page streams each card as its own query answers (app/[tenant]/(app)/reports/page.tsx).
  it("lists the page's cards in the order the whole build draws them, each from the query it names", () => {
    expect(REPORT_CARDS.map((card) => card.id)).toEqual(Object.keys(charts));
    for (const card of REPORT_CARDS) {
      const alone = buildReportCharts({ [card.source]: page.data[card.source] }, "USD", t, "Jan–Feb", labels);
      expect(alone.map((chart) => chart.id)).toContain(card.id);
      expect(alone.find((chart) => chart.id === card.id)).toEqual(charts[card.id]);
      expect(alone.find((chart) => chart.id === card.id)!.title).toBe(card.title);
      expect(alone.find((chart) => chart.id === card.id)!.layout).toBe(card.layout);
    }
  });

  it("builds nothing for a query that has not answered", () => {
    expect(buildReportCharts({}, "USD", t, "Jan–Feb", labels)).toEqual([]);
    expect(buildReportCharts({ activities: [] }, "USD", t, "Jan–Feb", labels).map((chart) => chart.id)).toEqual(["activities-week", "activities-owner"]);
  });
});
