import type { EmailLocale } from "./types";

/** Collapses whitespace (including newlines from user-entered names) so a subject stays one line. */
export function singleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Refuses anything but an absolute http(s) URL, so a link in an email can never become a
 * `javascript:` or `data:` URL however the caller built it.
 */
export function httpUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`Email links must use http or https, got ${url.protocol}`);
  }
  return value;
}

/** A moment in the reader's language, always in UTC and labelled so, since we don't know their zone. */
export function formatDateTime(at: Date, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}
