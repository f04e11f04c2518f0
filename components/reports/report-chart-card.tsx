"use client";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { csvDocument } from "@/lib/csv/csv-writer";
import { formatMoney } from "@/lib/money";
import { buttonStyles } from "@/components/ui/button-styles";
import { csvValue, type Cell, type ChartSpec, type ColumnFormat, type ValueFormat } from "./chart-spec";
import { chartPng } from "./chart-png";
import { categoryTickLayout, shortenLabel } from "./category-ticks";
import { download } from "./download";

// One report: title, one-line explanation, the chart (Recharts, drawn in the browser), a data
// table behind a <details> toggle (the accessible alternative, and for copying), and CSV / PNG
// downloads. The CSV is written from the table's own rows; the PNG from the chart's SVG.
//
// Colours are concrete values picked per colour scheme (not CSS variables), so the SVG looks
// the same once serialised into a PNG, where no stylesheet applies.

const PALETTE = {
  light: {
    series: ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#0284c7", "#7c3aed", "#65a30d", "#64748b"],
    won: "#16a34a",
    lost: "#dc2626",
    text: "#334155",
    grid: "#e2e8f0",
    background: "#ffffff",
    tooltip: "#ffffff",
    title: "#0f172a",
  },
  dark: {
    series: ["#818cf8", "#2dd4bf", "#fbbf24", "#f472b6", "#38bdf8", "#a78bfa", "#a3e635", "#94a3b8"],
    won: "#4ade80",
    lost: "#f87171",
    text: "#cbd5e1",
    grid: "#334155",
    background: "#0f172a",
    tooltip: "#1e293b",
    title: "#f8fafc",
  },
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const darkQuery = () => window.matchMedia("(prefers-color-scheme: dark)");
function subscribeScheme(onChange: () => void) {
  const query = darkQuery();
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
function useDarkScheme(): boolean {
  return useSyncExternalStore(subscribeScheme, () => darkQuery().matches, () => false);
}

/** The element's width in pixels as it is laid out now (0 until it has been measured). */
function useElementWidth(ref: RefObject<HTMLElement | null>, mounted: boolean): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, mounted]);
  return width;
}

function useFormatters() {
  const locale = useLocale();
  const t = useTranslations("reports");
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale);
    const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
    // Under a bar too narrow for "Jan 2026": "Jan 26" (zh-CN "26年1月").
    const shortMonth = new Intl.DateTimeFormat(locale, { year: "2-digit", month: "short", timeZone: "UTC" });
    const weekTick = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
    const week = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    const day = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);
    const value = (cell: Cell, format: ValueFormat | ColumnFormat): string => {
      if (cell === null || cell === undefined || cell === "") return format.kind === "text" ? "—" : format.kind === "money" || format.kind === "count" ? "0" : "—";
      switch (format.kind) {
        case "money":
          return formatMoney(String(cell), format.currency, locale);
        case "count":
          return integer.format(Number(cell));
        case "percent":
          return percent.format(Number(cell) / 100);
        case "days":
          return t("daysValue", { days: oneDecimal.format(Number(cell)) });
        case "month":
          return ISO_DAY.test(String(cell)) ? month.format(day(String(cell))) : String(cell);
        case "week":
          return ISO_DAY.test(String(cell)) ? week.format(day(String(cell))) : String(cell);
        default:
          return String(cell);
      }
    };
    const axis = (cell: number, format: ValueFormat): string => {
      if (format.kind === "money") {
        return new Intl.NumberFormat(locale, { style: "currency", currency: format.currency, notation: "compact", maximumFractionDigits: 1 }).format(cell);
      }
      if (format.kind === "percent") return percent.format(cell / 100);
      return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(cell);
    };
    const category = (cell: string, format: "month" | "week" | "text", compact = false) =>
      format === "month" ? (compact ? shortMonth : month).format(day(cell)) : format === "week" ? weekTick.format(day(cell)) : cell;
    return { value, axis, category };
  }, [locale, t]);
}

/** `anchorId`: the section's id where one page shows a report twice (a home dashboard); the report's id otherwise. */
export function ReportChartCard({ spec, fileStem, anchorId }: { spec: ChartSpec; fileStem: string; anchorId?: string }) {
  const t = useTranslations("reports");
  const format = useFormatters();
  const dark = useDarkScheme();
  const colors = dark ? PALETTE.dark : PALETTE.light;
  const chartRef = useRef<HTMLDivElement>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const headingId = useId();
  // Won and lost keep their meaning in both themes; every other series takes the next palette colour.
  const colorOf = (index: number) => {
    const tone = spec.series[index]?.tone;
    return tone ? colors[tone] : colors.series[index % colors.series.length]!;
  };
  const seriesFormat = new Map(spec.series.map((series) => [series.key, series.format]));
  const hasRight = spec.series.some((series) => series.axis === "right");
  // A chart whose series come from the data (one per activity type, per currency) has none in a new
  // workspace; its empty axes still need a format, and the page must not fail for want of one.
  const leftFormat: ValueFormat = spec.series.find((series) => series.axis === "left")?.format ?? { kind: "count" };
  const rightFormat = spec.series.find((series) => series.axis === "right")?.format;
  const vertical = spec.layout === "vertical";
  const height = vertical ? Math.max(220, spec.points.length * 36 + 80) : 320;
  const chartWidth = useElementWidth(chartRef, !spec.empty);
  // Every bar gets its label (components/reports/category-ticks.ts): the plot's width is the chart's
  // less its margins and value axes (widths as set on the axes below).
  const plotWidth = chartWidth - 8 - (hasRight ? 8 : 16) - 64 - (hasRight ? 48 : 0);
  const categories = spec.points.map((point) => String(point[spec.category.key] ?? ""));
  const fullLabels = categories.map((value) => format.category(value, spec.category.format));
  const fitsFlat = categoryTickLayout(plotWidth, fullLabels).angle === 0;
  const compact = !fitsFlat && spec.category.format === "month";
  const tickLabels = compact ? categories.map((value) => format.category(value, "month", true)) : fullLabels;
  const ticks = categoryTickLayout(plotWidth, tickLabels);
  const tickLabelOf = new Map(categories.map((value, index) => [value, shortenLabel(tickLabels[index]!, ticks.maxChars)]));

  const downloadCsv = () => {
    const csv = csvDocument(
      spec.table.columns.map((column) => column.label),
      [...spec.table.rows, ...(spec.table.footer ? [spec.table.footer] : [])].map((row) => spec.table.columns.map((column) => csvValue(row[column.key] ?? null, column.format))),
    );
    download(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${fileStem}-${spec.id}.csv`);
  };
  const downloadPng = async () => {
    setExportError(null);
    try {
      const blob = await chartPng(chartRef.current!, spec.title, spec.series.map((series, index) => ({ label: series.label, color: colorOf(index) })), colors);
      download(blob, `${fileStem}-${spec.id}.png`);
    } catch {
      setExportError(t("pngFailed"));
    }
  };

  const tick = { fill: colors.text, fontSize: 12 };
  const categoryAxisProps = {
    dataKey: spec.category.key,
    tick,
    stroke: colors.grid,
    tickFormatter: (value: string) => format.category(String(value), spec.category.format),
  };

  return (
    <section aria-labelledby={headingId} id={anchorId ?? spec.id} data-testid={`report-${spec.id}`} className="scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold text-slate-900 dark:text-white">
            {spec.title}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{spec.explanation}</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <button type="button" onClick={downloadCsv} className={`${buttonStyles.secondary} ${buttonStyles.small}`} data-testid={`csv-${spec.id}`}>
            {t("exportCsv")}
            <span className="sr-only"> {spec.title}</span>
          </button>
          <button type="button" onClick={downloadPng} disabled={spec.empty} className={`${buttonStyles.secondary} ${buttonStyles.small}`} data-testid={`png-${spec.id}`}>
            {t("exportPng")}
            <span className="sr-only"> {spec.title}</span>
          </button>
        </div>
      </div>
      {exportError ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {exportError}
        </p>
      ) : null}

      {spec.empty ? (
        <p className="mt-6 rounded-lg bg-slate-50 px-4 py-8 text-center text-sm text-slate-600 dark:bg-slate-800/50 dark:text-slate-300" data-testid={`empty-${spec.id}`}>
          {t("noData")}
        </p>
      ) : (
        <div ref={chartRef} className="mt-4 w-full" role="figure" aria-label={t("chartLabel", { title: spec.title })} data-testid={`chart-${spec.id}`}>
          <ComposedChart
            responsive
            style={{ width: "100%", height }}
            data={spec.points}
            layout={vertical ? "vertical" : "horizontal"}
            margin={{ top: 8, right: hasRight ? 8 : 16, bottom: 8, left: 8 }}
          >
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={vertical} horizontal={!vertical} />
            {vertical ? (
              <>
                <XAxis type="number" tick={tick} stroke={colors.grid} tickFormatter={(value: number) => format.axis(value, leftFormat)} />
                <YAxis type="category" width={110} {...categoryAxisProps} />
              </>
            ) : (
              <>
                <XAxis
                  {...categoryAxisProps}
                  tickFormatter={(value: string) => tickLabelOf.get(String(value)) ?? format.category(String(value), spec.category.format)}
                  interval={ticks.interval}
                  minTickGap={0}
                  angle={ticks.angle}
                  textAnchor={ticks.angle ? "end" : "middle"}
                  height={ticks.height}
                />
                <YAxis yAxisId="left" tick={tick} stroke={colors.grid} width={64} tickFormatter={(value: number) => format.axis(value, leftFormat)} />
                {hasRight && rightFormat ? (
                  <YAxis yAxisId="right" orientation="right" tick={tick} stroke={colors.grid} width={48} tickFormatter={(value: number) => format.axis(value, rightFormat)} />
                ) : null}
              </>
            )}
            <Tooltip
              contentStyle={{ background: colors.tooltip, borderColor: colors.grid, color: colors.title, borderRadius: 8 }}
              labelStyle={{ color: colors.title, fontWeight: 600 }}
              cursor={{ fill: dark ? "rgba(148,163,184,0.12)" : "rgba(100,116,139,0.08)" }}
              labelFormatter={(label) => format.category(String(label), spec.category.format)}
              formatter={(value, _name, item) => {
                const seriesKey = String(item.dataKey);
                const valueFormat = seriesFormat.get(seriesKey) ?? { kind: "count" as const };
                return format.value(value === undefined ? null : (value as Cell), valueFormat);
              }}
            />
            <Legend wrapperStyle={{ color: colors.text, fontSize: 12, paddingTop: 8 }} />
            {spec.series.map((series, index) =>
              series.type === "bar" ? (
                <Bar
                  key={series.key}
                  dataKey={series.key}
                  name={series.label}
                  fill={colorOf(index)}
                  stackId={series.stack}
                  yAxisId={vertical ? undefined : series.axis}
                  isAnimationActive={false}
                  maxBarSize={48}
                />
              ) : (
                <Line
                  key={series.key}
                  dataKey={series.key}
                  name={series.label}
                  stroke={colorOf(index)}
                  strokeWidth={2}
                  dot={{ r: 3, fill: colorOf(index) }}
                  yAxisId={vertical ? undefined : series.axis}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ),
            )}
          </ComposedChart>
        </div>
      )}
      {spec.note ? <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid={`note-${spec.id}`}>{spec.note}</p> : null}

      <details className="mt-4" onToggle={(event) => setTableOpen(event.currentTarget.open)}>
        <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-md text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
          {t("showTable")}
        </summary>
        {tableOpen ? (
          <div className="mt-2 max-h-[28rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label={t("tableRegion", { title: spec.title })}>
            <table className="min-w-full text-left text-sm" data-testid={`table-${spec.id}`}>
              <caption className="sr-only">{spec.table.caption}</caption>
              <thead className="sticky top-0 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                <tr>
                  {spec.table.columns.map((column) => (
                    <th key={column.key} scope="col" className={`whitespace-nowrap px-3 py-2 font-semibold ${column.format.kind === "text" || column.format.kind === "month" || column.format.kind === "week" ? "" : "text-right"}`}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {spec.table.rows.map((row, rowIndex) => (
                  <TableLine key={rowIndex} row={row} spec={spec} format={format.value} />
                ))}
              </tbody>
              {spec.table.footer ? (
                <tfoot className="border-t-2 border-slate-200 font-semibold dark:border-slate-700">
                  <TableLine row={spec.table.footer} spec={spec} format={format.value} />
                </tfoot>
              ) : null}
            </table>
          </div>
        ) : null}
      </details>
    </section>
  );
}

function TableLine({ row, spec, format }: { row: Record<string, Cell>; spec: ChartSpec; format: (cell: Cell, format: ColumnFormat) => string }) {
  return (
    <tr>
      {spec.table.columns.map((column, index) => {
        const cell = row[column.key] ?? null;
        const text = format(cell, column.format);
        const numeric = !(column.format.kind === "text" || column.format.kind === "month" || column.format.kind === "week");
        const className = `whitespace-nowrap px-3 py-2 ${numeric ? "text-right tabular-nums" : ""}`;
        return index === 0 ? (
          <th key={column.key} scope="row" className={`${className} font-medium`} data-value={String(csvValue(cell, column.format))}>
            {text}
          </th>
        ) : (
          <td key={column.key} className={className} data-value={String(csvValue(cell, column.format))}>
            {text}
          </td>
        );
      })}
    </tr>
  );
}
