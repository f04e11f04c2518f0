import { TZDate, tz } from "@date-fns/tz";
import { addDays, format, startOfDay } from "date-fns";

// Wall-clock times in a member's IANA time zone ↔ instants, the one place that does this (on
// @date-fns/tz, whose zone data is the runtime's Intl). A form's "2026-11-29T14:30" or date + time
// pair has no zone: the member means their own (the relay_tz cookie, User.timeZone), not the
// server's. Jobs count "today" and "08:00 tomorrow" on the same clock.
//
// Daylight saving, as JavaScript's own Date does it: a wall-clock time that does not exist (02:30
// on the night New York springs forward) moves forward by the gap (03:30 EDT); one that exists
// twice (01:30 on the night it falls back) is the first, earlier one (EDT, not EST).

/** The zone if the runtime knows it, else UTC (a stale or hand-edited value must never break a job). */
export function safeTimeZone(zone: string | null | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /[zZ]$|[+-]\d{2}:\d{2}$/;

/**
 * "YYYY-MM-DDTHH:mm[:ss]" (a datetime-local value) read on the clock of `timeZone`, or an ISO
 * instant with Z or an offset as it stands. Null when there is no such date or time (2026-02-30,
 * 24:00, year 3026) or the zone is unknown.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const match = WALL_CLOCK.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  // The Date constructor rolls 30 February over into March; such a date is refused instead.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59 || year < 1900 || year > 2200) return null;
  const instant = new TZDate(year, month - 1, day, hour, minute, second, timeZone).getTime();
  return Number.isNaN(instant) ? null : new Date(instant);
}

/**
 * The values of an <input type="date"> and an <input type="time"> read together on the clock of
 * `timeZone`; null unless they are exactly "YYYY-MM-DD" and "HH:mm" of a real date and time.
 */
export function parseLocalDateAndTime(date: string, time: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return parseLocalDateTime(`${date}T${time}`, timeZone);
}

/** The instant as "YYYY-MM-DDTHH:mm" on the clock of `timeZone` (a datetime-local value). */
export function toLocalDateTimeInput(at: Date, timeZone: string): string {
  return format(at, "yyyy-MM-dd'T'HH:mm", { in: tz(timeZone) });
}

/** The <input type="date"> and <input type="time"> values showing `at` on the clock of `timeZone`. */
export function toLocalInputs(at: Date, timeZone: string): { date: string; time: string } {
  return { date: localDateKey(at, timeZone), time: format(at, "HH:mm", { in: tz(timeZone) }) };
}

/** "YYYY-MM-DD": the date of `at` on the clock of `timeZone`. */
export function localDateKey(at: Date, timeZone: string): string {
  return format(at, "yyyy-MM-dd", { in: tz(timeZone) });
}

/**
 * The first moment of the local day `offsetDays` after the one containing `at`: midnight, or
 * 01:00 where a DST change skips midnight (Havana, Santiago), never a moment of the day before.
 */
export function startOfLocalDay(at: Date, timeZone: string, offsetDays = 0): Date {
  return new Date(startOfDay(addDays(at, offsetDays, { in: tz(timeZone) })).getTime());
}

/**
 * The next hour:00 on the clock of `timeZone` strictly after `after`: today's if still ahead, else
 * tomorrow's. An hour skipped by DST moves forward by the gap; an hour that happens twice counts once.
 */
export function nextLocalTime(after: Date, timeZone: string, hour: number): Date {
  const local = new TZDate(after.getTime(), timeZone);
  for (let offset = 0; offset <= 2; offset++) {
    // Day overflow rolls over (31 + 1 → the 1st of next month), as Date's own constructor does.
    const candidate = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + offset, hour, 0, 0, timeZone).getTime();
    if (candidate > after.getTime()) return new Date(candidate);
  }
  throw new Error("unreachable: a local hour occurs within two days");
}

/** The form default for a new reminder: the next 09:00 on the member's clock at least 12 hours away ("tomorrow morning"). */
export function suggestedDueInputs(timeZone: string, now = new Date()): { date: string; time: string } {
  return toLocalInputs(nextLocalTime(new Date(now.getTime() + 12 * 3_600_000), timeZone, 9), timeZone);
}

/** Whole 24-hour days from `from` to `to` (0 when `to` is earlier): "no activity for N days", counted as the stale-opportunity reminder counts. */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
