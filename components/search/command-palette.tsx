"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { SearchHit, SearchResults } from "@/lib/dal/search/search-records";

// Ctrl/Cmd+K (or the Search button) opens a search across customers, contacts and
// opportunities: an ARIA 1.2 combobox (the input) controlling a grouped listbox. Arrow keys move
// through the results, Enter opens one, Escape closes and gives focus back.

type Group = { key: "customers" | "contacts" | "opportunities"; hits: SearchHit[] };

function hrefFor(base: string, hit: SearchHit): string {
  if (hit.kind === "customer") return `${base}/customers/${hit.id}`;
  if (hit.kind === "contact") return `${base}/customers/${hit.customerId}/contacts/${hit.id}`;
  return `${base}/opportunities/${hit.id}`;
}

export function CommandPalette({ slug }: { slug: string }) {
  const t = useTranslations("search");
  const router = useRouter();
  const base = `/${slug}`;
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  // The latest answer and the text it answers: results for an older text are not shown.
  const [answer, setAnswer] = useState<{ q: string; results: SearchResults | null } | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const listboxId = `${id}-listbox`;

  const text = q.trim();
  const results = answer && answer.q === text ? answer.results : null;
  const status: "idle" | "loading" | "error" = text.length < 2 ? "idle" : !answer || answer.q !== text ? "loading" : answer.results ? "idle" : "error";
  const groups: Group[] = results
    ? ([
        { key: "customers", hits: results.customers },
        { key: "contacts", hits: results.contacts },
        { key: "opportunities", hits: results.opportunities },
      ] as Group[]).filter((group) => group.hits.length > 0)
    : [];
  const flat = groups.flatMap((group) => group.hits);
  const optionId = (index: number) => `${id}-option-${index}`;

  const close = useCallback(() => {
    setOpen(false);
    triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    if (text.length < 2) return;
    const controller = new AbortController();
    // Debounced: one request once typing pauses, the previous one cancelled.
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`${base}/search?q=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const found = (await response.json()) as SearchResults;
        setAnswer({ q: text, results: found });
        setActive(0);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setAnswer({ q: text, results: null });
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open, base]);

  function go(hit: SearchHit | undefined) {
    if (!hit) return;
    setOpen(false);
    setQ("");
    router.push(hrefFor(base, hit));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (flat.length) setActive((n) => (n + 1) % flat.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (flat.length) setActive((n) => (n - 1 + flat.length) % flat.length);
    } else if (event.key === "Home" && flat.length) {
      setActive(0);
    } else if (event.key === "End" && flat.length) {
      setActive(flat.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(flat[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      // The dialog is modal: focus stays in the search box.
      event.preventDefault();
    }
  }

  const expanded = open && flat.length > 0;
  let index = -1;
  const statusText =
    text.length < 2 ? t("hint") : status === "loading" ? t("searching") : status === "error" ? t("failed") : flat.length === 0 ? t("noResults", { q: text }) : t("resultCount", { count: flat.length });

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        onClick={() => setOpen(true)}
        className="flex min-h-11 w-full items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="open-search"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" />
        </svg>
        {/* Named by its text at every width; shown where the sidebar has room for it. */}
        <span className="sr-only lg:not-sr-only">{t("button")}</span>
        <kbd aria-hidden="true" className="ml-auto hidden whitespace-nowrap rounded border border-slate-300 px-1.5 text-xs text-slate-600 lg:inline dark:border-slate-600 dark:text-slate-400">Ctrl K</kbd>
      </button>
      {open ? (
        <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/50 p-3 pt-[10vh] sm:p-6 sm:pt-[12vh]" onMouseDown={(event) => event.target === event.currentTarget && close()}>
          <div role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} className="w-full max-w-xl overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-2xl dark:border-slate-700 dark:bg-slate-900" data-testid="command-palette">
            <h2 id={`${id}-title`} className="sr-only">
              {t("title")}
            </h2>
            <div className="flex items-center gap-2 border-b border-slate-200 px-4 dark:border-slate-700">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
                <circle cx="9" cy="9" r="6" />
                <path d="m14 14 4 4" />
              </svg>
              <input
                ref={inputRef}
                role="combobox"
                aria-expanded={expanded}
                aria-controls={listboxId}
                aria-autocomplete="list"
                aria-activedescendant={expanded ? optionId(active) : undefined}
                aria-label={t("label")}
                aria-describedby={`${id}-status`}
                value={q}
                onChange={(event) => setQ(event.target.value)}
                onKeyDown={onKeyDown}
                placeholder={t("placeholder")}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                className="min-h-14 w-full bg-transparent text-base text-slate-900 outline-none placeholder:text-slate-400 dark:text-slate-100"
              />
              <button type="button" onClick={close} className="rounded-md px-2 py-1 text-xs font-medium text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800">
                {t("close")}
              </button>
            </div>
            <div id={listboxId} role="listbox" aria-label={t("results")} className="max-h-[60vh] overflow-y-auto p-2">
              {groups.map((group) => (
                <div key={group.key} role="group" aria-labelledby={`${id}-${group.key}`} className="mb-2">
                  <div id={`${id}-${group.key}`} role="presentation" className="px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                    {t(`groups.${group.key}`)}
                  </div>
                  {group.hits.map((hit) => {
                    index += 1;
                    const mine = index;
                    return (
                      <div
                        key={`${hit.kind}-${hit.id}`}
                        id={optionId(mine)}
                        role="option"
                        aria-selected={mine === active}
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => go(hit)}
                        onMouseMove={() => setActive(mine)}
                        className={`cursor-pointer rounded-lg px-3 py-2 ${mine === active ? "bg-brand-50 text-slate-900 dark:bg-slate-800 dark:text-white" : "text-slate-900 dark:text-slate-100"}`}
                      >
                        <span className="block truncate font-medium">{hit.title}</span>
                        {hit.detail ? <span className="block truncate text-sm text-slate-600 dark:text-slate-400">{hit.detail}</span> : null}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
            <p id={`${id}-status`} role="status" aria-live="polite" className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {statusText}
            </p>
          </div>
        </div>
      ) : null}
    </>
  );
}
