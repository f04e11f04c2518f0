"use client";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { CsvEncoding } from "@/lib/csv/csv-parser";
import { mappingProblems, type ColumnMapping, type ImportField, type ImportKind, type MappingProblem } from "@/lib/imports/import-fields";
import type { ImportAnalysis } from "@/lib/dal/imports/analyze-import";
import type { RowProblem } from "@/lib/dal/imports/prepare-rows";

// The import wizard's state and its calls to the server: upload → map columns → preview → start
// (then the job page shows progress). The browser keeps the file and sends it again with each step,
// so the server stores nothing until the import starts, and every step validates exactly what the
// import will. The step components (upload-step, mapping-step, preview-step) only render it.

export type ImportStep = "upload" | "mapping" | "preview";
export type ImportProblem = { error: string; values?: Record<string, string | number> };
export type ImportBusy = "reading" | "checking" | "starting";

export function useImportWizard({
  slug,
  maxBytes,
  currentUserId,
  workspaceCountry,
}: {
  slug: string;
  maxBytes: number;
  currentUserId: string;
  workspaceCountry: string;
}) {
  const t = useTranslations("imports");
  const te = useTranslations("errors");
  const router = useRouter();
  const [step, setStep] = useState<ImportStep>("upload");
  const [kind, setKind] = useState<ImportKind>("customers");
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [encoding, setEncoding] = useState<CsvEncoding | undefined>(undefined);
  const [ownerId, setOwnerId] = useState(currentUserId);
  const [defaultCountry, setDefaultCountry] = useState(workspaceCountry);
  const [createMissing, setCreateMissing] = useState(false);
  const [duplicates, setDuplicates] = useState<"skip" | "import">("skip");
  const [busy, setBusy] = useState<ImportBusy | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);

  const fieldLabel = (field: ImportField | "row" | string) => {
    const key = `fields.${kind}.${field}`;
    return isMessageKey(t, key) ? t(key) : field;
  };
  const errorText = (key: string, values?: Record<string, string | number>) => (isMessageKey(te, key) ? te(key, values) : te("generic"));
  const problemText = (p: RowProblem) => (p.field === "row" ? errorText(p.key, p.values) : `${fieldLabel(p.field)}: ${errorText(p.key, p.values)}`);

  async function send(path: "analyze" | "start", body: File, options: Record<string, unknown>): Promise<{ ok: true; data: unknown } | { ok: false; problem: ImportProblem }> {
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

  async function analyze(chosen: File, extra: Record<string, unknown>, next: ImportStep) {
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

  /** The upload step's submit: the file chosen, or null when none was. */
  async function upload(chosen: File | null) {
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

  async function changeEncoding(value: string) {
    if (!file) return;
    const chosen = value ? (value as CsvEncoding) : undefined;
    setEncoding(chosen);
    setBusy("reading");
    await analyze(file, { encoding: chosen, mapping }, "mapping");
    setBusy(null);
  }

  async function check() {
    if (!file || mappingProblems(kind, mapping).length > 0) return;
    setBusy("checking");
    await analyze(file, { mapping }, "preview");
    setBusy(null);
  }

  async function start() {
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

  return {
    step,
    backToMapping: () => setStep("mapping"),
    kind,
    setKind,
    file,
    analysis,
    mapping,
    setMapping,
    encoding,
    ownerId,
    setOwnerId,
    defaultCountry,
    setDefaultCountry,
    createMissing,
    setCreateMissing,
    duplicates,
    setDuplicates,
    busy,
    problem,
    clearProblem: () => setProblem(null),
    liveProblems,
    upload,
    changeEncoding,
    check,
    start,
    startOver,
    fieldLabel,
    errorText,
    problemText,
  };
}

export type ImportWizardState = ReturnType<typeof useImportWizard>;
