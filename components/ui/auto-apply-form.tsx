"use client";
import { useEffect, useRef, useState, useSyncExternalStore, type ComponentProps, type FormEvent } from "react";
import { useRouter, useSearchParams } from "next/navigation";

// A list's filter form that applies itself: a choice from a list (or a date) at once, typed text
// once typing pauses, each by replacing the URL, so the page re-renders on the server with the
// filters in its address as before. The fields are the server's own GET form, so without
// JavaScript the Apply button submits them exactly as it always did; with JavaScript that button
// is hidden (`data-enhanced` on the form) and Enter applies at once.
//
// The fields stay uncontrolled so the one being typed in keeps its value, caret and focus while
// the page behind it changes. When the address changes for another reason (a sort header, "Clear
// filters", Back), the form is rebuilt from the server's values instead, so a stale choice is never
// sent with the next filter.

const TYPING_PAUSE_MS = 400;

/** The form's fields as a query string, empty ones left out (as the server would drop them). */
function formQuery(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === "string" && value.trim() !== "") params.append(name, value);
  return params.toString();
}

const noSubscribe = () => () => {};

function appliesAtOnce(target: EventTarget): boolean {
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && ["date", "checkbox", "radio", "month", "number"].includes(target.type);
}

export function AutoApplyForm({ action, children, ...props }: Omit<ComponentProps<"form">, "action" | "method" | "onSubmit" | "onChange"> & { action: string }) {
  const router = useRouter();
  const search = useSearchParams().toString();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The queries this form asked for: an address among them is the form's own doing.
  const [requested, setRequested] = useState<string[]>([]);
  const [shownSearch, setShownSearch] = useState(search);
  const [generation, setGeneration] = useState(0);
  // False in the server's HTML and while hydrating, true once this code runs in the browser.
  const enhanced = useSyncExternalStore(noSubscribe, () => true, () => false);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (shownSearch !== search) {
    setShownSearch(search);
    if (!requested.includes(search)) setGeneration((n) => n + 1);
  }

  function apply(form: HTMLFormElement) {
    clearTimeout(timer.current);
    const query = formQuery(form);
    if (query === search) return;
    setRequested((previous) => [...previous.slice(-19), query]);
    router.replace(query ? `${action}?${query}` : action, { scroll: false });
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    if (appliesAtOnce(event.target)) apply(form);
    else {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(form), TYPING_PAUSE_MS);
    }
  }

  return (
    <form
      key={generation}
      {...props}
      method="get"
      action={action}
      data-enhanced={enhanced ? "" : undefined}
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      {children}
    </form>
  );
}
