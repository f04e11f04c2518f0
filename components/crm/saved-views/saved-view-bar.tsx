import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/components/forms/use-action-form";
import type { SavedViewSummary } from "@/lib/dal/lists/saved-views";
import type { SavedViewList } from "@/lib/validation/saved-view";
import { SaveViewForm, UpdateViewForm, ViewOptions } from "./saved-view-forms";

// Above a list: "All customers" and the member's saved views as links (one click switches; the
// link carries the view's query and its id, so a copied address reopens the same list for a
// colleague whether or not they may see the view), then what may be done with the list as it is
// now: save it as a new view, update the selected one, rename or delete it.

export type SavedViewActions = { create: FormAction; overwrite: FormAction; rename: FormAction; remove: FormAction };

/** The list's address with a view selected: its (re-validated) query plus ?savedView=<id>. */
export function savedViewHref(base: string, view: Pick<SavedViewSummary, "id" | "query">): string {
  const search = new URLSearchParams(view.query);
  search.set("savedView", view.id);
  return `${base}?${search.toString()}`;
}

export async function SavedViewBar({
  list,
  base,
  views,
  selected,
  modified,
  query,
  actions,
}: {
  list: SavedViewList;
  base: string;
  views: SavedViewSummary[];
  selected: SavedViewSummary | null;
  /** The list differs from the selected view (or, with none selected, from the unfiltered list). */
  modified: boolean;
  /** The list's current query, canonical, as a view would save it. */
  query: string;
  actions: SavedViewActions;
}) {
  const t = await getTranslations("savedViews");
  const tab = (current: boolean) =>
    `inline-flex min-h-9 items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${
      current ? "bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    }`;
  return (
    // The tabs take the row; the actions sit beside them while they fit and move under them (to the right) when not.
    <div className="relative mb-4 flex flex-wrap items-start gap-2" data-testid="saved-view-bar">
      <nav aria-label={t("barLabel")} className="min-w-0 flex-[1_1_24rem]">
        <ul className="flex flex-wrap gap-1">
          <li>
            <Link href={base} className={tab(selected === null)} aria-current={selected === null ? "page" : undefined}>
              {t(list === "customers" ? "allCustomers" : "allOpportunities")}
            </Link>
          </li>
          {views.map((view) => {
            const current = selected?.id === view.id;
            return (
              <li key={view.id}>
                <Link href={savedViewHref(base, view)} className={tab(current)} aria-current={current ? "page" : undefined} data-testid="saved-view-link">
                  {view.name}
                  {view.shared ? (
                    <span
                      className={`rounded-full px-1.5 py-0.5 text-[0.7rem] font-semibold ${current ? "bg-white text-brand-700" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
                      title={view.mine ? undefined : t("sharedBy", { name: view.ownerName })}
                    >
                      {t("sharedBadge")}
                      {view.mine ? null : <span className="sr-only">, {t("sharedBy", { name: view.ownerName })}</span>}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
        {selected && modified ? (
          <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="view-modified">
            {t("modified")}
          </p>
        ) : null}
        {selected && modified && selected.canManage ? <UpdateViewForm action={actions.overwrite} list={list} view={selected.id} name={selected.name} query={query} /> : null}
        {modified ? <SaveViewForm action={actions.create} list={list} query={query} /> : null}
        {selected?.canManage ? (
          <ViewOptions
            renameAction={actions.rename}
            deleteAction={actions.remove}
            list={list}
            view={selected.id}
            name={selected.name}
            mine={selected.mine}
            shared={selected.shared}
            query={query}
          />
        ) : null}
      </div>
    </div>
  );
}
