import type { CustomerDetail, ContactDetail } from "@/lib/dal/customers/get-customer";
import { COMPANY_SIZES, CUSTOMER_STATUSES, INDUSTRIES, SOURCES, labelKey } from "@/lib/validation/customer";
import { PREFERRED_CHANNELS } from "@/lib/validation/contact";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import type { RecordField } from "./record-form";

// The customer and contact forms' fields with their translated labels, built on the server.

type T = (key: string, values?: Record<string, string | number>) => string;

export function customerFields(t: T, owners: { id: string; name: string }[]): RecordField[] {
  const list = (kind: "industry" | "size" | "source", values: readonly string[]) => [
    { value: "", label: t("crmFields.notSet") },
    ...values.map((value) => ({ value, label: t(labelKey(kind, value)) })),
  ];
  return [
    { name: "name", label: t("crmFields.name"), required: true, maxLength: 200, autoComplete: "organization", wide: true },
    { name: "status", label: t("crmFields.status"), type: "select", options: CUSTOMER_STATUSES.map((value) => ({ value, label: t(labelKey("status", value)) })) },
    { name: "ownerId", label: t("crmFields.ownerId"), type: "select", options: owners.map((owner) => ({ value: owner.id, label: owner.name })) },
    { name: "industry", label: t("crmFields.industry"), type: "select", options: list("industry", INDUSTRIES) },
    { name: "size", label: t("crmFields.size"), type: "select", options: list("size", COMPANY_SIZES) },
    { name: "source", label: t("crmFields.source"), type: "select", options: list("source", SOURCES) },
    { name: "website", label: t("crmFields.website"), type: "url", maxLength: 500, hint: t("customers.websiteHint") },
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

export function customerInitialValues(customer: CustomerDetail | null, defaultOwnerId: string): Record<string, string> {
  if (!customer) return { status: "LEAD", ownerId: defaultOwnerId };
  return {
    name: customer.name,
    status: customer.status,
    ownerId: customer.ownerId,
    industry: customer.industry ?? "",
    size: customer.size ?? "",
    source: customer.source ?? "",
    website: customer.website ?? "",
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

export function contactFields(t: T): RecordField[] {
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
    { name: "phone", label: t("crmFields.phone"), type: "tel", maxLength: 40, autoComplete: "tel", hint: t("customers.phoneHint") },
    { name: "mobile", label: t("crmFields.mobile"), type: "tel", maxLength: 40, autoComplete: "tel" },
    { name: "notes", label: t("crmFields.notes"), type: "textarea", maxLength: 10_000 },
  ];
}

export function contactInitialValues(contact: ContactDetail | null): Record<string, string> {
  if (!contact) return {};
  return {
    name: contact.name,
    title: contact.title ?? "",
    email: contact.email ?? "",
    preferredChannel: contact.preferredChannel ?? "",
    phone: formatCrmPhone(contact.phone),
    mobile: formatCrmPhone(contact.mobile),
    notes: contact.notes ?? "",
  };
}
