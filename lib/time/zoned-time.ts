// Wall-clock times in a member's time zone (the relay_tz cookie) ↔ instants. A datetime-local input
// gives "2026-11-29T14:30" with no zone; the member means their own zone, not the server's.

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "YYYY-MM-DDTHH:mm[:ss]" read in `timeZone`, or an ISO instant with Z/offset; null when not a real time. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const text = value.trim();
  if (/[zZ]$|[+-]\d{2}:\d{2}$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second || 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || year < 1900 || year > 2200) return null;
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  // Near a DST change the offset at the guess can differ from the offset at the answer.
  instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant);
}

/** The instant as "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (a datetime-local value). */
export function toLocalDateTimeInput(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}
