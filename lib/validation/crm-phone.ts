import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

// Phone numbers on CRM records (customers, contacts): any valid number (landlines too), stored in
// E.164 so that the same number typed two ways is the same number; shown in international form.

const MAX_INPUT_LENGTH = 40;

/** An ISO 3166 alpha-2 code, or undefined when the text isn't one. */
export function countryCode(value: string | null | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/** E.164 for a valid number, null for an empty input, "invalid" otherwise. */
export function normalizeCrmPhone(input: string, defaultCountry?: string | null): string | null | "invalid" {
  const trimmed = input.trim();
  if (!trimmed) return null;
  if (trimmed.length > MAX_INPUT_LENGTH || !/^[+0-9\s().\-/]+$/.test(trimmed)) return "invalid";
  const parsed = parsePhoneNumberFromString(trimmed, countryCode(defaultCountry));
  if (!parsed || !parsed.isValid()) return "invalid";
  return parsed.number;
}

/** The country a stored number belongs to ("CN" for +86…), or undefined when it can't tell. */
export function phoneCountryOf(stored: string | null | undefined): string | undefined {
  if (!stored) return undefined;
  return parsePhoneNumberFromString(stored)?.country;
}

/** "+86 10 1234 5678" for a stored E.164 number; anything unparseable is shown as stored. */
export function formatCrmPhone(stored: string | null | undefined): string {
  if (!stored) return "";
  const parsed = parsePhoneNumberFromString(stored);
  return parsed ? parsed.formatInternational() : stored;
}

/** Every digit form a person might search a number by: E.164 digits and the national digits. */
export function phoneSearchForms(stored: string | null | undefined): string[] {
  if (!stored) return [];
  const forms = new Set<string>([stored.toLowerCase(), stored.replace(/\D/g, "")]);
  const parsed = parsePhoneNumberFromString(stored);
  if (parsed) {
    forms.add(parsed.formatInternational());
    forms.add(parsed.formatNational().replace(/\D/g, ""));
  }
  return [...forms].filter(Boolean);
}
