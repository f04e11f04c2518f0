"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

// The merge page's form: both records side by side, a radio pair per field whose values differ
// (fields equal on both are shown once), then one button. Works without JavaScript (a plain POST
// to the action); what was chosen stays chosen when the server refuses.

export type MergeRow = { field: string; label: string; keep: string | null; merge: string | null; same: boolean; preferMerge: boolean };

type Props = {
  action: FormAction;
  hidden: Record<string, string>;
  keepName: string;
  mergeName: string;
  rows: MergeRow[];
  /** Said on the server: the union of tags and what moves. */
  tagsText: string;
  movesText: string;
  cancelHref: string;
};

const optionClass =
  "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-300 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 dark:border-slate-700 dark:has-[:checked]:border-brand-400 dark:has-[:checked]:bg-brand-950";

export function MergeForm({ action, hidden, keepName, mergeName, rows, tagsText, movesText, cancelHref }: Props) {
  const t = useTranslations("customerMerge");
  const form = useActionForm(action);

  function option(row: MergeRow, side: "keep" | "merge") {
    const chosen = form.value(`choice_${row.field}`) ?? (row.preferMerge ? "merge" : "keep");
    const text = side === "keep" ? row.keep : row.merge;
    return (
      <label className={optionClass}>
        <input type="radio" name={`choice_${row.field}`} value={side} defaultChecked={chosen === side} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
        <span className="min-w-0">
          <span className="block text-xs text-slate-600 sm:sr-only dark:text-slate-400">{side === "keep" ? keepName : mergeName}</span>
          <span className={`block wrap-anywhere whitespace-pre-line ${text ? "" : "text-slate-500 italic dark:text-slate-400"}`}>{text ?? t("empty")}</span>
        </span>
      </label>
    );
  }

  return (
    <form {...form.formProps} className="space-y-6" data-testid="merge-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <div className="hidden grid-cols-[minmax(8rem,12rem)_1fr_1fr] gap-3 text-sm font-semibold text-slate-700 sm:grid dark:text-slate-300" aria-hidden="true">
        <span>{t("field")}</span>
        <span className="wrap-anywhere">
          {t("kept")}: {keepName}
        </span>
        <span className="wrap-anywhere">
          {t("merged")}: {mergeName}
        </span>
      </div>
      <div className="space-y-3">
        {rows.map((row) =>
          row.same ? (
            <div key={row.field} className="grid gap-1 border-t border-slate-200 pt-3 text-sm sm:grid-cols-[minmax(8rem,12rem)_1fr] sm:gap-3 dark:border-slate-800" data-testid={`merge-same-${row.field}`}>
              <span className="font-medium">{row.label}</span>
              <span className="wrap-anywhere whitespace-pre-line">
                {row.keep ?? <span className="text-slate-500 italic dark:text-slate-400">{t("empty")}</span>}{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">({t("same")})</span>
              </span>
            </div>
          ) : (
            <fieldset key={row.field} className="grid gap-2 border-t border-slate-200 pt-3 sm:grid-cols-[minmax(8rem,12rem)_1fr_1fr] sm:gap-3 dark:border-slate-800" data-testid={`merge-choice-${row.field}`}>
              <legend className="sr-only">{t("chooseFor", { field: row.label })}</legend>
              <span className="text-sm font-medium" aria-hidden="true">
                {row.label}
              </span>
              {option(row, "keep")}
              {option(row, "merge")}
            </fieldset>
          ),
        )}
      </div>
      <div className="space-y-1 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
        <p>{tagsText}</p>
        <p className="font-medium">{movesText}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {form.pending ? t("submitting") : t("submit")}
        </button>
        <Link href={cancelHref} className={buttonStyles.secondary}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
