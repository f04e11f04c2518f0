import { describe, expect, it } from "vitest";
import type { ReportsPageData } from "@/lib/dal/reports/load-reports-page";
import { buildReportCharts, reportCurrencies } from "./build-report-charts";

// Translations as "key{values}", so the test reads what each label was built from.
const t = (key: string, values?: Record<string, string | number>) => (values ? `${key}${JSON.stringify(values)}` : key);

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
  const charts = Object.fromEntries(buildReportCharts(page, "USD", t, "Jan–Feb").map((chart) => [chart.id, chart]));

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

  it("names the customers without a source", () => {
    expect(charts["new-customers"]!.series.map((series) => series.label)).toEqual(["noSource", "Web"]);
    expect(charts["new-customers"]!.table.rows[0]).toEqual({ month: "2026-01-01", s0: 2, s1: 1, total: 3 });
  });

  it("offers every currency found, the default included", () => {
    expect(reportCurrencies(page, "EUR")).toEqual(["EUR", "JPY", "KWD", "USD"]);
  });
});
