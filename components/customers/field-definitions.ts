import type { CustomerDetail, ContactDetail } from "@/lib/dal/customers/get-customer";
import { COMPANY_SIZES, CUSTOMER_STATUSES, INDUSTRIES, SOURCES, labelKey, type ListName } from "@/lib/validation/customer";
import { PREFERRED_CHANNELS } from "@/lib/validation/contact";
import { formatCrmPhone, phoneCountryOf } from "@/lib/validation/crm-phone";
import type { PhoneCountryOption } from "@/lib/phone-country-options";
import type { RecordField } from "./record-form";
import { isMessageKey, type AnyMessageKey, type RootTranslator } from "@/lib/i18n/message-keys";

// The customer and contact forms' fields with their translated labels, built on the server.

// The pages pass getTranslations(); a key without an English message fails tsc.
type T = (key: AnyMessageKey, values?: Record<string, string | number>) => string;

/** A list value read from a row, in words; one this build has no words for is shown as stored. */
export function storedListLabel(t: RootTranslator, list: ListName, value: string): string {
  const key = `crmFields.${list}Values.${value}`;
  return isMessageKey(t, key) ? t(key) : value;
}

/** The picker of the country numbers typed without "+" are read in: names in the reader's language, with calling codes. */
function phoneCountryField(t: T, countries: PhoneCountryOption[]): RecordField {
  return {
    name: "phoneCountry",
    label: t("customers.phoneCountry"),
    type: "select",
    options: countries.map((country) => ({ value: country.code, label: t("customers.phoneCountryOption", { name: country.name, code: country.callingCode }) })),
    hint: t("customers.phoneCountryHint"),
  };
}

export function customerFields(t: T, owners: { id: string; name: string }[], countries: PhoneCountryOption[]): RecordField[] {
  const notSet = { value: "", label: t("crmFields.notSet") };
  return [
    { name: "name", label: t("crmFields.name"), required: true, maxLength: 200, autoComplete: "organization", wide: true },
    { name: "status", label: t("crmFields.status"), type: "select", options: CUSTOMER_STATUSES.map((value) => ({ value, label: t(labelKey("status", value)) })) },
    { name: "ownerId", label: t("crmFields.ownerId"), type: "select", options: owners.map((owner) => ({ value: owner.id, label: owner.name })) },
    { name: "industry", label: t("crmFields.industry"), type: "select", options: [notSet, ...INDUSTRIES.map((value) => ({ value, label: t(labelKey("industry", value)) }))] },
    { name: "size", label: t("crmFields.size"), type: "select", options: [notSet, ...COMPANY_SIZES.map((value) => ({ value, label: t(labelKey("size", value)) }))] },
    { name: "source", label: t("crmFields.source"), type: "select", options: [notSet, ...SOURCES.map((value) => ({ value, label: t(labelKey("source", value)) }))] },
    { name: "website", label: t("crmFields.website"), type: "url", maxLength: 500, hint: t("customers.websiteHint") },
    phoneCountryField(t, countries),
    { name: "phone", label: t("crmFields.phone"), type: "tel", maxLength: 40, autoComplete: "tel", hint: t("customers.phoneHint") },
    { name: "tags", label: t("crmFields.tags"), maxLength: 900, hint: t("customers.tagsHint") },
    { name: "addressLine", label: t("crmFields.addressLine"), maxLength: 300, autoComplete: "street-address", wide: true },
    { name: "city", label: t("crmFields.city"), maxLength: 100, autoComplete: "address-level2" },
    { name: "region", label: t("crmFields.region"), maxLength: 100, autoComplete: "address-level1" },
    { name: "postalCode", label: t("crmFields.postalCode"), maxLength: 20, autoComplete: "postal-code" },
    { name: "country", label: t("crmFields.country"), maxLength: 100, autoComplete: "country", hint: t("customers.countryHint") },
    { name: "notes", label: t("crmFields.notes"), type: "textarea", maxLength: 10_000 },
  ];
}

/** The picker starts on the stored number's own country, else the workspace's default. */
export function customerInitialValues(customer: CustomerDetail | null, defaultOwnerId: string, defaultCountry: string): Record<string, string> {
  if (!customer) return { status: "LEAD", ownerId: defaultOwnerId, phoneCountry: defaultCountry };
  return {
    name: customer.name,
    status: customer.status,
    ownerId: customer.ownerId,
    industry: customer.industry ?? "",
    size: customer.size ?? "",
    source: customer.source ?? "",
    website: customer.website ?? "",
    phoneCountry: phoneCountryOf(customer.phone) ?? defaultCountry,
    phone: formatCrmPhone(customer.phone),
    tags: customer.tags.join(", "),
    addressLine: customer.addressLine ?? "",
    city: customer.city ?? "",
    region: customer.region ?? "",
    postalCode: customer.postalCode ?? "",
    country: customer.country ?? "",
    notes: customer.notes ?? "",
  };
}

export function contactFields(t: T, countries: PhoneCountryOption[]): RecordField[] {
  return [
    { name: "name", label: t("crmFields.contactName"), required: true, maxLength: 200, autoComplete: "name" },
    { name: "title", label: t("crmFields.jobTitle"), maxLength: 200, autoComplete: "organization-title" },
    { name: "email", label: t("crmFields.email"), type: "email", maxLength: 254, autoComplete: "email" },
    {
      name: "preferredChannel",
      label: t("crmFields.preferredChannel"),
      type: "select",
      options: [{ value: "", label: t("crmFields.notSet") }, ...PREFERRED_CHANNELS.map((value) => ({ value, label: t(labelKey("channel", value)) }))],
    },
    phoneCountryField(t, countries),
    { name: "phone", label: t("crmFields.phone"), type: "tel", maxLength: 40, autoComplete: "tel", hint: t("customers.phoneHint") },
    { name: "mobile", label: t("crmFields.mobile"), type: "tel", maxLength: 40, autoComplete: "tel" },
    { name: "notes", label: t("crmFields.notes"), type: "textarea", maxLength: 10_000 },
  ];
}

export function contactInitialValues(contact: ContactDetail | null, defaultCountry: string): Record<string, string> {
  if (!contact) return { phoneCountry: defaultCountry };
  return {
    name: contact.name,
    title: contact.title ?? "",
    email: contact.email ?? "",
    preferredChannel: contact.preferredChannel ?? "",
    phoneCountry: phoneCountryOf(contact.phone) ?? phoneCountryOf(contact.mobile) ?? defaultCountry,
    phone: formatCrmPhone(contact.phone),
    mobile: formatCrmPhone(contact.mobile),
    notes: contact.notes ?? "",
  };
}
