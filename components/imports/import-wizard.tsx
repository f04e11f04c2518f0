"use client";
import { useTranslations } from "next-intl";
import type { PhoneCountryOption } from "@/lib/phone-country-options";
import { useImportWizard, type ImportStep } from "./use-import-wizard";
import { UploadStep } from "./upload-step";
import { MappingStep } from "./mapping-step";
import { PreviewStep } from "./preview-step";

// The import wizard: upload → map columns → preview → start (then the job page shows progress).
// Its state and server calls are useImportWizard; each step is a component of its own.

type Member = { id: string; name: string; email: string };

const STEPS: ImportStep[] = ["upload", "mapping", "preview"];

export function ImportWizard({
  slug,
  members,
  currentUserId,
  maxBytes,
  maxRows,
  countries,
  workspaceCountry,
}: {
  slug: string;
  members: Member[];
  currentUserId: string;
  maxBytes: number;
  maxRows: number;
  /** Every country numbers can be read in, named in the reader's language (lib/phone-country-options.ts). */
  countries: PhoneCountryOption[];
  /** The workspace's default country for numbers without "+": the picker starts there. */
  workspaceCountry: string;
}) {
  const t = useTranslations("imports");
  const wizard = useImportWizard({ slug, maxBytes, currentUserId, workspaceCountry });
  const { step, analysis, file, problem } = wizard;

  return (
    <div className="space-y-6">
      <nav aria-label={t("steps.label")}>
        <ol className="flex flex-wrap gap-2 text-sm">
          {[...STEPS, "import" as const].map((name, index) => {
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
            {wizard.errorText(problem.error, problem.values)}
          </p>
        ) : null}
      </div>

      {step === "upload" ? <UploadStep wizard={wizard} maxBytes={maxBytes} maxRows={maxRows} /> : null}
      {step === "mapping" && analysis && file ? <MappingStep wizard={wizard} file={file} analysis={analysis} members={members} countries={countries} /> : null}
      {step === "preview" && analysis && file ? <PreviewStep wizard={wizard} analysis={analysis} /> : null}
    </div>
  );
}
