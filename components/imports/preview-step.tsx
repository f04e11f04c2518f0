"use client";
import { useId, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import type { ColumnMapping } from "@/lib/imports/import-fields";
import type { ImportAnalysis, PreviewRow } from "@/lib/dal/imports/analyze-import";
import type { RowProblem } from "@/lib/dal/imports/prepare-rows";
import type { ImportWizardState } from "./use-import-wizard";

/** Step 3: what the import will do (first rows, problem rows, duplicates) and the start button. */
export function PreviewStep({ wizard, analysis }: { wizard: ImportWizardState; analysis: ImportAnalysis }) {
  const t = useTranslations("imports");
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void wizard.start();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      <div>
        <h2 className="text-lg font-semibold">{t("preview.heading")}</h2>
        <p className="mt-1 text-sm" data-testid="import-summary">
          {t("preview.summary", { valid: analysis.counts.valid, invalid: analysis.counts.invalid })}
        </p>
      </div>
      {analysis.counts.duplicates > 0 ? (
        <fieldset className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <legend className="sr-only">{t("preview.duplicates")}</legend>
          <p className="mb-2">{t("preview.duplicatesFound", { count: analysis.counts.duplicates })}</p>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {(["skip", "import"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="duplicates" value={value} checked={wizard.duplicates === value} onChange={() => wizard.setDuplicates(value)} className="size-5" />
                {t(value === "skip" ? "preview.duplicatesSkip" : "preview.duplicatesImport")}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      <RowsTable caption={t("preview.firstRows")} header={analysis.header} mapping={wizard.mapping} rows={analysis.preview} problemText={wizard.problemText} fieldLabel={wizard.fieldLabel} testId="preview-rows" />
      {analysis.problemRows.length > 0 ? (
        <section aria-labelledby={`${id}-problems`}>
          <h3 id={`${id}-problems`} className="mb-2 font-semibold">
            {t("preview.problemRows")}
          </h3>
          <ProblemList rows={analysis.problemRows} problemText={wizard.problemText} />
          {analysis.counts.invalid + analysis.counts.duplicates > analysis.problemRows.length ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("preview.problemRowsMore", { shown: analysis.problemRows.length })}</p>
          ) : null}
        </section>
      ) : null}

      {analysis.counts.valid === 0 ? <p className="text-sm font-medium text-red-700 dark:text-red-300">{t("preview.nothingToImport")}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={wizard.busy !== null || analysis.counts.valid === 0}>
          {wizard.busy === "starting"
            ? t("preview.starting")
            : t("preview.start", { count: wizard.duplicates === "skip" ? analysis.counts.valid - analysis.counts.duplicates : analysis.counts.valid })}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={wizard.backToMapping} disabled={wizard.busy !== null}>
          {t("preview.back")}
        </button>
      </div>
    </form>
  );
}

function RowsTable({
  caption,
  header,
  mapping,
  rows,
  problemText,
  fieldLabel,
  testId,
}: {
  caption: string;
  header: string[];
  mapping: ColumnMapping;
  rows: PreviewRow[];
  problemText: (p: RowProblem) => string;
  fieldLabel: (field: string) => string;
  testId: string;
}) {
  const t = useTranslations("imports");
  const columns = header.map((_, index) => index).filter((index) => mapping[index]);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid={testId}>
        <caption className="px-3 py-2 text-left font-semibold">{caption}</caption>
        <thead className="bg-slate-50 text-left dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">{t("preview.line")}</th>
            <th scope="col" className="px-3 py-2 font-semibold">{t("preview.status")}</th>
            {columns.map((index) => (
              <th key={index} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                {fieldLabel(mapping[index]!)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.line} className={row.errors.length ? "bg-red-50/60 dark:bg-red-950/40" : row.warnings.length ? "bg-amber-50/60 dark:bg-amber-950/30" : undefined}>
              <td className="px-3 py-2 tabular-nums">{row.line}</td>
              <td className="px-3 py-2">
                {row.errors.length ? (
                  <span className="font-medium text-red-700 dark:text-red-300" title={row.errors.map(problemText).join("\n")}>
                    {t("preview.error")}
                  </span>
                ) : row.warnings.length ? (
                  <span className="font-medium text-amber-800 dark:text-amber-300">{t("preview.warning")}</span>
                ) : (
                  <span className="text-emerald-700 dark:text-emerald-300">{t("preview.ok")}</span>
                )}
              </td>
              {columns.map((index) => (
                <td key={index} className="max-w-56 px-3 py-2">
                  <span className="line-clamp-2 wrap-anywhere">{row.cells[index] ?? ""}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProblemList({ rows, problemText }: { rows: PreviewRow[]; problemText: (p: RowProblem) => string }) {
  const t = useTranslations("imports");
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="problem-rows">
        <thead className="bg-slate-50 text-left dark:bg-slate-900">
          <tr>
            <th scope="col" className="w-20 px-3 py-2 font-semibold">{t("preview.line")}</th>
            <th scope="col" className="px-3 py-2 font-semibold">{t("preview.problems")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.line}>
              <td className="px-3 py-2 align-top tabular-nums">{row.line}</td>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {row.errors.map((p, i) => (
                    <li key={`e${i}`} className="text-red-700 dark:text-red-300">
                      {problemText(p)}
                    </li>
                  ))}
                  {row.warnings.map((p, i) => (
                    <li key={`w${i}`} className="text-amber-800 dark:text-amber-300">
                      {problemText(p)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
