"use client";
import { useEffect, useId, useRef, useState, useSyncExternalStore, useTransition, type FormEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { readIssue } from "@/lib/validation/security-policy";
import { formatMoney } from "@/lib/money";
import { compactSelectClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";

// One list cell that can be edited where it is. Without JavaScript the cell is what it was (the
// record's name links to it, and its page to the edit form) and the pencil is hidden; with it, a
// click on the cell, the pencil, or F2 on anything focused in the
// cell opens a small form: Enter (or Save) saves, Escape (or Cancel) closes it and puts the focus
// back on the pencil. What was typed stays in the box on every refusal; a refusal is read out
// (role="alert") beside the box. After a lost race the cell edits the newer version, so saving
// again is a decision taken with the other member's value in view.

export type CellOption = { value: string; label: string };

export type CellEditor =
  | { kind: "text"; maxLength: number }
  | {
      kind: "select";
      options: CellOption[];
      /** Values (Lost stages) that need a reason, as the form asks. */ needReason?: string[];
    }
  | { kind: "date" }
  | { kind: "amount"; currencies: readonly string[] };

type CellValue = {
  value: string;
  name?: string | null;
  currency?: string | null;
};

type Conflict = {
  changedBy: string | null;
  changedAt: string;
  current: CellValue;
};

export type EditableCellProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  id: string;
  version: number;
  field: string;
  /** The stored value as the editor takes it ("" for none); an amount's currency beside it. */
  value: string;
  currency?: string;
  /** The value as the cell shows it in words (an owner's or a stage's name). */
  text: string;
  column: string;
  record: string;
  editor: CellEditor;
  /** What the cell shows when not editing; its text by default. */
  children?: ReactNode;
};

// What the list shows for no value (the same mark in every language).
const EMPTY = "—";

const noSubscribe = () => () => {};

const pencilClass =
  "shrink-0 rounded p-1 text-slate-500 opacity-70 hover:bg-slate-100 hover:text-slate-900 group-hover/cell:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100";

function resultValue(state: FormState): CellValue | null {
  const result = state.result;
  if (!result || typeof result.value !== "string") return null;
  return {
    value: result.value,
    name: typeof result.name === "string" ? result.name : null,
    currency: typeof result.currency === "string" ? result.currency : null,
  };
}

export function EditableCell({ action, id, version, field, value, currency, text, column, record, editor, children }: EditableCellProps) {
  const t = useTranslations("inlineEdit");
  const te = useTranslations("errors");
  const format = useFormatter();
  const locale = useLocale();
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [draftCurrency, setDraftCurrency] = useState(currency ?? "");
  const [lostReason, setLostReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [duplicates, setDuplicates] = useState<string[] | null>(null);
  // The version saved or seen here, until the list's own refresh catches up with it.
  const [seenVersion, setSeenVersion] = useState(0);
  const [saved, setSaved] = useState<{
    version: number;
    current: CellValue;
  } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pending, startTransition] = useTransition();
  // False in the server's HTML and while hydrating: until then there is no editor to open.
  const enhanced = useSyncExternalStore(noSubscribe, () => true, () => false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const focusTrigger = useRef(false);
  const baseVersion = Math.max(version, seenVersion);

  useEffect(() => {
    if (editing) fieldRef.current?.focus();
    else if (focusTrigger.current) {
      focusTrigger.current = false;
      triggerRef.current?.focus();
    }
  }, [editing]);

  const shownValue = saved && saved.version > version ? saved.current : null;

  function display(cell: CellValue): string {
    if (editor.kind === "select") return cell.name ?? editor.options.find((option) => option.value === cell.value)?.label ?? (cell.value || EMPTY);
    if (editor.kind === "amount") return formatMoney(cell.value, cell.currency ?? currency ?? "", locale);
    if (editor.kind === "date")
      return cell.value
        ? format.dateTime(new Date(`${cell.value}T00:00:00Z`), {
            dateStyle: "medium",
            timeZone: "UTC",
          })
        : EMPTY;
    return cell.value || EMPTY;
  }

  function open() {
    if (editing) return;
    const start = shownValue ?? { value, currency };
    setDraft(start.value);
    setDraftCurrency(start.currency ?? currency ?? "");
    setLostReason("");
    setError(null);
    setConflict(null);
    setDuplicates(null);
    setAnnouncement("");
    setEditing(true);
  }

  function close() {
    focusTrigger.current = true;
    setEditing(false);
  }

  function submit(confirmDuplicate = false) {
    const formData = new FormData();
    formData.set("id", id);
    formData.set("version", String(baseVersion));
    formData.set("field", field);
    formData.set("value", draft);
    if (editor.kind === "amount") formData.set("currency", draftCurrency);
    if (needsReason) formData.set("lostReason", lostReason);
    if (confirmDuplicate) formData.set("confirmDuplicate", "1");
    startTransition(async () => {
      const state = await action(initialFormState, formData);
      const current = resultValue(state);
      const nextVersion = typeof state.result?.version === "number" ? state.result.version : null;
      if (state.status === "success" && current && nextVersion !== null) {
        setSeenVersion(nextVersion);
        setSaved({ version: nextVersion, current });
        setAnnouncement(t("saved", { column, record }));
        close();
        return;
      }
      setDuplicates(Array.isArray(state.result?.duplicates) ? state.result.duplicates : null);
      if (current && nextVersion !== null && typeof state.result?.changedAt === "string") {
        setSeenVersion(nextVersion);
        setConflict({
          changedBy: typeof state.result.changedBy === "string" ? state.result.changedBy : null,
          changedAt: state.result.changedAt,
          current,
        });
        setError(null);
        return;
      }
      setConflict(null);
      const message = state.fieldErrors.value?.[0] ?? state.formError ?? "generic";
      const { key, values } = readIssue(message);
      setError(isMessageKey(te, key) ? te(key, { ...values, ...state.formErrorValues }) : te("generic"));
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) submit();
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === "Enter" && event.target instanceof HTMLSelectElement) {
      // A select does not submit its form on Enter by itself.
      event.preventDefault();
      if (!pending) submit();
    }
  }

  function onCellClick(event: MouseEvent<HTMLDivElement>) {
    // Links in the cell (the record's name) keep going where they go; the pencil opens the editor.
    const link = (event.target as Element).closest("a, button, input, select, label");
    if (link && link !== triggerRef.current) return;
    event.preventDefault();
    open();
  }

  function onCellKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "F2") {
      event.preventDefault();
      open();
    }
  }

  const label = t("inputLabel", { column, record });
  const errorId = `${inputId}-error`;
  // Only a move into a Lost stage asks why (a record already there keeps its reason).
  const needsReason = editor.kind === "select" && draft !== value && Boolean(editor.needReason?.includes(draft));
  const describedBy = error || conflict || duplicates ? errorId : undefined;

  // Always in the page while the cell is, so "Saved" is read out when it appears.
  const status = (
    <span role="status" className="sr-only">
      {announcement}
    </span>
  );

  return (
    <>
      {editing ? editorForm() : view()}
      {status}
    </>
  );

  function view() {
    return (
      <div className="group/cell flex min-h-7 cursor-pointer items-start gap-1" onClick={onCellClick} onKeyDown={onCellKeyDown} data-inline-cell={field} data-enhanced={enhanced ? "" : undefined}>
        <div className="min-w-0 flex-1 py-0.5">{shownValue ? display(shownValue) : (children ?? text)}</div>
        {/* Invisible (not focusable, not read out) until the code that makes it work has run; its room is kept so nothing moves. */}
        <button ref={triggerRef} type="button" className={`${pencilClass} ${enhanced ? "" : "invisible"}`} aria-label={t("edit", { column, record })} data-testid="inline-edit">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8l-9.9 9.9-4.2 1.2a.6.6 0 0 1-.7-.7l1.2-4.2 9.8-10Zm-8.4 10.9-.6 2 2-.6 7.7-7.7-1.4-1.4-7.7 7.7Z" />
          </svg>
        </button>
      </div>
    );
  }

  function editorForm() {
    const options = editor.kind === "select" && !editor.options.some((option) => option.value === value) ? [{ value, label: text }, ...editor.options] : editor.kind === "select" ? editor.options : [];
    const fieldClass = `${compactSelectClass} aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-400`;
    const common = {
      id: inputId,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy,
    } as const;

    return (
      <form onSubmit={onSubmit} onKeyDown={onFormKeyDown} className="flex min-w-56 flex-wrap items-center gap-1.5 text-left" noValidate data-inline-editor={field}>
        <label htmlFor={inputId} className="sr-only">
          {label}
        </label>
        {editor.kind === "text" ? (
          <input ref={fieldRef} {...common} type="text" value={draft} maxLength={editor.maxLength} onChange={(event) => setDraft(event.target.value)} className={`${fieldClass} w-48`} />
        ) : editor.kind === "select" ? (
          <select ref={fieldRef} {...common} value={draft} onChange={(event) => setDraft(event.target.value)} className={`${fieldClass} max-w-56`}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : editor.kind === "date" ? (
          <input ref={fieldRef} {...common} type="date" value={draft} onChange={(event) => setDraft(event.target.value)} className={fieldClass} />
        ) : (
          <>
            <input
              ref={fieldRef}
              {...common}
              type="text"
              inputMode="decimal"
              value={draft}
              maxLength={40}
              onChange={(event) => setDraft(event.target.value)}
              className={`${fieldClass} w-32 text-right tabular-nums`}
            />
            <label htmlFor={`${inputId}-currency`} className="sr-only">
              {t("currencyLabel", { record })}
            </label>
            <select id={`${inputId}-currency`} value={draftCurrency} onChange={(event) => setDraftCurrency(event.target.value)} className={compactSelectClass}>
              {editor.currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </>
        )}
        {needsReason ? (
          <>
            <label htmlFor={`${inputId}-reason`} className="sr-only">
              {t("lostReasonLabel", { record })}
            </label>
            <input
              id={`${inputId}-reason`}
              type="text"
              value={lostReason}
              maxLength={500}
              placeholder={t("lostReasonPlaceholder")}
              onChange={(event) => setLostReason(event.target.value)}
              className={`${compactSelectClass} w-48`}
            />
          </>
        ) : null}
        <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small}`} disabled={pending} data-testid="inline-save">
          {pending ? t("saving") : t("save")}
        </button>
        <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small}`} onClick={close}>
          {t("cancel")}
        </button>
        {error || conflict || duplicates ? (
          <div id={errorId} role="alert" className="w-full max-w-sm text-sm font-medium whitespace-normal text-red-700 dark:text-red-300" data-testid="inline-error">
            {conflict ? (
              <p>
                {conflict.changedBy
                  ? t("conflictBy", {
                      name: conflict.changedBy,
                      time: format.dateTime(new Date(conflict.changedAt), {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }),
                      current: display(conflict.current),
                    })
                  : t("conflictAt", {
                      time: format.dateTime(new Date(conflict.changedAt), {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }),
                      current: display(conflict.current),
                    })}
              </p>
            ) : duplicates ? (
              <>
                <p>{t("duplicates", { names: duplicates.join(", ") })}</p>
                <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small} mt-1.5`} onClick={() => submit(true)} disabled={pending}>
                  {t("saveAnyway")}
                </button>
              </>
            ) : (
              <p>{error}</p>
            )}
          </div>
        ) : null}
      </form>
    );
  }
}
