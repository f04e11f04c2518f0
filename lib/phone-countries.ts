import { z } from "zod";

// The countries a phone number can be read in when it is typed without "+": a workspace's default
// country (Tenant.defaultCountry, CRM settings), and the country picker beside phone fields
// (components/forms/phone-country-select.tsx). Pure and small, so forms check a choice in the
// browser without loading the numbering plans; the codes are exactly libphonenumber-js's
// getCountries() (phone-countries.test.ts keeps them in step when the library is upgraded).

// prettier-ignore
export const PHONE_COUNTRIES = "AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW".split(" ");

const KNOWN = new Set(PHONE_COUNTRIES);

/** Whether `value` is a country code we can read numbers in (upper-case ISO 3166-1 alpha-2, or AC/TA/XK as libphonenumber has them). */
export function isPhoneCountry(value: unknown): value is string {
  return typeof value === "string" && KNOWN.has(value);
}

/** A picker's value: trimmed, upper-cased, one of PHONE_COUNTRIES. */
export const phoneCountryField = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.string({ error: "phoneCountryInvalid" }).refine(isPhoneCountry, { error: "phoneCountryInvalid" }),
);

/** A picker's value where it may be left out: absent or empty means the workspace's default. */
export const optionalPhoneCountry = z.preprocess((value) => (value === "" || value === null ? undefined : value), phoneCountryField.optional());

/**
 * A new workspace's default country, from the language it signs up in. The app speaks English and
 * Simplified Chinese: zh-CN is mainland China's language, so CN. English names no country; US
 * is where most English-speaking workspaces' numbers are read without a "+" (and +1 covers Canada
 * and much of the Caribbean too), and an owner elsewhere changes it once in the CRM settings.
 * A number typed with "+" is read by its own country code whatever the default.
 */
export function defaultCountryForLanguage(locale: string): string {
  return locale === "zh-CN" ? "CN" : "US";
}
