// What a report card draws, as plain serialisable data handed from the server page to the client
// chart: the chart's series (numbers), and the data table (exact values: amounts stay decimal
// strings). The CSV download is written from the table rows, so it holds the table's numbers.
import { currencyDecimals } from "@/lib/money";

export type ValueFormat = { kind: "money"; currency: string } | { kind: "count" } | { kind: "percent" } | { kind: "days" };
export type ColumnFormat = ValueFormat | { kind: "text" } | { kind: "month" } | { kind: "week" };

export type SeriesSpec = {
  key: string;
  label: string;
  type: "bar" | "line";
  axis: "left" | "right";
  stack?: string;
  format: ValueFormat;
  /** A colour that means something (won green, lost red) instead of the next one in the palette. */
  tone?: "won" | "lost";
};

export type ColumnSpec = { key: string; label: string; format: ColumnFormat };
export type Cell = string | number | null;
export type TableRow = Record<string, Cell>;

export type ChartSpec = {
  id: string;
  title: string;
  explanation: string;
  /** A line under the chart, e.g. how many deals had no expected close date. */
  note?: string;
  /** The x axis (or the y axis of a horizontal-bars chart). */
  category: { key: string; format: "month" | "week" | "text" };
  /** "vertical" draws horizontal bars, one per category (owners, stages). */
  layout: "horizontal" | "vertical";
  series: SeriesSpec[];
  points: Record<string, string | number | null>[];
  table: { caption: string; columns: ColumnSpec[]; rows: TableRow[]; footer?: TableRow };
  /** No data at all in the period: the card says so instead of drawing empty axes. */
  empty: boolean;
};

/** A decimal string with exactly the currency's decimals, without going through a float ("1234.5" USD → "1234.50"). */
export function fixedAmount(value: string, currency: string): string {
  const decimals = currencyDecimals(currency);
  const negative = value.startsWith("-");
  const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  if (fraction.length <= decimals) {
    const padded = decimals ? `${integer}.${fraction.padEnd(decimals, "0")}` : integer;
    return `${negative ? "-" : ""}${padded}`;
  }
  // More digits than the currency has (e.g. a weighted forecast): round half up on the digits.
  const digits = BigInt(integer + fraction.slice(0, decimals)) + (Number(fraction[decimals]) >= 5 ? BigInt(1) : BigInt(0));
  const text = digits.toString().padStart(decimals + 1, "0");
  const rounded = decimals ? `${text.slice(0, -decimals)}.${text.slice(-decimals)}` : text;
  return `${negative && /[1-9]/.test(rounded) ? "-" : ""}${rounded}`;
}

/** A cell as it goes into the CSV: plain numbers (no grouping, no symbol), ISO dates. */
export function csvValue(cell: Cell, format: ColumnFormat): string | number {
  if (cell === null || cell === undefined) return "";
  switch (format.kind) {
    case "money":
      return fixedAmount(String(cell), format.currency);
    case "month":
      // A footer's label ("Total") sits in the month column too.
      return /^\d{4}-\d{2}-\d{2}$/.test(String(cell)) ? String(cell).slice(0, 7) : String(cell);
    case "count":
    case "percent":
    case "days":
      return typeof cell === "number" ? cell : Number(cell);
    default:
      return String(cell);
  }
}
