import { isKnownAuditEventType, type KnownAuditEventType } from "./event-types";

// The audit log's filters live in the URL (a GET form), so a filtered view can be bookmarked,
// shared with another admin, and exported exactly as shown. Everything from the URL is treated
// as untrusted: unknown values are dropped, and a bad date range is reported, never thrown.

export type AuditFilters = {
  /** A member who is the actor OR the target of the event. */
  personId: string | null;
  type: KnownAuditEventType | null;
  /** Inclusive start (00:00 UTC of the "from" day). */
  from: Date | null;
  /** Exclusive end (00:00 UTC of the day after the "to" day). */
  toExclusive: Date | null;
};

/** The filter fields as typed, for putting back into the form and into links. */
export type AuditFilterInput = { person: string; type: string; from: string; to: string };

export type AuditFilterError = "invalidFrom" | "invalidTo" | "reversedRange";

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

export const NO_AUDIT_FILTERS: AuditFilters = { personId: null, type: null, from: null, toExclusive: null };

function param(params: SearchParamsLike, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return (first ?? "").trim().slice(0, 100);
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a YYYY-MM-DD day (plus `addDays`), or null when it is not a real calendar day. */
export function utcDay(value: string, addDays = 0): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return addDays ? new Date(date.getTime() + addDays * 86_400_000) : date;
}

export function parseAuditFilters(params: SearchParamsLike): {
  filters: AuditFilters;
  input: AuditFilterInput;
  errors: AuditFilterError[];
} {
  const input: AuditFilterInput = {
    person: param(params, "person"),
    type: param(params, "type"),
    from: param(params, "from"),
    to: param(params, "to"),
  };
  const errors: AuditFilterError[] = [];
  let from = input.from ? utcDay(input.from) : null;
  let toExclusive = input.to ? utcDay(input.to, 1) : null;
  if (input.from && !from) errors.push("invalidFrom");
  if (input.to && !toExclusive) errors.push("invalidTo");
  if (from && toExclusive && from >= toExclusive) {
    // A reversed range would match nothing; say so and show the other filters' results instead.
    errors.push("reversedRange");
    from = null;
    toExclusive = null;
  }
  return {
    filters: {
      personId: ID.test(input.person) ? input.person : null,
      type: isKnownAuditEventType(input.type) ? input.type : null,
      from,
      toExclusive,
    },
    input: {
      ...input,
      person: ID.test(input.person) ? input.person : "",
      type: isKnownAuditEventType(input.type) ? input.type : "",
    },
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// Keyset cursors: "<createdAt in epoch ms>_<id>". Pages are newest first, ordered by
// (createdAt desc, id desc), so events with the same timestamp still page without gaps or repeats.

export type AuditCursor = { createdAt: Date; id: string };

const CURSOR = /^(\d{1,15})_([A-Za-z0-9-]{1,64})$/;

export function encodeAuditCursor(row: AuditCursor): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

export function parseAuditCursor(value: string | string[] | null | undefined): AuditCursor | null {
  const text = Array.isArray(value) ? value[0] : value;
  const match = text ? CURSOR.exec(text) : null;
  if (!match) return null;
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

/** The query string for these filters (empty fields left out), plus e.g. a cursor. */
export function auditQueryString(input: AuditFilterInput, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...input, ...extra })) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}
