// Shared by client form fields and server-rendered inputs (a "use client" module's exports can't
// be read as values on the server), so every input looks the same.
export const inputClass =
  "block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 dark:bg-slate-950 dark:text-slate-100 sm:text-sm min-h-11 aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-400 border-slate-300 dark:border-slate-700";

/** A select that sits inline with buttons in a row (e.g. a member's role). */
export const compactSelectClass =
  "min-h-9 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";
