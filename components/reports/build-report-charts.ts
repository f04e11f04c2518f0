// Turns the report queries' rows into what each card draws and tabulates (components/reports/
// chart-spec.ts). Pure: no database, no React. Money charts show one currency (the picker's);
// amounts of different currencies are never added together.
import { addAmounts } from "@/lib/money";
import type { ReportsPageData } from "@/lib/dal/reports/load-reports-page";
import type { ChartSpec, TableRow } from "./chart-spec";

// The page passes getTranslations("reports"); a key without an English message fails tsc.
import type { MessageKey } from "@/lib/i18n/message-keys";

export type ReportTranslate = (key: MessageKey<"reports">, values?: Record<string, string | number>) => string;

const ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "NOTE"] as const;
const MAX_SOURCES = 6;
const MAX_OWNERS_DRAWN = 20;

function otherCurrencies(rows: { currency: string | null; count?: number }[], selected: string): string[] {
  return [...new Set(rows.filter((row) => row.currency && row.currency !== selected && (row.count ?? 1) > 0).map((row) => row.currency!))].sort();
}

function currencyNote(t: ReportTranslate, others: string[]): string | undefined {
  return others.length ? t("otherCurrencies", { list: others.join(", ") }) : undefined;
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const present = notes.filter(Boolean);
  return present.length ? present.join(" ") : undefined;
}

type ReportData = ReportsPageData["data"];

/**
 * The Reports page's cards in order: the query each draws from, its title, and whether its bars
 * run across (the skeleton shown while the query runs takes the card's height from this).
 */
export const REPORT_CARDS = [
  { id: "pipeline", source: "pipeline", title: "charts.pipeline.title", layout: "horizontal" },
  { id: "funnel", source: "funnel", title: "charts.funnel.title", layout: "horizontal" },
  { id: "forecast", source: "forecast", title: "charts.forecast.title", layout: "horizontal" },
  { id: "won-lost", source: "wonLost", title: "charts.wonLost.title", layout: "horizontal" },
  { id: "win-rate", source: "winRate", title: "charts.winRate.title", layout: "vertical" },
  { id: "days-to-won", source: "daysWon", title: "charts.daysToWon.title", layout: "horizontal" },
  { id: "activities-week", source: "activities", title: "charts.activitiesWeek.title", layout: "horizontal" },
  { id: "activities-owner", source: "activities", title: "charts.activitiesOwner.title", layout: "vertical" },
  { id: "new-customers", source: "newCustomers", title: "charts.newCustomers.title", layout: "horizontal" },
] as const satisfies readonly { id: string; source: keyof ReportData; title: string; layout: ChartSpec["layout"] }[];

/** The cards of the reports whose rows `data` holds (all of them, or the one a streamed card has), in the page's order. */
/** Stored values that have labels of their own (a customer's source), in the reader's language. */
export type ReportLabels = { source: (code: string) => string };

export function buildReportCharts(data: Partial<ReportData>, currency: string, t: ReportTranslate, forecastPeriod: string, labels: ReportLabels): ChartSpec[] {
  const { pipeline, funnel, forecast, wonLost, winRate, daysWon, activities, newCustomers } = data;
  const money = { kind: "money" as const, currency };
  const count = { kind: "count" as const };
  const charts: ChartSpec[] = [];

  // --- Pipeline value by stage ---
  if (pipeline) {
    const stages = new Map<string, { name: string; count: number; amount: string }>();
    for (const row of pipeline) {
      const stage = stages.get(row.stageId) ?? { name: row.stageName, count: 0, amount: "0" };
      if (row.currency === currency) {
        stage.count += row.count;
        stage.amount = addAmounts([stage.amount, row.amount]);
      }
      stages.set(row.stageId, stage);
    }
    const rows: TableRow[] = [...stages.values()].map((stage) => ({ stage: stage.name, count: stage.count, amount: stage.amount }));
    charts.push({
      id: "pipeline",
      title: t("charts.pipeline.title"),
      explanation: t("charts.pipeline.explanation", { currency }),
      note: currencyNote(t, otherCurrencies(pipeline, currency)),
      category: { key: "stage", format: "text" },
      layout: "horizontal",
      series: [
        { key: "amount", label: t("columns.value"), type: "bar", axis: "left", format: money },
        { key: "count", label: t("columns.openDeals"), type: "line", axis: "right", format: count },
      ],
      points: rows.map((row) => ({ stage: row.stage, amount: Number(row.amount), count: row.count })),
      table: {
        caption: t("charts.pipeline.title"),
        columns: [
          { key: "stage", label: t("columns.stage"), format: { kind: "text" } },
          { key: "count", label: t("columns.openDeals"), format: count },
          { key: "amount", label: t("columns.valueIn", { currency }), format: money },
        ],
        rows,
        footer: { stage: t("columns.total"), count: rows.reduce((n, row) => n + Number(row.count), 0), amount: addAmounts(rows.map((row) => String(row.amount))) },
      },
      empty: !pipeline.some((row) => row.count > 0),
    });
  }

  // --- Conversion funnel ---
  if (funnel) {
    charts.push({
      id: "funnel",
      title: t("charts.funnel.title"),
      explanation: t("charts.funnel.explanation"),
      category: { key: "stage", format: "text" },
      layout: "horizontal",
      series: [
        { key: "reached", label: t("columns.reached"), type: "bar", axis: "left", format: count },
        { key: "conversion", label: t("columns.conversion"), type: "line", axis: "right", format: { kind: "percent" } },
      ],
      points: funnel.map((row) => ({ stage: row.stageName, reached: row.reached, conversion: row.conversion })),
      table: {
        caption: t("charts.funnel.title"),
        columns: [
          { key: "stage", label: t("columns.stage"), format: { kind: "text" } },
          { key: "reached", label: t("columns.reached"), format: count },
          { key: "conversion", label: t("columns.conversion"), format: { kind: "percent" } },
        ],
        rows: funnel.map((row) => ({ stage: row.stageName, reached: row.reached, conversion: row.conversion })),
      },
      empty: !funnel.some((row) => row.reached > 0),
    });
  }

  // --- Weighted forecast ---
  if (forecast) {
    const months = new Map<string, { count: number; amount: string; weighted: string }>();
    let undated = 0;
    for (const row of forecast) {
      if (row.month === null) {
        if (row.currency === currency) undated += row.count;
        continue;
      }
      const month = months.get(row.month) ?? { count: 0, amount: "0", weighted: "0" };
      if (row.currency === currency) {
        month.count += row.count;
        month.amount = addAmounts([month.amount, row.amount]);
        month.weighted = addAmounts([month.weighted, row.weighted]);
      }
      months.set(row.month, month);
    }
    const rows: TableRow[] = [...months.entries()].map(([month, value]) => ({ month, ...value }));
    charts.push({
      id: "forecast",
      title: t("charts.forecast.title"),
      explanation: t("charts.forecast.explanation", { currency, period: forecastPeriod }),
      note: joinNotes(undated ? t("charts.forecast.undated", { count: undated, currency }) : undefined, currencyNote(t, otherCurrencies(forecast, currency))),
      category: { key: "month", format: "month" },
      layout: "horizontal",
      series: [
        { key: "amount", label: t("columns.value"), type: "bar", axis: "left", format: money },
        { key: "weighted", label: t("columns.weighted"), type: "bar", axis: "left", format: money },
      ],
      points: rows.map((row) => ({ month: row.month, amount: Number(row.amount), weighted: Number(row.weighted) })),
      table: {
        caption: t("charts.forecast.title"),
        columns: [
          { key: "month", label: t("columns.expectedMonth"), format: { kind: "month" } },
          { key: "count", label: t("columns.openDeals"), format: count },
          { key: "amount", label: t("columns.valueIn", { currency }), format: money },
          { key: "weighted", label: t("columns.weightedIn", { currency }), format: money },
        ],
        rows,
        footer: {
          month: t("columns.total"),
          count: rows.reduce((n, row) => n + Number(row.count), 0),
          amount: addAmounts(rows.map((row) => String(row.amount))),
          weighted: addAmounts(rows.map((row) => String(row.weighted))),
        },
      },
      empty: !forecast.some((row) => row.month !== null && row.count > 0),
    });
  }

  // --- Won vs lost per month ---
  if (wonLost) {
    const months = new Map<string, { won: number; lost: number; wonAmount: string }>();
    for (const row of wonLost) {
      const month = months.get(row.month) ?? { won: 0, lost: 0, wonAmount: "0" };
      month.won += row.won;
      month.lost += row.lost;
      if (row.currency === currency) month.wonAmount = addAmounts([month.wonAmount, row.wonAmount]);
      months.set(row.month, month);
    }
    const rows: TableRow[] = [...months.entries()].map(([month, value]) => ({ month, ...value }));
    charts.push({
      id: "won-lost",
      title: t("charts.wonLost.title"),
      explanation: t("charts.wonLost.explanation"),
      note: currencyNote(t, otherCurrencies(wonLost.map((row) => ({ currency: row.currency, count: row.won })), currency)),
      category: { key: "month", format: "month" },
      layout: "horizontal",
      series: [
        { key: "won", label: t("columns.won"), type: "bar", axis: "left", format: count, tone: "won" },
        { key: "lost", label: t("columns.lost"), type: "bar", axis: "left", format: count, tone: "lost" },
      ],
      points: rows.map((row) => ({ month: row.month, won: row.won, lost: row.lost })),
      table: {
        caption: t("charts.wonLost.title"),
        columns: [
          { key: "month", label: t("columns.month"), format: { kind: "month" } },
          { key: "won", label: t("columns.won"), format: count },
          { key: "lost", label: t("columns.lost"), format: count },
          { key: "wonAmount", label: t("columns.wonValueIn", { currency }), format: money },
        ],
        rows,
        footer: {
          month: t("columns.total"),
          won: rows.reduce((n, row) => n + Number(row.won), 0),
          lost: rows.reduce((n, row) => n + Number(row.lost), 0),
          wonAmount: addAmounts(rows.map((row) => String(row.wonAmount))),
        },
      },
      empty: !wonLost.some((row) => row.won + row.lost > 0),
    });
  }

  // --- Win rate by owner ---
  if (winRate) {
    charts.push({
      id: "win-rate",
      title: t("charts.winRate.title"),
      explanation: t("charts.winRate.explanation"),
      category: { key: "owner", format: "text" },
      layout: "vertical",
      series: [{ key: "winRate", label: t("columns.winRate"), type: "bar", axis: "left", format: { kind: "percent" } }],
      points: winRate.map((row) => ({ owner: row.ownerName, winRate: row.winRate })),
      table: {
        caption: t("charts.winRate.title"),
        columns: [
          { key: "owner", label: t("columns.owner"), format: { kind: "text" } },
          { key: "won", label: t("columns.won"), format: count },
          { key: "lost", label: t("columns.lost"), format: count },
          { key: "winRate", label: t("columns.winRate"), format: { kind: "percent" } },
        ],
        rows: winRate.map((row) => ({ owner: row.ownerName, won: row.won, lost: row.lost, winRate: row.winRate })),
      },
      empty: winRate.length === 0,
    });
  }

  // --- Days to won ---
  if (daysWon) {
    const overall = daysWon.find((row) => row.month === null);
    const rows: TableRow[] = daysWon.filter((row) => row.month !== null).map((row) => ({ month: row.month, won: row.won, averageDays: row.averageDays }));
    charts.push({
      id: "days-to-won",
      title: t("charts.daysToWon.title"),
      explanation: t("charts.daysToWon.explanation"),
      category: { key: "month", format: "month" },
      layout: "horizontal",
      series: [
        { key: "averageDays", label: t("columns.averageDays"), type: "line", axis: "left", format: { kind: "days" } },
        { key: "won", label: t("columns.wonDeals"), type: "bar", axis: "right", format: count },
      ],
      points: rows.map((row) => ({ month: row.month, averageDays: row.averageDays, won: row.won })),
      table: {
        caption: t("charts.daysToWon.title"),
        columns: [
          { key: "month", label: t("columns.monthWon"), format: { kind: "month" } },
          { key: "won", label: t("columns.wonDeals"), format: count },
          { key: "averageDays", label: t("columns.averageDays"), format: { kind: "days" } },
        ],
        rows,
        footer: { month: t("columns.overall"), won: overall?.won ?? 0, averageDays: overall?.averageDays ?? null },
      },
      empty: !overall || overall.won === 0,
    });
  }

  // --- Activities per week, by type; and per owner, by type ---
  if (activities) {
    const typeLabels = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, t(`activityTypes.${type}`)]));
    const weeks = new Map<string, Record<string, number>>();
    const byWeekOwner = new Map<string, TableRow>();
    const owners = new Map<string, TableRow & { total: number }>();
    for (const row of activities) {
      const week = weeks.get(row.week) ?? Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0]));
      weeks.set(row.week, week);
      if (!row.ownerId || !row.type) {
        byWeekOwner.set(`${row.week}|`, { week: row.week, owner: "", CALL: 0, EMAIL: 0, MEETING: 0, NOTE: 0, total: 0 });
        continue;
      }
      week[row.type] = (week[row.type] ?? 0) + row.count;
      const key = `${row.week}|${row.ownerId}`;
      const line = byWeekOwner.get(key) ?? { week: row.week, owner: row.ownerName ?? "", CALL: 0, EMAIL: 0, MEETING: 0, NOTE: 0, total: 0 };
      line[row.type] = Number(line[row.type]) + row.count;
      line.total = Number(line.total) + row.count;
      byWeekOwner.set(key, line);
      const owner = owners.get(row.ownerId) ?? { owner: row.ownerName ?? "", CALL: 0, EMAIL: 0, MEETING: 0, NOTE: 0, total: 0 };
      owner[row.type] = Number(owner[row.type]) + row.count;
      owner.total += row.count;
      owners.set(row.ownerId, owner);
    }
    const typeSeries = ACTIVITY_TYPES.map((type) => ({ key: type, label: typeLabels[type]!, type: "bar" as const, axis: "left" as const, stack: "types", format: count }));
    const typeColumns = ACTIVITY_TYPES.map((type) => ({ key: type, label: typeLabels[type]!, format: count }));
    const empty = !activities.some((row) => row.count > 0);
    charts.push({
      id: "activities-week",
      title: t("charts.activitiesWeek.title"),
      explanation: t("charts.activitiesWeek.explanation"),
      category: { key: "week", format: "week" },
      layout: "horizontal",
      series: typeSeries,
      points: [...weeks.entries()].map(([week, counts]) => ({ week, ...counts })),
      table: {
        caption: t("charts.activitiesWeek.title"),
        columns: [
          { key: "week", label: t("columns.weekOf"), format: { kind: "week" } },
          { key: "owner", label: t("columns.owner"), format: { kind: "text" } },
          ...typeColumns,
          { key: "total", label: t("columns.total"), format: count },
        ],
        rows: [...byWeekOwner.values()],
      },
      empty,
    });
    const ownerRows = [...owners.values()].sort((a, b) => b.total - a.total || String(a.owner).localeCompare(String(b.owner)));
    charts.push({
      id: "activities-owner",
      title: t("charts.activitiesOwner.title"),
      explanation: t("charts.activitiesOwner.explanation"),
      note: ownerRows.length > MAX_OWNERS_DRAWN ? t("charts.activitiesOwner.topOnly", { shown: MAX_OWNERS_DRAWN, total: ownerRows.length }) : undefined,
      category: { key: "owner", format: "text" },
      layout: "vertical",
      series: typeSeries,
      points: ownerRows.slice(0, MAX_OWNERS_DRAWN).map((row) => ({ owner: row.owner, CALL: row.CALL!, EMAIL: row.EMAIL!, MEETING: row.MEETING!, NOTE: row.NOTE! })),
      table: {
        caption: t("charts.activitiesOwner.title"),
        columns: [{ key: "owner", label: t("columns.owner"), format: { kind: "text" } }, ...typeColumns, { key: "total", label: t("columns.total"), format: count }],
        rows: ownerRows,
      },
      empty,
    });
  }

  // --- New customers per month, by source ---
  if (newCustomers) {
    const totals = new Map<string, number>();
    for (const row of newCustomers) if (row.source !== null) totals.set(row.source, (totals.get(row.source) ?? 0) + row.count);
    const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([source]) => source);
    // Few enough series to tell apart by colour; the rest are grouped as "Other".
    const shown = ranked.length > MAX_SOURCES + 1 ? ranked.slice(0, MAX_SOURCES) : ranked;
    const keyOf = new Map(shown.map((source, index) => [source, `s${index}`]));
    const hasOther = ranked.length > shown.length;
    const sourceLabel = (source: string) => (source === "" ? t("noSource") : labels.source(source));
    const months = new Map<string, TableRow>();
    for (const row of newCustomers) {
      const month = months.get(row.month) ?? { month: row.month, ...Object.fromEntries([...keyOf.values(), ...(hasOther ? ["other"] : [])].map((key) => [key, 0])), total: 0 };
      months.set(row.month, month);
      if (row.source === null) continue;
      const key = keyOf.get(row.source) ?? "other";
      month[key] = Number(month[key]) + row.count;
      month.total = Number(month.total) + row.count;
    }
    const series = [
      ...shown.map((source) => ({ key: keyOf.get(source)!, label: sourceLabel(source), type: "bar" as const, axis: "left" as const, stack: "sources", format: count })),
      ...(hasOther ? [{ key: "other", label: t("otherSources"), type: "bar" as const, axis: "left" as const, stack: "sources", format: count }] : []),
    ];
    const rows = [...months.values()];
    charts.push({
      id: "new-customers",
      title: t("charts.newCustomers.title"),
      explanation: t("charts.newCustomers.explanation"),
      category: { key: "month", format: "month" },
      layout: "horizontal",
      series,
      points: rows.map((row) => ({ ...row })),
      table: {
        caption: t("charts.newCustomers.title"),
        columns: [
          { key: "month", label: t("columns.month"), format: { kind: "month" } },
          ...series.map((item) => ({ key: item.key, label: item.label, format: count })),
          { key: "total", label: t("columns.total"), format: count },
        ],
        rows,
      },
      empty: !newCustomers.some((row) => row.count > 0),
    });
  }

  return charts;
}

/** Every currency that appears in the money reports, for the currency picker. */
export function reportCurrencies(
  page: { filters: Pick<ReportsPageData["filters"], "currency">; data: Pick<ReportData, "pipeline" | "forecast" | "wonLost"> },
  defaultCurrency: string,
): string[] {
  const found = new Set<string>([defaultCurrency]);
  for (const row of [...page.data.pipeline, ...page.data.forecast, ...page.data.wonLost]) if (row.currency) found.add(row.currency);
  if (page.filters.currency) found.add(page.filters.currency);
  return [...found].sort();
}
