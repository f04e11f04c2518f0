import { z } from "zod";
import { COMPANY_SIZES, CUSTOMER_STATUSES, INDUSTRIES, SOURCES } from "@/lib/validation/customer";

// The customer list's URL: every filter, the sort and the page live in the query string so that
// a view can be shared. Parsing never throws: an unknown value is dropped and named in `ignored`
// so the page can say so.

// Every column the list can be sorted by from its header. Status sorts in its lifecycle order (lead,
// active, inactive); phone and location put customers without one last (first when descending).
export const CUSTOMER_SORTS = ["name", "status", "phone", "city", "createdAt", "updatedAt"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

// Columns a member can show or hide (name always shows). Kept in the URL (?cols=…) so a shared
// link, and a saved view, show the same table.
export const CUSTOMER_COLUMNS = ["status", "owner", "industry", "source", "size", "phone", "city", "tags", "contacts", "createdAt", "updatedAt"] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export const DEFAULT_CUSTOMER_COLUMNS: CustomerColumn[] = ["status", "owner", "industry", "phone", "city", "contacts"];

/** ?cols=status,owner (a link) or ?col=status&col=owner (the columns form); unknown names are dropped. */
export function parseCustomerColumns(raw: string | string[] | undefined): CustomerColumn[] {
  const text = Array.isArray(raw) ? raw.join(",") : raw;
  if (!text) return DEFAULT_CUSTOMER_COLUMNS;
  const chosen = text.split(",").filter((value): value is CustomerColumn => (CUSTOMER_COLUMNS as readonly string[]).includes(value));
  return chosen.length ? chosen : DEFAULT_CUSTOMER_COLUMNS;
}

/** The ?cols= value for a choice of columns; none when it is the default. */
export function customerColumnsParam(columns: readonly CustomerColumn[]): string | undefined {
  return columns.join(",") === DEFAULT_CUSTOMER_COLUMNS.join(",") ? undefined : columns.join(",");
}

export type CustomerListQuery = {
  q?: string;
  owner?: string;
  status?: (typeof CUSTOMER_STATUSES)[number];
  tag?: string;
  industry?: (typeof INDUSTRIES)[number];
  source?: (typeof SOURCES)[number];
  size?: (typeof COMPANY_SIZES)[number];
  sort: CustomerSort;
  dir: "asc" | "desc";
  cursor?: string;
  pageSize: number;
};

export type ParsedCustomerListQuery = { query: CustomerListQuery; ignored: string[] };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

const fields = {
  q: z.string().trim().min(1).max(200),
  owner: z.string().trim().regex(/^(me|[a-z0-9]{1,40})$/i),
  status: z.enum(CUSTOMER_STATUSES),
  tag: z.string().trim().min(1).max(40),
  industry: z.enum(INDUSTRIES),
  source: z.enum(SOURCES),
  size: z.enum(COMPANY_SIZES),
  cursor: z.string().min(1).max(1000).regex(/^[A-Za-z0-9_-]+$/),
} as const;

export function parseCustomerListQuery(params: Params): ParsedCustomerListQuery {
  const ignored: string[] = [];
  const query: CustomerListQuery = { sort: "name", dir: "asc", pageSize: DEFAULT_PAGE_SIZE };
  for (const [key, schema] of Object.entries(fields)) {
    const raw = first(params, key);
    if (raw === undefined || raw === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) (query as Record<string, unknown>)[key] = parsed.data;
    else ignored.push(key);
  }
  const sort = first(params, "sort");
  if (sort) {
    // "name", "-name" (descending), "createdAt", "-updatedAt" …
    const descending = sort.startsWith("-");
    const key = descending ? sort.slice(1) : sort;
    if ((CUSTOMER_SORTS as readonly string[]).includes(key)) {
      query.sort = key as CustomerSort;
      query.dir = descending ? "desc" : "asc";
    } else ignored.push("sort");
  }
  const size = first(params, "pageSize");
  if (size) {
    const n = Number(size);
    if ((PAGE_SIZES as readonly number[]).includes(n)) query.pageSize = n;
    else ignored.push("pageSize");
  }
  return { query, ignored };
}

/** The URL query of a list view, without the cursor (filters and sort only), e.g. for links. */
export function customerListSearchParams(query: Partial<CustomerListQuery>, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["q", "owner", "status", "tag", "industry", "source", "size"] as const) {
    const value = query[key];
    if (value) out.set(key, value);
  }
  if (query.sort && (query.sort !== "name" || query.dir === "desc")) out.set("sort", `${query.dir === "desc" ? "-" : ""}${query.sort}`);
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) out.set("pageSize", String(query.pageSize));
  for (const [key, value] of Object.entries(extra)) if (value) out.set(key, value);
  return out;
}
