import Link from "next/link";

// A list's column header that sorts by its column: a link to the same list sorted by it (the sort
// lives in the URL, so it works without JavaScript and can be shared), reached with Tab and
// followed with Enter. The header cell itself carries aria-sort (sortState) for the sorted column.

export type SortDirection = "asc" | "desc";

/** aria-sort for a column's header cell: only the sorted column says how. */
export function sortState(active: boolean, dir: SortDirection): "ascending" | "descending" | undefined {
  return active ? (dir === "asc" ? "ascending" : "descending") : undefined;
}

/**
 * The direction a header's link sorts in: the other one when the column is already sorted, else
 * the column's natural first direction (A–Z for text, newest or largest first for dates and amounts).
 */
export function nextDirection(active: boolean, dir: SortDirection, first: SortDirection): SortDirection {
  return active ? (dir === "asc" ? "desc" : "asc") : first;
}

export function SortHeaderLink({ href, label, sortByLabel, active, dir, stateLabel }: { href: string; label: string; sortByLabel: string; active: boolean; dir: SortDirection; stateLabel: string }) {
  return (
    <Link
      href={href}
      scroll={false}
      className="-mx-1 inline-flex items-center gap-1 rounded px-1 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      aria-label={active ? `${sortByLabel} (${stateLabel})` : sortByLabel}
      data-sort-active={active ? dir : undefined}
    >
      {label}
      <span aria-hidden="true" className={active ? "" : "text-slate-400 dark:text-slate-500"}>
        {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
      </span>
    </Link>
  );
}
