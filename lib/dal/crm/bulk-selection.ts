import "server-only";

// What a bulk action on a list acts on, and what it answers. Shared by the customer and the
// opportunity bulk actions (lib/dal/customers/bulk-update-customers.ts,
// lib/dal/opportunities/bulk-update-opportunities.ts).

/**
 * The most records one bulk action changes. "All N matching" above this is refused with the count
 * (the member narrows the filters), never silently cut to the first BULK_LIMIT: a change that
 * stops part-way through a filter would leave the member guessing which records it reached.
 */
export const BULK_LIMIT = 10_000;

/** The most ids a member can tick by hand: one page of the largest page size. */
export const BULK_IDS_MAX = 200;

/** Rows ticked on the page, or every record the list's filters (parsed from the URL on the server) match. */
export type BulkSelection<Filters> = { ids: string[] } | { filters: Filters };

export type BulkSkipReason = "notFound" | "unchanged" | "tagsFull";

export type BulkOutcome =
  | {
      ok: true;
      changed: number;
      /** Why the others were left alone: not found or not the member's to change, already so, no room for another tag. */
      skipped: Record<BulkSkipReason, number>;
      /** For a move to the trash: the instant every record of this action was stamped with, the key of its undo. */
      trashedAt?: Date;
    }
  | { ok: false; reason: "nothingSelected" }
  | { ok: false; reason: "tooMany"; limit: number }
  | { ok: false; reason: "ownerInvalid" | "stageInvalid" | "lostReasonRequired" };

/** Ids ticked by hand, without repeats or anything that can't be an id. */
export function cleanIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter((id) => /^[A-Za-z0-9_-]{1,40}$/.test(id)))].slice(0, BULK_IDS_MAX);
}

