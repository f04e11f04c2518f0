import { z } from "zod";
import { isCurrency } from "@/lib/money";
import { localDateKey } from "@/lib/time/zoned-time";

// The Reports page's filters live in the URL (a GET form), so a view can be bookmarked and shared.
// Everything in the URL is untrusted: a value that is malformed, reversed, or names an owner or a
// stage this workspace doesn't have is reported (a translated message on the page) and dropped,
// and the page renders with the filters that remain. Nothing here throws.
//
// Dates are calendar days in the viewer's time zone ("YYYY-MM-DD"); the SQL turns them into
// instants with AT TIME ZONE, so "this month" means the reader's month, not UTC's.

export const RANGE_PRESETS = ["this-month", "this-quarter", "this-year", "last-12-months", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = "last-12-months";

/** Longest custom range: five years of weekly buckets is already 260 bars. */
export const MAX_RANGE_DAYS = 5 * 366;

export type DateRange = {
  /** First day, inclusive. */
  from: string;
  /** Day after the last day (exclusive end). */
  toExclusive: string;
};

export type ReportFilters = {
  preset: RangePreset;
  range: DateRange;
  ownerId: string | null;
  stageId: string | null;
  tag: string | null;
  /** The currency the money charts show; null = the workspace's default. */
  currency: string | null;
};

/** The fields as they go back into the form and into links. */
export type ReportFilterInput = { range: RangePreset; from: string; to: string; owner: string; stage: string; tag: string; currency: string };

export type ReportFilterError =
  | "unknownRange"
  | "invalidFrom"
  | "invalidTo"
  | "missingDates"
  | "reversedRange"
  | "rangeTooLong"
  | "unknownOwner"
  | "unknownStage"
  | "invalidTag"
  | "unknownCurrency";

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: SearchParamsLike, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first ?? undefined;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as a UTC Date, or null when it is not a real calendar day (2026-02-30, 2026-13-01). */
function parseDay(value: string): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 9998) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = parseDay(day)!;
  return isoDay(new Date(date.getTime() + days * 86_400_000));
}

export function addMonths(day: string, months: number): string {
  const date = parseDay(day)!;
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate())));
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to)!.getTime() - parseDay(from)!.getTime()) / 86_400_000);
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDateKey(now, timeZone);
}

/** The days a preset covers, seen from `today` (the viewer's date). */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: string): DateRange {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const monthStart = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
  switch (preset) {
    case "this-month":
      return { from: monthStart, toExclusive: addMonths(monthStart, 1) };
    case "this-quarter": {
      const quarterStart = addMonths(monthStart, -((month - 1) % 3));
      return { from: quarterStart, toExclusive: addMonths(quarterStart, 3) };
    }
    case "this-year":
      return { from: `${String(year).padStart(4, "0")}-01-01`, toExclusive: `${String(year + 1).padStart(4, "0")}-01-01` };
    case "last-12-months":
      // Rolling: the twelve months up to and including today, never the days still to come.
      return { from: addDays(addMonths(today, -12), 1), toExclusive: addDays(today, 1) };
  }
}

/**
 * The months the forecast covers. A forecast looks ahead, so the backward-looking default
 * ("last 12 months") becomes the twelve months from this one; every other choice is used as is.
 */
export function forecastRange(filters: ReportFilters, today: string): DateRange {
  if (filters.preset !== "last-12-months") return filters.range;
  const monthStart = `${today.slice(0, 7)}-01`;
  return { from: monthStart, toExclusive: addMonths(monthStart, 12) };
}

// Ids are cuids; anything else can't name a member or a stage.
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TAG_MAX = 50;

// How much of each parameter is read: one character past what any valid value can be, so an
// overlong value is still seen as wrong (and explained) but nothing bigger is ever handled.
const PARAM_LIMITS = { range: 30, from: 30, to: 30, owner: 100, stage: 100, tag: 500, currency: 10 } as const;

export type ReportFilterOptions = {
  /** The viewer's date (todayIn(timeZone)). */
  today: string;
  ownerIds: ReadonlySet<string>;
  stageIds: ReadonlySet<string>;
};

export function parseReportFilters(
  params: SearchParamsLike,
  options: ReportFilterOptions,
): { filters: ReportFilters; input: ReportFilterInput; errors: ReportFilterError[] } {
  // A link is anyone's to edit: a value too long or malformed is explained below, never thrown.
  const read = (name: keyof typeof PARAM_LIMITS) => param(params, name)?.trim().slice(0, PARAM_LIMITS[name] + 1) || undefined;
  const raw = {
    range: read("range"),
    from: read("from"),
    to: read("to"),
    owner: read("owner"),
    stage: read("stage"),
    tag: read("tag"),
    currency: read("currency"),
  };
  const errors: ReportFilterError[] = [];

  // Custom dates without a preset name mean a custom range (e.g. a hand-written link).
  let preset: RangePreset = DEFAULT_PRESET;
  const presetParsed = z.enum(RANGE_PRESETS).safeParse(raw.range);
  if (raw.range && !presetParsed.success) errors.push("unknownRange");
  else if (presetParsed.success) preset = presetParsed.data;
  else if (raw.from || raw.to) preset = "custom";

  let range: DateRange | null = null;
  // The form shows what was asked for (a bad custom range stays there to be corrected); the
  // charts use `effective`, which falls back to the default when the custom dates can't be used.
  const input: ReportFilterInput = { range: preset, from: "", to: "", owner: "", stage: "", tag: "", currency: "" };
  let effective: RangePreset = preset;
  if (preset === "custom") {
    input.from = raw.from ?? "";
    input.to = raw.to ?? "";
    const from = raw.from ? parseDay(raw.from) : null;
    const to = raw.to ? parseDay(raw.to) : null;
    if (raw.from && !from) errors.push("invalidFrom");
    if (raw.to && !to) errors.push("invalidTo");
    if (!raw.from || !raw.to) errors.push("missingDates");
    if (from && to) {
      if (from > to) errors.push("reversedRange");
      else if (daysBetween(isoDay(from), isoDay(to)) + 1 > MAX_RANGE_DAYS) errors.push("rangeTooLong");
      else range = { from: isoDay(from), toExclusive: addDays(isoDay(to), 1) };
    }
    if (!range) effective = DEFAULT_PRESET;
  }
  range ??= presetRange(effective as Exclude<RangePreset, "custom">, options.today);

  let ownerId: string | null = null;
  if (raw.owner) {
    if (ID.test(raw.owner) && options.ownerIds.has(raw.owner)) ownerId = raw.owner;
    else errors.push("unknownOwner");
  }
  let stageId: string | null = null;
  if (raw.stage) {
    if (ID.test(raw.stage) && options.stageIds.has(raw.stage)) stageId = raw.stage;
    else errors.push("unknownStage");
  }
  let tag: string | null = null;
  if (raw.tag) {
    if (raw.tag.length <= TAG_MAX && !/[\u0000-\u001f]/.test(raw.tag)) tag = raw.tag;
    else errors.push("invalidTag");
  }
  let currency: string | null = null;
  if (raw.currency) {
    const code = raw.currency.toUpperCase();
    if (isCurrency(code)) currency = code;
    else errors.push("unknownCurrency");
  }
  input.owner = ownerId ?? "";
  input.stage = stageId ?? "";
  input.tag = tag ?? (raw.tag && raw.tag.length <= 500 ? raw.tag.slice(0, TAG_MAX) : "");
  input.currency = currency ?? "";
  return { filters: { preset: effective, range, ownerId, stageId, tag, currency }, input, errors };
}

/** The query string for these filters (empty fields and the default preset left out). */
export function reportQueryString(input: ReportFilterInput, change: Partial<ReportFilterInput> = {}): string {
  const merged = { ...input, ...change };
  const query = new URLSearchParams();
  if (merged.range !== DEFAULT_PRESET) query.set("range", merged.range);
  if (merged.range === "custom") {
    if (merged.from) query.set("from", merged.from);
    if (merged.to) query.set("to", merged.to);
  }
  for (const key of ["owner", "stage", "tag", "currency"] as const) if (merged[key]) query.set(key, merged[key]);
  const text = query.toString();
  return text ? `?${text}` : "";
}
