import { getCountryCallingCode, type CountryCode } from "libphonenumber-js/max";
import { PHONE_COUNTRIES } from "./phone-countries";

// The picker's options, built where the page renders (the server) so the browser gets names and
// calling codes, not numbering plans: each country's name in the reader's language
// (Intl.DisplayNames) and its calling code, sorted the way the reader's language sorts.

export type PhoneCountryOption = { code: string; name: string; callingCode: string };

export function phoneCountryOptions(locale: string): PhoneCountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return PHONE_COUNTRIES.map((code) => ({
    code,
    name: names.of(code) ?? code,
    callingCode: getCountryCallingCode(code as CountryCode),
  })).sort((a, b) => collator.compare(a.name, b.name));
}
