import { z } from "zod";

// The opportunity board's and table's URL: filters, view, sort and page live in the query string
// so a view can be shared. Parsing never throws: a bad value is dropped and named in `ignored` so
// the page can say so.

// The table's sortable columns (each header sorts by one). An opportunity without an expected close
// date sorts after every date (before them when descending).
export const OPPORTUNITY_SORTS = ["createdAt", "title", "amount", "probability", "expectedCloseDate", "updatedAt"] as const;
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number];
export const OPPORTUNITY_PAGE_SIZE = 50;

export type OpportunityListQuery = {
  view: "board" | "table";
  q?: string;
  owner?: string;
  stage?: string;
  customer?: string;
  tag?: string;
  closeFrom?: string;
  closeTo?: string;
  sort: OpportunitySort;
  dir: "asc" | "desc";
  cursor?: string;
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  });

const fields = {
  q: z.string().trim().min(1).max(200),
  owner: z.string().trim().regex(/^(me|[a-z0-9]{1,40})$/i),
  stage: z.string().trim().regex(/^[a-z0-9]{1,40}$/i),
  customer: z.string().trim().regex(/^[a-z0-9]{1,40}$/i),
  tag: z.string().trim().min(1).max(40),
  closeFrom: realDate,
  closeTo: realDate,
  cursor: z.string().min(1).max(1000).regex(/^[A-Za-z0-9_-]+$/),
} as const;

export function parseOpportunityListQuery(params: Params): { query: OpportunityListQuery; ignored: string[] } {
  const ignored: string[] = [];
  const query: OpportunityListQuery = { view: "board", sort: "createdAt", dir: "desc" };
  for (const [key, schema] of Object.entries(fields)) {
    const raw = first(params, key);
    if (raw === undefined || raw === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) (query as Record<string, unknown>)[key] = parsed.data;
    else ignored.push(key);
  }
  if (query.closeFrom && query.closeTo && query.closeFrom > query.closeTo) {
    ignored.push("closeTo");
    delete query.closeTo;
  }
  const view = first(params, "view");
  if (view === "table" || view === "board") query.view = view;
  else if (view) ignored.push("view");
  const sort = first(params, "sort");
  if (sort) {
    const descending = sort.startsWith("-");
    const key = descending ? sort.slice(1) : sort;
    if ((OPPORTUNITY_SORTS as readonly string[]).includes(key)) {
      query.sort = key as OpportunitySort;
      query.dir = descending ? "desc" : "asc";
    } else ignored.push("sort");
  }
  return { query, ignored };
}

/** The query string of a view (filters, view and sort; no cursor unless given). */
export function opportunityListSearchParams(query: Partial<OpportunityListQuery>, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["view", "q", "owner", "stage", "customer", "tag", "closeFrom", "closeTo"] as const) {
    const value = query[key];
    if (value) out.set(key, value);
  }
  if (query.sort && !(query.sort === "createdAt" && query.dir === "desc")) out.set("sort", `${query.dir === "desc" ? "-" : ""}${query.sort}`);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === "") out.delete(key);
    else out.set(key, value);
  }
  return out;
}
