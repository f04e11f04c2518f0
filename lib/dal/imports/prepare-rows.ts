import "server-only";
import { makeCustomerInputSchema, type CustomerInput } from "@/lib/validation/customer";
import { makeContactInputSchema, type ContactInput } from "@/lib/validation/contact";
import { normalizeCrmPhone } from "@/lib/validation/crm-phone";
import type { CsvRecord } from "@/lib/csv/csv-parser";
import type { TenantDb } from "@/lib/db/tenant-db";
import type { ColumnMapping, ImportField, ImportKind } from "@/lib/imports/import-fields";
import { listValue, tagsValue } from "./import-values";

// Turns CSV records into validated inputs, row by row, with the same zod schemas the forms use, so
// an imported customer is exactly as valid as a typed one. Every problem carries its line number
// and a message key under "errors." (translated in the browser and in the error report).

export type ImportOptions = {
  /** Owner of every imported customer that has no "owner" column value. */
  ownerId: string;
  /** ISO country whose numbers may be written without +country code (e.g. "CN" for 010-1234 5678). */
  defaultCountry?: string;
  /** Contacts: a customer named in the file but not in the workspace is created (else the row is refused). */
  createMissingCustomers?: boolean;
  /** Rows that look like an existing customer/contact or an earlier row: skip them or import anyway. */
  duplicates?: "skip" | "import";
};

export type RowProblem = { field: ImportField | "row"; key: string; values?: Record<string, string | number> };

export type PreparedRow = {
  line: number;
  cells: string[];
  errors: RowProblem[];
  warnings: RowProblem[];
  customer?: CustomerInput;
  contact?: ContactInput & { customerName?: string };
};

type Member = { id: string; email: string; name: string };

export type ImportLookups = {
  members: Member[];
  /** Contacts: lowercased customer name → id (first match), and the ids that exist. */
  customersByName: Map<string, string>;
  customerIds: Set<string>;
  /** Existing records' duplicate keys ("name:…", "phone:…", "email:…"). */
  existingKeys: Set<string>;
};

function valueOf(record: CsvRecord, mapping: ColumnMapping, field: ImportField): string {
  const column = mapping.indexOf(field);
  return column < 0 ? "" : (record.cells[column] ?? "").trim();
}

function problemsFrom(issues: readonly { path: readonly PropertyKey[]; message: string; params?: Record<string, unknown> }[]): RowProblem[] {
  return issues.map((issue) => ({ field: (String(issue.path[0] ?? "row") as ImportField) || "row", key: issue.message }));
}

function resolveOwner(typed: string, members: Member[], fallback: string): string | null {
  if (!typed) return fallback;
  const wanted = typed.toLowerCase();
  return members.find((m) => m.email.toLowerCase() === wanted || m.name.toLowerCase() === wanted || m.id === typed)?.id ?? null;
}

export function customerKeys(input: { name: string; phone?: string | null }): string[] {
  return [`name:${input.name.trim().toLowerCase()}`, ...(input.phone ? [`phone:${input.phone}`] : [])];
}

export function contactKeys(input: { email?: string | null; phone?: string | null; mobile?: string | null }): string[] {
  return [
    ...(input.email ? [`email:${input.email}`] : []),
    ...(input.phone ? [`phone:${input.phone}`] : []),
    ...(input.mobile ? [`phone:${input.mobile}`] : []),
  ];
}

/** Validates every record (rows whose cells are all blank are dropped: spreadsheets leave them). */
export function prepareRows(kind: ImportKind, records: readonly CsvRecord[], mapping: ColumnMapping, options: ImportOptions, lookups: ImportLookups): PreparedRow[] {
  const customerSchema = makeCustomerInputSchema({ defaultCountry: options.defaultCountry });
  const contactSchema = makeContactInputSchema({ defaultCountry: options.defaultCountry });
  const seenInFile = new Map<string, number>();
  const rows: PreparedRow[] = [];
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    const row: PreparedRow = { line: record.line, cells: record.cells, errors: [], warnings: [] };
    const get = (field: ImportField) => valueOf(record, mapping, field);
    let keys: string[] = [];
    if (kind === "customers") {
      const ownerId = resolveOwner(get("owner"), lookups.members, options.ownerId);
      if (ownerId === null) row.errors.push({ field: "owner", key: "importOwnerUnknown", values: { value: get("owner") } });
      const parsed = customerSchema.safeParse({
        name: get("name"),
        industry: listValue("industry", get("industry")),
        size: listValue("size", get("size")),
        website: get("website"),
        phone: get("phone"),
        addressLine: get("addressLine"),
        city: get("city"),
        region: get("region"),
        postalCode: get("postalCode"),
        country: get("country"),
        status: listValue("status", get("status")),
        source: listValue("source", get("source")),
        tags: tagsValue(get("tags")),
        ownerId: ownerId ?? options.ownerId,
        notes: get("notes"),
      });
      if (parsed.success) {
        row.customer = parsed.data;
        keys = customerKeys(parsed.data);
      } else row.errors.push(...problemsFrom(parsed.error.issues));
    } else {
      const typedCustomer = get("customer");
      let customerId = "";
      let customerName: string | undefined;
      if (typedCustomer) {
        customerId = lookups.customerIds.has(typedCustomer) ? typedCustomer : (lookups.customersByName.get(typedCustomer.toLowerCase()) ?? "");
        if (!customerId) {
          if (options.createMissingCustomers && typedCustomer.length <= 200) {
            customerName = typedCustomer;
            customerId = "pending";
          } else row.errors.push({ field: "customer", key: "importCustomerUnknown", values: { value: typedCustomer } });
        }
      } else row.errors.push({ field: "customer", key: "importCustomerRequired" });
      const parsed = contactSchema.safeParse({
        customerId: customerId || "unknown",
        name: get("name"),
        title: get("title"),
        email: get("email"),
        phone: get("phone"),
        mobile: get("mobile"),
        preferredChannel: listValue("preferredChannel", get("preferredChannel")),
        notes: get("notes"),
      });
      if (parsed.success) {
        if (row.errors.length === 0) row.contact = { ...parsed.data, customerName };
        keys = contactKeys(parsed.data);
      } else row.errors.push(...problemsFrom(parsed.error.issues));
    }
    if (row.errors.length > 0) {
      row.customer = undefined;
      row.contact = undefined;
    } else {
      for (const key of keys) {
        const first = seenInFile.get(key);
        if (first !== undefined) row.warnings.push({ field: key.startsWith("name") ? "name" : key.startsWith("email") ? "email" : "phone", key: "importDuplicateInFile", values: { line: first } });
        else if (lookups.existingKeys.has(key)) row.warnings.push({ field: key.startsWith("name") ? "name" : key.startsWith("email") ? "email" : "phone", key: "importDuplicateExisting" });
      }
      for (const key of keys) if (!seenInFile.has(key)) seenInFile.set(key, record.line);
    }
    rows.push(row);
  }
  return rows;
}

/** Everything prepareRows needs from the database, fetched for just the values in the file. */
export async function loadLookups(db: TenantDb, kind: ImportKind, records: readonly CsvRecord[], mapping: ColumnMapping, defaultCountry?: string): Promise<ImportLookups> {
  const members = await db.user.findMany({ where: { status: "ACTIVE" }, select: { id: true, email: true, name: true } });
  const column = (field: ImportField) => mapping.indexOf(field);
  const values = (field: ImportField) => {
    const index = column(field);
    if (index < 0) return [];
    return [...new Set(records.map((record) => (record.cells[index] ?? "").trim()).filter(Boolean))];
  };
  const phones = (fields: ImportField[]) =>
    fields
      .flatMap(values)
      .map((typed) => normalizeCrmPhone(typed, defaultCountry))
      .filter((phone): phone is string => !!phone && phone !== "invalid");
  const existingKeys = new Set<string>();
  const customersByName = new Map<string, string>();
  const customerIds = new Set<string>();
  if (kind === "customers") {
    const names = values("name");
    const phoneList = phones(["phone"]);
    const found = await db.customer.findMany({
      where: { deletedAt: null, OR: [{ name: { in: names, mode: "insensitive" } }, ...(phoneList.length ? [{ phone: { in: phoneList } }] : [])] },
      select: { name: true, phone: true },
    });
    for (const customer of found) for (const key of customerKeys(customer)) existingKeys.add(key);
  } else {
    const typed = values("customer");
    const found = await db.customer.findMany({
      where: { deletedAt: null, OR: [{ id: { in: typed.filter((value) => value.length <= 40) } }, { name: { in: typed, mode: "insensitive" } }] },
      select: { id: true, name: true },
      orderBy: { createdAt: "asc" },
    });
    for (const customer of found) {
      customerIds.add(customer.id);
      if (!customersByName.has(customer.name.toLowerCase())) customersByName.set(customer.name.toLowerCase(), customer.id);
    }
    const emails = values("email").map((email) => email.toLowerCase());
    const phoneList = phones(["phone", "mobile"]);
    const contacts = await db.contact.findMany({
      where: {
        deletedAt: null,
        OR: [{ email: { in: emails } }, ...(phoneList.length ? [{ phone: { in: phoneList } }, { mobile: { in: phoneList } }] : [])],
      },
      select: { email: true, phone: true, mobile: true },
    });
    for (const contact of contacts) for (const key of contactKeys(contact)) existingKeys.add(key);
  }
  return { members, customersByName, customerIds, existingKeys };
}
