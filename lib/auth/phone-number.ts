import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

// Phone numbers for SMS codes: parsed and validated with libphonenumber-js (Google's
// libphonenumber metadata, "max" set so we can tell landlines from mobiles), stored as E.164.

export type ParsedPhoneNumber = { ok: true; e164: string; display: string; country: string | undefined };
export type PhoneNumberProblem = "empty" | "invalid" | "not-mobile";

/** A longer input is not a phone number; refuse it before parsing. */
const MAX_INPUT_LENGTH = 40;

/**
 * Parses what a member typed. A number without a leading "+" is read in `defaultCountry` (the
 * country picked beside the field, else the workspace's: lib/phone-countries.ts); with "+" the
 * country code decides.
 */
export function parsePhoneNumber(input: string, defaultCountry?: string): ParsedPhoneNumber | { ok: false; reason: PhoneNumberProblem } {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, reason: "empty" };
  if (trimmed.length > MAX_INPUT_LENGTH || !/^[+0-9\s().\-]+$/.test(trimmed)) return { ok: false, reason: "invalid" };
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: "invalid" };
  const type = parsed.getType();
  // Landlines, pagers, premium-rate and toll-free numbers can't receive our texts. Where the
  // numbering plan can't tell mobiles from landlines (US, Canada), the type is
  // FIXED_LINE_OR_MOBILE and we accept it.
  if (type && type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") return { ok: false, reason: "not-mobile" };
  return { ok: true, e164: parsed.number, display: parsed.formatInternational(), country: parsed.country };
}

/**
 * A number shown without its middle digits ("+86 138 **** 8000"), for pages and messages that
 * only need to remind the member which phone it is.
 */
export function maskPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164.length > 4 ? `${"*".repeat(e164.length - 4)}${e164.slice(-4)}` : e164;
  const international = parsed.formatInternational();
  const national = parsed.nationalNumber;
  const keepStart = national.length >= 8 ? 3 : 0;
  const keepEnd = Math.min(4, Math.max(2, national.length - 4));
  const prefixLength = `+${parsed.countryCallingCode}`.length;
  let nationalIndex = 0;
  let out = international.slice(0, prefixLength);
  for (const ch of international.slice(prefixLength)) {
    if (/\d/.test(ch)) {
      const keep = nationalIndex < keepStart || nationalIndex >= national.length - keepEnd;
      out += keep ? ch : "*";
      nationalIndex++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Display form of a stored E.164 number. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
