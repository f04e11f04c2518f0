"use client";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

// Which rows of a list page are ticked for a bulk action, shared by the row checkboxes, the
// header's "Select all on this page" and the bulk bar. Only ids of the rows on the page count: after
// a navigation or a change that removes rows (the trash), ticks of rows no longer shown drop out.
// "All matching" holds for the filters it was chosen under and ends when a row is unticked.

type Selection = {
  pageIds: readonly string[];
  selected: string[];
  allMatching: boolean;
  filters: string;
  toggle: (id: string, on: boolean) => void;
  setPage: (on: boolean) => void;
  selectAllMatching: () => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

export function useBulkSelection(): Selection {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("useBulkSelection needs a BulkSelectionProvider");
  return selection;
}

export function BulkSelectionProvider({ pageIds, filters, children }: { pageIds: readonly string[]; filters: string; children: ReactNode }) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [allMatchingFor, setAllMatchingFor] = useState<string | null>(null);
  const value = useMemo<Selection>(() => {
    const selected = pageIds.filter((id) => picked.has(id));
    return {
      pageIds,
      selected,
      allMatching: allMatchingFor === filters && selected.length === pageIds.length && pageIds.length > 0,
      filters,
      toggle: (id, on) =>
        setPicked((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      setPage: (on) => setPicked(on ? new Set(pageIds) : new Set()),
      selectAllMatching: () => {
        setPicked(new Set(pageIds));
        setAllMatchingFor(filters);
      },
      clear: () => {
        setPicked(new Set());
        setAllMatchingFor(null);
      },
    };
  }, [pageIds, picked, allMatchingFor, filters]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

const boxClass = "h-5 w-5 rounded border-slate-400 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:accent-brand-400";

/** A row's tick box, labelled with the record's name ("Select Acme Ltd"); the label is the whole cell, a finger-sized target. */
export function RowSelectCheckbox({ id, name }: { id: string; name: string }) {
  const t = useTranslations("bulk");
  const { selected, toggle } = useBulkSelection();
  return (
    <label className="-m-2 inline-flex cursor-pointer p-2">
      <input type="checkbox" className={boxClass} checked={selected.includes(id)} onChange={(event) => toggle(id, event.currentTarget.checked)} data-testid="select-row" />
      <span className="sr-only">{t("selectRow", { name })}</span>
    </label>
  );
}

/** The header's tick box: all rows on the page, mixed when some are ticked. */
export function PageSelectCheckbox() {
  const t = useTranslations("bulk");
  const { pageIds, selected, setPage } = useBulkSelection();
  const all = pageIds.length > 0 && selected.length === pageIds.length;
  const some = selected.length > 0 && !all;
  return (
    <label className="-m-2 inline-flex cursor-pointer p-2">
      <input
        type="checkbox"
        className={boxClass}
        checked={all}
        ref={(box) => {
          if (box) box.indeterminate = some;
        }}
        onChange={(event) => setPage(event.currentTarget.checked)}
        data-testid="select-page"
      />
      <span className="sr-only">{t("selectPage")}</span>
    </label>
  );
}
