import type { EmailLocale } from "./types";

// Reminder emails show times in the reader's own zone (User.timeZone, learnt from their browser),
// labelled with the zone so nobody misreads "09:00" from another continent.

/** `at` as date and time in the reader's zone and language, with the zone's short name. */
export function formatInZone(at: Date, locale: EmailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(at);
}

/** `at` as a date only, in the reader's zone and language. */
export function formatDateInZone(at: Date, locale: EmailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", weekday: "long", timeZone }).format(at);
}
