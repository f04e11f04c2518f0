import "server-only";
import { can } from "@/lib/auth/permissions";
import { auditEventRow, type AuditEventType } from "@/lib/auth/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SavedViewList } from "@/lib/validation/saved-view";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { customerColumnsParam, customerListSearchParams, parseCustomerColumns, parseCustomerListQuery } from "../customers/list-query";
import { opportunityListSearchParams, parseOpportunityListQuery } from "../opportunities/list-query";

// Saved views of the customer and opportunity lists, like Twenty's: a name and the list's query
// string (filters, sort, columns; board or table for opportunities). A view is personal (only its
// creator sees it) or shared with the workspace (every member sees it; only its creator or an
// Owner/Admin renames, overwrites or deletes it, and those changes are audited like other settings).
//
// The stored query is never trusted: it is made from the list's own parser's output when saved,
// and parsed again (and its member and customer ids checked against this workspace) every time it
// is applied, so a row written some other way applies only what the list itself would accept. A
// view applies through the list's DAL with the viewer's own visibility, so a Sales rep who opens
// a shared view sees only the records they may see.

export type SavedViewSummary = {
  id: string;
  name: string;
  shared: boolean;
  /** The creator's name (for a shared view someone else made). */
  ownerName: string;
  /** Made by the member looking. */
  mine: boolean;
  /** The member looking may rename, overwrite or delete it. */
  canManage: boolean;
  /** The list's query string, as the list's parser accepts it today. */
  query: string;
};

export type SavedViewError = "savedViewNotFound" | "savedViewNameTaken" | "savedViewNotYours";

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function toSearchParams(params: Params | string): URLSearchParams {
  if (typeof params === "string") return new URLSearchParams(params);
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) out.append(key, one);
  }
  return out;
}

/**
 * The list's query string as its own parser reads it, in one canonical order: what a view saves,
 * and what the page compares with a view to tell whether the list was changed since. The page
 * (cursor), unknown keys and bad values are dropped.
 */
export function canonicalListQuery(list: SavedViewList, params: Params | string): string {
  const search = toSearchParams(params);
  if (list === "customers") {
    const { query } = parseCustomerListQuery(search);
    const cols = search.get("cols") ?? search.getAll("col");
    return customerListSearchParams(query, { cols: customerColumnsParam(parseCustomerColumns(cols)) }).toString();
  }
  const { query } = parseOpportunityListQuery(search);
  return opportunityListSearchParams({ ...query, cursor: undefined }).toString();
}

/**
 * The filters of a list's query that name a member or customer this workspace doesn't have (an id
 * from another workspace): the list would match nothing by them, and they must not carry another
 * workspace's ids into this one's pages.
 */
async function foreignIdKeys(ctx: MemberContext, list: SavedViewList, search: URLSearchParams): Promise<string[]> {
  const parsed = new URLSearchParams(canonicalListQuery(list, search));
  const db = authorize(ctx, "records.read");
  const keys: string[] = [];
  const owner = parsed.get("owner");
  if (owner && owner !== "me" && (await db.user.count({ where: { id: owner } })) === 0) keys.push("owner");
  const customer = list === "opportunities" ? parsed.get("customer") : null;
  // Only whether it is this workspace's: visibility is the list's own business (a Sales rep may own
  // an opportunity of a customer they don't own, and the list applies their scope anyway).
  if (customer && (await db.customer.count({ where: { id: customer } })) === 0) keys.push("customer");
  return keys;
}

/** A stored query made safe to apply: parsed again, and filters naming ids foreign to the workspace dropped. */
async function checkedQuery(ctx: MemberContext, list: SavedViewList, stored: string): Promise<{ query: string; dropped: string[] }> {
  const search = new URLSearchParams(canonicalListQuery(list, stored));
  const dropped = await foreignIdKeys(ctx, list, search);
  for (const key of dropped) search.delete(key);
  return { query: search.toString(), dropped };
}

function visibleTo(ctx: MemberContext, list: SavedViewList): Prisma.SavedViewWhereInput {
  return { list, OR: [{ userId: ctx.user.id }, { shared: true }] };
}

const SELECT = { id: true, name: true, shared: true, query: true, userId: true, user: { select: { name: true } } } as const;
type Row = Prisma.SavedViewGetPayload<{ select: typeof SELECT }>;

function mayManage(ctx: MemberContext, row: { userId: string; shared: boolean }): boolean {
  return row.userId === ctx.user.id || (row.shared && can(ctx.role, "workspace.manageSettings"));
}

function summary(ctx: MemberContext, list: SavedViewList, row: Row): SavedViewSummary {
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    ownerName: row.user.name,
    mine: row.userId === ctx.user.id,
    canManage: mayManage(ctx, row),
    query: canonicalListQuery(list, row.query),
  };
}

const nameKey = (name: string) => name.trim().toLocaleLowerCase("en");

/** The views of a list this member may see: their own and the shared ones, by name. */
export async function listSavedViews(ctx: MemberContext, list: SavedViewList): Promise<SavedViewSummary[]> {
  const db = authorize(ctx, "records.read");
  const rows = await db.savedView.findMany({ where: visibleTo(ctx, list), select: SELECT, orderBy: [{ nameKey: "asc" }, { id: "asc" }] });
  return rows.map((row) => summary(ctx, list, row));
}

/** One view this member may see, its query checked against the workspace; null when there is none. */
export async function getSavedView(ctx: MemberContext, list: SavedViewList, id: string): Promise<(SavedViewSummary & { dropped: string[] }) | null> {
  const db = authorize(ctx, "records.read");
  const row = await db.savedView.findFirst({ where: { AND: [{ id }, visibleTo(ctx, list)] }, select: SELECT });
  if (!row) return null;
  const { query, dropped } = await checkedQuery(ctx, list, row.query);
  return { ...summary(ctx, list, row), query, dropped };
}

/** The unique (creator, list, name) index refused the row: Prisma's P2002, read by its code alone. */
function isNameTaken(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "P2002";
}

function auditEvent(ctx: MemberContext, meta: RequestMeta, type: AuditEventType, data: Prisma.InputJsonObject) {
  return { tenantId: ctx.tenant.id, type, actorUserId: ctx.user.id, ip: meta.ip, userAgent: meta.userAgent, data };
}

export type CreateSavedViewInput = { list: SavedViewList; name: string; shared: boolean; query: string };

/** Saves the list's current query under a name unique among this member's views of the list. */
export async function createSavedView(ctx: MemberContext, input: CreateSavedViewInput, meta: RequestMeta): Promise<{ id: string } | { error: SavedViewError }> {
  const db = authorize(ctx, "records.read");
  const name = input.name.trim();
  const query = canonicalListQuery(input.list, input.query);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.savedView.create({
        data: { tenantId: ctx.tenant.id, userId: ctx.user.id, list: input.list, name, nameKey: nameKey(name), shared: input.shared, query },
        select: { id: true },
      });
      if (input.shared) await tx.auditEvent.create({ data: auditEventRow(auditEvent(ctx, meta, "saved_view.shared", { viewId: row.id, name, list: input.list, filters: query })) });
      return row;
    });
  } catch (error) {
    if (isNameTaken(error)) return { error: "savedViewNameTaken" };
    throw error;
  }
}

export type SavedViewChange = { query: string } | { name: string; shared?: boolean };

/**
 * Overwrites a view's query with the list's current one, or renames it (and, for its creator,
 * shares or unshares it). Only its creator, or an Owner/Admin for a shared view.
 */
export async function changeSavedView(ctx: MemberContext, list: SavedViewList, id: string, change: SavedViewChange, meta: RequestMeta): Promise<{ ok: true } | { error: SavedViewError }> {
  const db = authorize(ctx, "records.read");
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.savedView.findFirst({ where: { AND: [{ id }, visibleTo(ctx, list)] }, select: { id: true, userId: true, shared: true, name: true, query: true } });
      if (!row) return { error: "savedViewNotFound" as const };
      if (!mayManage(ctx, row)) return { error: "savedViewNotYours" as const };
      const data: Prisma.SavedViewUpdateInput = {};
      if ("query" in change) data.query = canonicalListQuery(list, change.query);
      else {
        data.name = change.name.trim();
        data.nameKey = nameKey(change.name);
        // Only the creator decides who sees their view; an Admin tidying a shared view can't take it away from the workspace.
        if (change.shared !== undefined && row.userId === ctx.user.id) data.shared = change.shared;
      }
      await tx.savedView.update({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: row.id } }, data });
      const sharedAfter = typeof data.shared === "boolean" ? data.shared : row.shared;
      if (row.shared || sharedAfter) {
        const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
        if (typeof data.name === "string" && data.name !== row.name) changes.name = { from: row.name, to: data.name };
        if (typeof data.query === "string" && data.query !== row.query) changes.query = { from: row.query, to: data.query };
        if (sharedAfter !== row.shared) changes.shared = { from: row.shared, to: sharedAfter };
        if (Object.keys(changes).length > 0) {
          await tx.auditEvent.create({ data: auditEventRow(auditEvent(ctx, meta, "saved_view.changed", { viewId: row.id, name: typeof data.name === "string" ? data.name : row.name, list, changes })) });
        }
      }
      return { ok: true as const };
    });
  } catch (error) {
    if (isNameTaken(error)) return { error: "savedViewNameTaken" };
    throw error;
  }
}

/** Deletes a view: its creator, or an Owner/Admin for a shared one. */
export async function deleteSavedView(ctx: MemberContext, list: SavedViewList, id: string, meta: RequestMeta): Promise<{ ok: true } | { error: SavedViewError }> {
  const db = authorize(ctx, "records.read");
  return db.$transaction(async (tx) => {
    const row = await tx.savedView.findFirst({ where: { AND: [{ id }, visibleTo(ctx, list)] }, select: { id: true, userId: true, shared: true, name: true } });
    if (!row) return { error: "savedViewNotFound" as const };
    if (!mayManage(ctx, row)) return { error: "savedViewNotYours" as const };
    await tx.savedView.delete({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: row.id } } });
    if (row.shared) await tx.auditEvent.create({ data: auditEventRow(auditEvent(ctx, meta, "saved_view.deleted", { viewId: row.id, name: row.name, list })) });
    return { ok: true as const };
  });
}

// The keys of each list's own state in its address; anything else (?deleted=, ?exportReady=) is
// page flow, not part of what a view shows.
const LIST_KEYS: Record<SavedViewList, readonly string[]> = {
  customers: ["q", "owner", "status", "tag", "industry", "source", "size", "sort", "pageSize", "cursor", "cols", "col"],
  opportunities: ["view", "q", "owner", "stage", "customer", "tag", "closeFrom", "closeTo", "sort", "cursor"],
};

const VIEW_ID = /^[a-z0-9]{1,40}$/i;

export type ListRequest = {
  /** The list's state to show: the address's own, or the selected view's when the address names only the view. */
  params: URLSearchParams;
  /** Every view of the list this member may see. */
  views: SavedViewSummary[];
  /** The view named by ?savedView=, when this member may see it. */
  selected: (SavedViewSummary & { dropped: string[] }) | null;
  /** ?savedView= named a view this member can't see (deleted, or someone else's personal one). */
  viewMissing: boolean;
  /** Filters left out because they named a member or customer foreign to this workspace. */
  dropped: string[];
  /** The list's current state as a view saves it. */
  query: string;
  /** The list differs from the selected view (from the unfiltered list when none is). */
  modified: boolean;
};

/**
 * What a list page shows for its address. A view's link carries its query and ?savedView=<id>:
 * the address's own state always wins, so a copied link shows the same list to anyone; an address
 * with only ?savedView= (no state of the list's own) opens the view as it is saved now.
 */
export async function resolveListRequest(ctx: MemberContext, list: SavedViewList, raw: Params): Promise<ListRequest> {
  const params = toSearchParams(raw);
  const requested = params.get("savedView");
  params.delete("savedView");
  const views = await listSavedViews(ctx, list);
  let selected: ListRequest["selected"] = null;
  let viewMissing = false;
  if (requested) {
    selected = VIEW_ID.test(requested) && views.some((view) => view.id === requested) ? await getSavedView(ctx, list, requested) : null;
    viewMissing = selected === null;
  }
  let state = params;
  const dropped: string[] = [];
  if (selected && !LIST_KEYS[list].some((key) => params.has(key))) {
    state = new URLSearchParams(selected.query);
    for (const [key, value] of params) state.append(key, value);
    dropped.push(...selected.dropped);
  }
  // Whatever the address or the view says, an id from elsewhere never reaches the list's query.
  for (const key of await foreignIdKeys(ctx, list, state)) {
    state.delete(key);
    dropped.push(key);
  }
  const query = canonicalListQuery(list, state);
  return { params: state, views, selected, viewMissing, dropped, query, modified: query !== (selected ? selected.query : canonicalListQuery(list, "")) };
}
