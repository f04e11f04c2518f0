import { z } from "zod";
import { countryCode, normalizeCrmPhone } from "./crm-phone";
import { isPhoneCountry, optionalPhoneCountry } from "@/lib/phone-countries";
import type { PreferredChannel } from "./contact";

// Customers (companies) as typed into the create/edit form, the CSV import and any other writer.
// Messages are keys under "errors." (messages/*/crm.json); label keys for the fixed lists are
// under "crmFields.<list>Values.<value>" (the plain "crmFields.<field>" keys are field labels).

export const CUSTOMER_STATUSES = ["LEAD", "ACTIVE", "INACTIVE"] as const;
export type CustomerStatusValue = (typeof CUSTOMER_STATUSES)[number];

export const INDUSTRIES = [
  "technology",
  "manufacturing",
  "retail",
  "wholesale",
  "finance",
  "healthcare",
  "education",
  "government",
  "hospitality",
  "logistics",
  "construction",
  "realEstate",
  "media",
  "professionalServices",
  "energy",
  "agriculture",
  "nonprofit",
  "other",
] as const;

export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"] as const;

export const SOURCES = ["website", "referral", "event", "coldCall", "advertising", "partner", "socialMedia", "import", "other"] as const;

type ListValues = {
  industry: (typeof INDUSTRIES)[number];
  size: (typeof COMPANY_SIZES)[number];
  source: (typeof SOURCES)[number];
  status: CustomerStatusValue;
  channel: PreferredChannel;
};
export type ListName = keyof ListValues;

/**
 * The message key that names a value of a fixed list, e.g. labelKey("industry", "retail") →
 * "crmFields.industryValues.retail". Typed by the list's values, so a value without a message
 * fails tsc; a value read from a row is a plain string (storedListLabel says it in words).
 */
export function labelKey<List extends ListName>(list: List, value: ListValues[List]): `crmFields.${List}Values.${ListValues[List]}` {
  return `crmFields.${list}Values.${value}`;
}

export const CUSTOMER_NAME_MAX = 200;
export const NOTES_MAX = 10_000;
export const TAGS_MAX = 20;
export const TAG_LENGTH_MAX = 40;

/** Turns a missing form value into "" so one rule handles both. */
const text = (max: number, tooLong: string) =>
  z.preprocess((value) => (value === undefined || value === null ? "" : value), z.string({ error: "generic" }).trim().max(max, { error: tooLong }));

/** An optional text: "" becomes null. */
export const optionalText = (max: number, tooLong: string) => text(max, tooLong).transform((value) => value || null);

function oneOf<const T extends readonly string[]>(values: T, invalidKey: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z
      .string()
      .trim()
      .refine((value) => value === "" || (values as readonly string[]).includes(value), { error: invalidKey })
      .transform((value) => (value === "" ? null : (value as T[number]))),
  );
}

/** "example.com/x" → "https://example.com/x"; only http(s) with a real-looking host. */
export function normalizeWebsite(input: string): string | null | "invalid" {
  const trimmed = input.trim();
  if (!trimmed) return null;
  if (trimmed.length > 500 || /\s/.test(trimmed)) return "invalid";
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "invalid";
  if (!/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/i.test(url.hostname) || url.username || url.password) return "invalid";
  const out = url.toString();
  // "https://example.com/" reads better without the lone slash.
  return url.pathname === "/" && !url.search && !url.hash ? out.replace(/\/$/, "") : out;
}

/** Tags from "a, b, c" or a list: trimmed, case kept, duplicates (ignoring case) dropped. */
export function parseTags(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.flatMap((item) => String(item).split(",")) : String(value ?? "").split(",");
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const item of raw) {
    const tag = item.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

export const tagsField = z.preprocess(
  parseTags,
  z
    .array(z.string())
    .max(TAGS_MAX, { error: "crmTagsTooMany" })
    .refine((tags) => tags.every((tag) => tag.length <= TAG_LENGTH_MAX), { error: "crmTagTooLong" }),
);

export const websiteField = z.preprocess(
  (value) => (value === undefined || value === null ? "" : value),
  z.string().transform((value, ctx) => {
    const url = normalizeWebsite(value);
    if (url === "invalid") {
      ctx.addIssue({ code: "custom", message: "crmWebsiteInvalid" });
      return z.NEVER;
    }
    return url;
  }),
);

export const idField = z.string({ error: "generic" }).trim().min(1, { error: "generic" }).max(40, { error: "generic" });

/** A phone value the field rule reports as invalid (set by the object-level preprocessing). */
const INVALID_PHONE = "\u0000invalid";

/**
 * A phone field already normalised by `normalizePhones`: E.164, null, or INVALID_PHONE. Checked at
 * field level (not in an object transform) so its error shows together with every other field's.
 */
export const normalizedPhoneField = z
  .string()
  .nullable()
  .refine((value) => value !== INVALID_PHONE, { error: "crmPhoneInvalid" });

/**
 * Reads the raw phone fields (those typed without "+") in the first of `countryFields` that holds
 * a country we can read numbers in (the form's picker "phoneCountry"; an import row's two-letter
 * "country"), or else in `defaultCountry` (the workspace's).
 */
export function normalizePhones(raw: unknown, fields: readonly string[], defaultCountry: string | undefined, countryFields: readonly string[] = []): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const input = raw as Record<string, unknown>;
  const chosen = countryFields.map((field) => countryCode(typeof input[field] === "string" ? (input[field] as string) : null)).find(isPhoneCountry);
  const country = chosen ?? defaultCountry;
  const out: Record<string, unknown> = { ...input };
  for (const field of fields) {
    const value = input[field];
    if (value === undefined || value === null) {
      out[field] = null;
      continue;
    }
    const phone = normalizeCrmPhone(String(value), country);
    out[field] = phone === "invalid" ? INVALID_PHONE : phone;
  }
  return out;
}

/** Builds the schema; `defaultCountry` reads numbers typed without "+" (the customer's own country wins). */
export function makeCustomerInputSchema(options: { defaultCountry?: string } = {}) {
  return z.preprocess(
    (raw) => normalizePhones(raw, ["phone"], options.defaultCountry, ["phoneCountry", "country"]),
    z.object({
      name: text(CUSTOMER_NAME_MAX, "crmNameTooLong").pipe(z.string().min(1, { error: "crmNameRequired" })),
      industry: oneOf(INDUSTRIES, "crmIndustryInvalid"),
      size: oneOf(COMPANY_SIZES, "crmSizeInvalid"),
      website: websiteField,
      phone: normalizedPhoneField,
      // The picker beside the phone field: which country a number without "+" is from (not stored).
      phoneCountry: optionalPhoneCountry,
      addressLine: optionalText(300, "crmAddressTooLong"),
      city: optionalText(100, "crmCityTooLong"),
      region: optionalText(100, "crmRegionTooLong"),
      postalCode: optionalText(20, "crmPostalCodeTooLong"),
      country: optionalText(100, "crmCountryTooLong"),
      status: z.preprocess(
        (value) => (value === undefined || value === null || value === "" ? "LEAD" : value),
        z.enum(CUSTOMER_STATUSES, { error: "crmStatusInvalid" }),
      ),
      source: oneOf(SOURCES, "crmSourceInvalid"),
      tags: tagsField,
      ownerId: idField,
      notes: optionalText(NOTES_MAX, "crmNotesTooLong"),
    }),
  );
}

export const customerInputSchema = makeCustomerInputSchema();
export type CustomerInput = z.output<typeof customerInputSchema>;

/** The fields a customer's history records (and compares) on every change. */
export const CUSTOMER_FIELDS = [
  "name",
  "industry",
  "size",
  "website",
  "phone",
  "addressLine",
  "city",
  "region",
  "postalCode",
  "country",
  "status",
  "source",
  "tags",
  "ownerId",
  "notes",
] as const;
