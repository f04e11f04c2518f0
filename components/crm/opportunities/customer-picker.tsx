"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";

export type CustomerOption = { id: string; name: string };

type SearchState = { status: "idle" } | { status: "searching" } | { status: "done"; results: CustomerOption[] } | { status: "failed" };

/**
 * The customer field: a WAI-ARIA combobox (editable, list autocomplete). Typing searches the
 * customers the member may see; Down/Up move through the results (aria-activedescendant, focus
 * stays in the input), Enter or a click picks one, Escape closes the list (a second Escape clears
 * the text, or goes back to the customer picked before). The number of results is announced. A
 * picked customer shows as its name with a Change button, like a CRM lookup field. Without
 * JavaScript it is a text box: the server takes the customer whose name was typed.
 */
export function CustomerPicker({
  slug,
  customer,
  onPick,
  errors,
  typedQuery,
}: {
  slug: string;
  customer: CustomerOption | null;
  onPick: (customer: CustomerOption | null) => void;
  errors?: string[];
  /** What was typed when a save without JavaScript was refused. */
  typedQuery: string;
}) {
  const t = useTranslations("opportunities");
  const id = useId();
  const inputId = `${id}-q`;
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [q, setQ] = useState(typedQuery);
  const [search, setSearch] = useState<SearchState>({ status: "idle" });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(!customer);
  const [announcement, setAnnouncement] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<"input" | "change" | null>(null);
  const results = search.status === "done" ? search.results : [];

  useEffect(() => {
    if (focusAfter.current === "input") inputRef.current?.focus();
    if (focusAfter.current === "change") changeRef.current?.focus();
    focusAfter.current = null;
  }, [searching]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  function runSearch(text: string) {
    if (timer.current) clearTimeout(timer.current);
    setSearch({ status: "searching" });
    setOpen(true);
    setActive(-1);
    // Only the latest request's answer is shown, whatever order they come back in.
    const mine = ++request.current;
    timer.current = setTimeout(() => {
      fetch(`/${encodeURIComponent(slug)}/opportunities/picker?q=${encodeURIComponent(text)}`)
        .then((response) => (response.ok ? (response.json() as Promise<{ customers?: CustomerOption[] }>) : Promise.reject(new Error(String(response.status)))))
        .then((body) => {
          if (mine !== request.current) return;
          const found = body.customers ?? [];
          setSearch({ status: "done", results: found });
          setAnnouncement(found.length === 0 ? t("fields.noCustomers") : t("fields.customerResults", { count: found.length }));
        })
        .catch(() => {
          if (mine !== request.current) return;
          setSearch({ status: "failed" });
          setAnnouncement(t("fields.customerSearchFailed"));
        });
    }, 200);
  }

  function pick(option: CustomerOption) {
    request.current += 1;
    if (timer.current) clearTimeout(timer.current);
    onPick(option);
    setOpen(false);
    setActive(-1);
    setQ("");
    setSearch({ status: "idle" });
    setAnnouncement(t("fields.customerPicked", { name: option.name }));
    focusAfter.current = "change";
    setSearching(false);
  }

  function close() {
    request.current += 1;
    if (timer.current) clearTimeout(timer.current);
    setOpen(false);
    setActive(-1);
    if (search.status === "searching") setSearch({ status: "idle" });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return; // an IME (e.g. pinyin) is still composing: its keys are its own
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open || search.status !== "done") {
          if (event.altKey || !open) runSearch(q);
          return;
        }
        if (results.length === 0) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((current) => (current < 0 ? (step === 1 ? 0 : results.length - 1) : (current + step + results.length) % results.length));
        return;
      }
      case "Enter":
        if (open && active >= 0 && results[active]) {
          event.preventDefault(); // picks; doesn't submit the form
          pick(results[active]);
        }
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        } else if (q) {
          event.preventDefault();
          setQ("");
        } else if (customer) {
          event.preventDefault();
          focusAfter.current = "change";
          setSearching(false);
        }
        return;
      case "Tab":
        close();
        return;
    }
  }

  const describedBy = [`${id}-hint`, errors ? `${id}-error` : ""].filter(Boolean).join(" ");
  const listVisible = open && search.status !== "idle";

  return (
    <div data-testid="customer-picker">
      <label htmlFor={searching || !customer ? inputId : undefined} id={`${id}-label`} className={labelClass}>
        {t("fields.customer")}
      </label>
      <input type="hidden" name="customerId" value={customer?.id ?? ""} />
      {customer && !searching ? (
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-medium text-slate-900 dark:text-white" data-testid="picked-customer">
            {customer.name}
          </span>
          <button
            ref={changeRef}
            type="button"
            className={`${buttonStyles.secondary} ${buttonStyles.small}`}
            aria-label={t("fields.customerChangeNamed", { name: customer.name })}
            aria-describedby={errors ? `${id}-error` : undefined}
            onClick={() => {
              focusAfter.current = "input";
              setSearching(true);
            }}
          >
            {t("fields.customerChange")}
          </button>
        </div>
      ) : (
        <div>
          <div className="relative">
            <input
              ref={inputRef}
              id={inputId}
              // Without JavaScript the server takes the customer this names (see createOpportunityAction).
              name="customerQuery"
              type="text"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={listVisible && results.length > 0}
              aria-controls={listId}
              aria-activedescendant={listVisible && active >= 0 && results[active] ? optionId(active) : undefined}
              aria-describedby={describedBy}
              aria-invalid={errors ? true : undefined}
              value={q}
              placeholder={t("fields.customerSearch")}
              onChange={(event) => {
                setQ(event.target.value);
                runSearch(event.target.value);
              }}
              onKeyDown={onKeyDown}
              onClick={() => (!open ? runSearch(q) : undefined)}
              onBlur={() => close()}
              className={inputClass}
              autoComplete="off"
              spellCheck={false}
              data-testid="customer-combobox"
            />
            {/* Always in the page (aria-controls must point at something); shown while open. */}
            <ul
              id={listId}
              role="listbox"
              aria-labelledby={`${id}-label`}
              hidden={!listVisible || results.length === 0}
              className="absolute inset-x-0 top-full z-20 mt-1 max-h-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
            >
              {results.map((option, index) => (
                <li
                  key={option.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  // mousedown would blur the input (closing the list) before the click lands.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(option)}
                  onMouseMove={() => (index !== active ? setActive(index) : undefined)}
                  className={`flex min-h-11 cursor-pointer items-center rounded-md px-3 text-sm ${
                    index === active ? "bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950" : "text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                  }`}
                >
                  {option.name}
                </li>
              ))}
            </ul>
            {listVisible && results.length === 0 ? (
              <p className="absolute inset-x-0 top-full z-20 mt-1 rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-sm text-slate-600 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
                {search.status === "searching" ? t("fields.customerSearching") : search.status === "failed" ? t("fields.customerSearchFailed") : t("fields.noCustomers")}
              </p>
            ) : null}
          </div>
          <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {t("fields.customerHint")}
          </p>
        </div>
      )}
      <p role="status" aria-live="polite" className="sr-only" data-testid="customer-picker-status">
        {announcement}
      </p>
      <CrmFieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
