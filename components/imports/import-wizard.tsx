"use client";
import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { CSV_ENCODINGS, type CsvEncoding } from "@/lib/csv/csv-parser";
import {
  importFields,
  mappingProblems,
  requiredFields,
  type ColumnMapping,
  type ImportField,
  type ImportKind,
  type MappingProblem,
} from "@/lib/dal/imports/import-fields";
import type { ImportAnalysis, PreviewRow } from "@/lib/dal/imports/analyze-import";
import type { RowProblem } from "@/lib/dal/imports/prepare-rows";

// The import wizard: upload → map columns → preview → start (then the job page shows progress).
// The browser keeps the file and sends it again with each step, so the server stores nothing until
// the import starts, and every step validates exactly what the import will.

type Step = "upload" | "mapping" | "preview";
type Problem = { error: string; values?: Record<string, string | number> };
type Member = { id: string; name: string; email: string };

const COUNTRIES = ["CN", "US", "GB", "DE", "FR", "JP", "HK", "TW", "SG", "IN", "AU", "CA"] as const;

export function ImportWizard({ slug, members, currentUserId, maxBytes, maxRows }: { slug: string; members: Member[]; currentUserId: string; maxBytes: number; maxRows: number }) {
  const t = useTranslations("imports");
  const te = useTranslations("errors");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>("upload");
  const [kind, setKind] = useState<ImportKind>("customers");
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [encoding, setEncoding] = useState<CsvEncoding | undefined>(undefined);
  const [ownerId, setOwnerId] = useState(currentUserId);
  const [defaultCountry, setDefaultCountry] = useState(locale === "zh-CN" ? "CN" : "");
  const [createMissing, setCreateMissing] = useState(false);
  const [duplicates, setDuplicates] = useState<"skip" | "import">("skip");
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);

  const fieldLabel = (field: ImportField | "row" | string) => (t.has(`fields.${kind}.${field}`) ? t(`fields.${kind}.${field}`) : field);
  const errorText = (key: string, values?: Record<string, string | number>) => (te.has(key) ? te(key, values) : te("generic"));
  const problemText = (p: RowProblem) => (p.field === "row" ? errorText(p.key, p.values) : `${fieldLabel(p.field)}: ${errorText(p.key, p.values)}`);

  async function send(path: "analyze" | "start", body: File, options: Record<string, unknown>): Promise<{ ok: true; data: unknown } | { ok: false; problem: Problem }> {
    if (body.size > maxBytes) return { ok: false, problem: { error: "importTooLarge", values: { max: maxBytes / 1024 / 1024 } } };
    try {
      const response = await fetch(`/${encodeURIComponent(slug)}/customers/import/${path}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "x-import-options": encodeURIComponent(JSON.stringify(options)) },
        body,
      });
      const data = (await response.json().catch(() => null)) as { ok?: boolean; error?: string; values?: Record<string, string | number> } | null;
      if (!data) return { ok: false, problem: { error: response.status === 413 ? "importTooLarge" : "importNetwork", values: { max: maxBytes / 1024 / 1024 } } };
      if (!data.ok) return { ok: false, problem: { error: data.error ?? "generic", values: data.values } };
      return { ok: true, data };
    } catch {
      return { ok: false, problem: { error: "importNetwork" } };
    }
  }

  const baseOptions = (chosen: File, extra: Record<string, unknown> = {}) => ({
    kind,
    fileName: chosen.name,
    encoding,
    ownerId,
    defaultCountry,
    createMissingCustomers: createMissing,
    duplicates,
    ...extra,
  });

  async function analyze(chosen: File, extra: Record<string, unknown>, next: Step) {
    setProblem(null);
    const result = await send("analyze", chosen, baseOptions(chosen, extra));
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const data = result.data as ImportAnalysis;
    setAnalysis(data);
    setMapping(data.mapping);
    setStep(next === "preview" && data.mappingProblems.length > 0 ? "mapping" : next);
  }

  async function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = fileInput.current?.files?.[0] ?? null;
    if (!chosen) {
      setProblem({ error: "importChooseFile" });
      return;
    }
    setFile(chosen);
    setEncoding(undefined);
    setBusy("reading");
    await analyze(chosen, { encoding: undefined }, "mapping");
    setBusy(null);
  }

  async function onEncoding(value: string) {
    if (!file) return;
    const chosen = value ? (value as CsvEncoding) : undefined;
    setEncoding(chosen);
    setBusy("reading");
    await analyze(file, { encoding: chosen, mapping }, "mapping");
    setBusy(null);
  }

  async function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || mappingProblems(kind, mapping).length > 0) return;
    setBusy("checking");
    await analyze(file, { mapping }, "preview");
    setBusy(null);
  }

  async function onStart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setBusy("starting");
    setProblem(null);
    const result = await send("start", file, baseOptions(file, { mapping }));
    if (!result.ok) {
      setProblem(result.problem);
      setBusy(null);
      return;
    }
    router.push(`/${encodeURIComponent(slug)}/customers/import/jobs/${(result.data as { jobId: string }).jobId}`);
  }

  function startOver() {
    setStep("upload");
    setAnalysis(null);
    setFile(null);
    setProblem(null);
    setEncoding(undefined);
  }

  const liveProblems: MappingProblem[] = step === "mapping" ? mappingProblems(kind, mapping) : [];
  const steps: Step[] = ["upload", "mapping", "preview"];

  return (
    <div className="space-y-6">
      <nav aria-label={t("steps.label")}>
        <ol className="flex flex-wrap gap-2 text-sm">
          {[...steps, "import" as const].map((name, index) => {
            const current = name === step;
            return (
              <li
                key={name}
                aria-current={current ? "step" : undefined}
                className={`rounded-full px-3 py-1 ${current ? "bg-brand-600 font-semibold text-white dark:bg-brand-500 dark:text-slate-950" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
              >
                {index + 1}. {t(`steps.${name}`)}
                {current ? <span className="sr-only"> {t("stepCurrent")}</span> : null}
              </li>
            );
          })}
        </ol>
      </nav>

      <div role="alert" aria-live="assertive">
        {problem ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="import-error">
            {errorText(problem.error, problem.values)}
          </p>
        ) : null}
      </div>

      {step === "upload" ? (
        <form onSubmit={onUpload} className="space-y-5" noValidate>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">{t("upload.kind")}</legend>
            <div className="space-y-2">
              {(["customers", "contacts"] as const).map((value) => (
                <label key={value} className="flex items-start gap-3 text-sm">
                  <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="mt-0.5 size-5" />
                  <span>
                    {t(value === "customers" ? "upload.kindCustomers" : "upload.kindContacts")}
                    {value === "contacts" ? <span className="block text-slate-600 dark:text-slate-400">{t("upload.kindContactsHint")}</span> : null}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${id}-file`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t("upload.file")}
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              name="file"
              type="file"
              accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
              aria-describedby={`${id}-file-hint`}
              aria-invalid={problem?.error === "importChooseFile" ? true : undefined}
              onChange={() => setProblem(null)}
              className={`${inputClass} file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100`}
            />
            <p id={`${id}-file-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
              {t("upload.fileHint", { maxMb: maxBytes / 1024 / 1024, maxRows: maxRows.toLocaleString(locale) })}
            </p>
          </div>
          <button type="submit" className={buttonStyles.primary} disabled={busy !== null}>
            {busy === "reading" ? t("upload.reading") : t("upload.submit")}
          </button>
        </form>
      ) : null}

      {step === "mapping" && analysis && file ? (
        <form onSubmit={onCheck} className="space-y-6" noValidate>
          <div>
            <h2 className="text-lg font-semibold">{t("mapping.heading")}</h2>
            <p className="mt-1 text-sm text-slate-600 wrap-anywhere dark:text-slate-400" data-testid="import-file-summary">
              {t("mapping.fileSummary", {
                fileName: file.name,
                rows: analysis.totalRows,
                delimiter: t(`delimiters.${analysis.delimiter === "," ? "comma" : analysis.delimiter === ";" ? "semicolon" : "tab"}`),
              })}
            </p>
          </div>
          <div className="max-w-md">
            <label htmlFor={`${id}-encoding`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t("mapping.encoding")}
            </label>
            <select
              id={`${id}-encoding`}
              value={encoding ?? analysis.encoding}
              onChange={(event) => void onEncoding(event.target.value)}
              aria-describedby={`${id}-encoding-hint`}
              className={inputClass}
              disabled={busy !== null}
            >
              {CSV_ENCODINGS.map((value) => (
                <option key={value} value={value}>
                  {t(`encodings.${value}`)}
                </option>
              ))}
            </select>
            <p id={`${id}-encoding-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400" data-testid="import-encoding">
              {t("mapping.encodingHint", { detected: t(`encodings.${analysis.encoding}`) })}
            </p>
          </div>

          <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
              <thead className="bg-slate-50 text-left dark:bg-slate-900">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("mapping.column")}</th>
                  <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">{t("mapping.sample")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("mapping.importAs")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {analysis.header.map((column, index) => (
                  <tr key={index}>
                    <th scope="row" className="px-3 py-2 text-left font-medium wrap-anywhere">{column || `#${index + 1}`}</th>
                    <td className="hidden max-w-64 px-3 py-2 text-slate-600 sm:table-cell dark:text-slate-400">
                      <span className="line-clamp-2 wrap-anywhere">
                        {analysis.preview
                          .map((row) => row.cells[index] ?? "")
                          .filter(Boolean)
                          .slice(0, 3)
                          .join(" · ")}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <select
                        aria-label={t("mapping.importAsFor", { column: column || `#${index + 1}` })}
                        value={mapping[index] ?? ""}
                        onChange={(event) => setMapping(mapping.map((field, i) => (i === index ? ((event.target.value || null) as ImportField | null) : field)))}
                        className={`${inputClass} sm:min-w-48`}
                        data-testid={`mapping-${index}`}
                      >
                        <option value="">{t("mapping.ignore")}</option>
                        {importFields(kind).map((field) => (
                          <option key={field} value={field}>
                            {fieldLabel(field)}
                            {requiredFields(kind).includes(field) ? ` (${t("mapping.required")})` : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div role="status" aria-live="polite">
            {liveProblems.length > 0 ? (
              <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="mapping-problems">
                <p className="font-medium">{t("mapping.problems")}</p>
                <ul className="mt-1 list-disc pl-5">
                  {liveProblems.map((p) => (
                    <li key={`${p.key}-${p.field}`}>{t(p.key === "importFieldMissing" ? "mapping.fieldMissing" : "mapping.fieldTwice", { field: fieldLabel(p.field) })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>

          <div className="grid gap-5 sm:grid-cols-2">
            <div>
              <label htmlFor={`${id}-owner`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
                {t(kind === "customers" ? "mapping.owner" : "mapping.ownerMissingCustomers")}
              </label>
              <select id={`${id}-owner`} value={ownerId} onChange={(event) => setOwnerId(event.target.value)} className={inputClass} aria-describedby={`${id}-owner-hint`}>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name} ({member.email})
                  </option>
                ))}
              </select>
              {kind === "customers" ? (
                <p id={`${id}-owner-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
                  {t("mapping.ownerHint")}
                </p>
              ) : null}
            </div>
            <div>
              <label htmlFor={`${id}-country`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
                {t("mapping.country")}
              </label>
              <select id={`${id}-country`} value={defaultCountry} onChange={(event) => setDefaultCountry(event.target.value)} className={inputClass}>
                <option value="">{t("mapping.countryNone")}</option>
                {COUNTRIES.map((code) => (
                  <option key={code} value={code}>
                    {regionNames.of(code) ?? code}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {kind === "contacts" ? (
            <label className="flex items-start gap-3 text-sm">
              <input type="checkbox" checked={createMissing} onChange={(event) => setCreateMissing(event.target.checked)} className="mt-0.5 size-5" />
              <span>
                <span className="font-medium">{t("mapping.createMissing")}</span>
                <span className="block text-slate-600 dark:text-slate-400">{t("mapping.createMissingHint")}</span>
              </span>
            </label>
          ) : null}

          <div className="flex flex-wrap gap-3">
            <button type="submit" className={buttonStyles.primary} disabled={busy !== null || liveProblems.length > 0}>
              {busy === "checking" ? t("mapping.checking") : t("mapping.check")}
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={startOver} disabled={busy !== null}>
              {t("mapping.startOver")}
            </button>
          </div>
        </form>
      ) : null}

      {step === "preview" && analysis && file ? (
        <form onSubmit={onStart} className="space-y-6" noValidate>
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
                    <input type="radio" name="duplicates" value={value} checked={duplicates === value} onChange={() => setDuplicates(value)} className="size-5" />
                    {t(value === "skip" ? "preview.duplicatesSkip" : "preview.duplicatesImport")}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}

          <RowsTable caption={t("preview.firstRows")} header={analysis.header} mapping={mapping} rows={analysis.preview} problemText={problemText} fieldLabel={fieldLabel} testId="preview-rows" />
          {analysis.problemRows.length > 0 ? (
            <section aria-labelledby={`${id}-problems`}>
              <h3 id={`${id}-problems`} className="mb-2 font-semibold">
                {t("preview.problemRows")}
              </h3>
              <ProblemList rows={analysis.problemRows} problemText={problemText} />
              {analysis.counts.invalid + analysis.counts.duplicates > analysis.problemRows.length ? (
                <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("preview.problemRowsMore", { shown: analysis.problemRows.length })}</p>
              ) : null}
            </section>
          ) : null}

          {analysis.counts.valid === 0 ? <p className="text-sm font-medium text-red-700 dark:text-red-300">{t("preview.nothingToImport")}</p> : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={buttonStyles.primary} disabled={busy !== null || analysis.counts.valid === 0}>
              {busy === "starting"
                ? t("preview.starting")
                : t("preview.start", { count: duplicates === "skip" ? analysis.counts.valid - analysis.counts.duplicates : analysis.counts.valid })}
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={() => setStep("mapping")} disabled={busy !== null}>
              {t("preview.back")}
            </button>
          </div>
        </form>
      ) : null}
    </div>
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
