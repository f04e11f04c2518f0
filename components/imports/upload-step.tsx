"use client";
import { useId, useRef, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import type { ImportWizardState } from "./use-import-wizard";

/** Step 1: what the file holds (customers or contacts) and the file itself. */
export function UploadStep({ wizard, maxBytes, maxRows }: { wizard: ImportWizardState; maxBytes: number; maxRows: number }) {
  const t = useTranslations("imports");
  const locale = useLocale();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void wizard.upload(fileInput.current?.files?.[0] ?? null);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">{t("upload.kind")}</legend>
        <div className="space-y-2">
          {(["customers", "contacts"] as const).map((value) => (
            <label key={value} className="flex items-start gap-3 text-sm">
              <input type="radio" name="kind" value={value} checked={wizard.kind === value} onChange={() => wizard.setKind(value)} className="mt-0.5 size-5" />
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
          aria-invalid={wizard.problem?.error === "importChooseFile" ? true : undefined}
          onChange={wizard.clearProblem}
          className={`${inputClass} file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100`}
        />
        <p id={`${id}-file-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {t("upload.fileHint", { maxMb: maxBytes / 1024 / 1024, maxRows: maxRows.toLocaleString(locale) })}
        </p>
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={wizard.busy !== null}>
        {wizard.busy === "reading" ? t("upload.reading") : t("upload.submit")}
      </button>
    </form>
  );
}
