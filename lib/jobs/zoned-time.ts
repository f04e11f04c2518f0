// Wall-clock arithmetic in a member's IANA time zone with nothing but Intl: "08:00 tomorrow in
// Asia/Shanghai" as a UTC instant, and the bounds of "today" there. DST gaps resolve forward.

/** The zone if Intl knows it, else UTC (a stale or hand-edited value must never break a job). */
export function safeTimeZone(zone: string | null | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `zone` at `at`. */
export function wallClock(at: Date, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

function offsetMs(at: Date, zone: string): number {
  const w = wallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `zone` reads the given local date and time. */
export function zonedTimeToUtc(local: { year: number; month: number; day: number; hour?: number; minute?: number }, zone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  const first = guess - offsetMs(new Date(guess), zone);
  const second = guess - offsetMs(new Date(first), zone);
  return new Date(second);
}

/** "YYYY-MM-DD" of `at` in `zone`. */
export function localDateKey(at: Date, zone: string): string {
  const w = wallClock(at, zone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** Midnight starting the local day that is `offsetDays` after the day containing `at`. */
export function startOfLocalDay(at: Date, zone: string, offsetDays = 0): Date {
  const w = wallClock(at, zone);
  // Date.UTC normalises day overflow (31 + 1 → next month).
  const shifted = new Date(Date.UTC(w.year, w.month - 1, w.day + offsetDays));
  return zonedTimeToUtc({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }, zone);
}

/** The first moment strictly after `after` when the clock in `zone` reads hour:00. */
export function nextLocalTime(after: Date, zone: string, hour: number): Date {
  for (let offset = 0; offset <= 2; offset++) {
    const day = startOfLocalDay(after, zone, offset);
    const w = wallClock(day, zone);
    const candidate = zonedTimeToUtc({ year: w.year, month: w.month, day: w.day, hour }, zone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error("unreachable: a local hour occurs within two days");
}

/**
 * Parses the value of an <input type="date"> and <input type="time"> pair as wall-clock time in
 * `zone`. Null when the date or time is not real (2026-02-30, 25:00).
 */
export function parseLocalDateTime(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || year < 1970 || year > 9999) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return zonedTimeToUtc({ year, month, day, hour, minute }, zone);
}

/** The <input type="date"> and <input type="time"> values showing `at` in `zone`. */
export function toLocalInputs(at: Date, zone: string): { date: string; time: string } {
  const w = wallClock(at, zone);
  return { date: localDateKey(at, zone), time: `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}` };
}

/** The form default for a new reminder: the next 09:00 on the member's clock at least 12 hours away ("tomorrow morning"). */
export function suggestedDueInputs(timeZone: string, now = new Date()): { date: string; time: string } {
  return toLocalInputs(nextLocalTime(new Date(now.getTime() + 12 * 3_600_000), timeZone, 9), timeZone);
}
