"use client";
import { useId, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { CSV_ENCODINGS } from "@/lib/csv/csv-parser";
import { importFields, requiredFields, type ImportField } from "@/lib/imports/import-fields";
import type { ImportAnalysis } from "@/lib/dal/imports/analyze-import";
import type { PhoneCountryOption } from "@/lib/phone-country-options";
import type { ImportWizardState } from "./use-import-wizard";

type Member = { id: string; name: string; email: string };

/** Step 2: the file's encoding, a field per column, the owner and the numbers' default country. */
export function MappingStep({
  wizard,
  file,
  analysis,
  members,
  countries,
}: {
  wizard: ImportWizardState;
  file: File;
  analysis: ImportAnalysis;
  members: Member[];
  countries: PhoneCountryOption[];
}) {
  const t = useTranslations("imports");
  const tc = useTranslations("phoneCountry");
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void wizard.check();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
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
          value={wizard.encoding ?? analysis.encoding}
          onChange={(event) => void wizard.changeEncoding(event.target.value)}
          aria-describedby={`${id}-encoding-hint`}
          className={inputClass}
          disabled={wizard.busy !== null}
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
                    value={wizard.mapping[index] ?? ""}
                    onChange={(event) => wizard.setMapping(wizard.mapping.map((field, i) => (i === index ? ((event.target.value || null) as ImportField | null) : field)))}
                    className={`${inputClass} sm:min-w-48`}
                    data-testid={`mapping-${index}`}
                  >
                    <option value="">{t("mapping.ignore")}</option>
                    {importFields(wizard.kind).map((field) => (
                      <option key={field} value={field}>
                        {wizard.fieldLabel(field)}
                        {requiredFields(wizard.kind).includes(field) ? ` (${t("mapping.required")})` : ""}
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
        {wizard.liveProblems.length > 0 ? (
          <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="mapping-problems">
            <p className="font-medium">{t("mapping.problems")}</p>
            <ul className="mt-1 list-disc pl-5">
              {wizard.liveProblems.map((p) => (
                <li key={`${p.key}-${p.field}`}>{t(p.key === "importFieldMissing" ? "mapping.fieldMissing" : "mapping.fieldTwice", { field: wizard.fieldLabel(p.field) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-owner`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t(wizard.kind === "customers" ? "mapping.owner" : "mapping.ownerMissingCustomers")}
          </label>
          <select id={`${id}-owner`} value={wizard.ownerId} onChange={(event) => wizard.setOwnerId(event.target.value)} className={inputClass} aria-describedby={`${id}-owner-hint`}>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
          {wizard.kind === "customers" ? (
            <p id={`${id}-owner-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
              {t("mapping.ownerHint")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-country`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t("mapping.country")}
          </label>
          <select id={`${id}-country`} value={wizard.defaultCountry} onChange={(event) => wizard.setDefaultCountry(event.target.value)} className={inputClass}>
            <option value="">{t("mapping.countryNone")}</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {tc("option", { name: country.name, code: country.callingCode })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {wizard.kind === "contacts" ? (
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" checked={wizard.createMissing} onChange={(event) => wizard.setCreateMissing(event.target.checked)} className="mt-0.5 size-5" />
          <span>
            <span className="font-medium">{t("mapping.createMissing")}</span>
            <span className="block text-slate-600 dark:text-slate-400">{t("mapping.createMissingHint")}</span>
          </span>
        </label>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={wizard.busy !== null || wizard.liveProblems.length > 0}>
          {wizard.busy === "checking" ? t("mapping.checking") : t("mapping.check")}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={wizard.startOver} disabled={wizard.busy !== null}>
          {t("mapping.startOver")}
        </button>
      </div>
    </form>
  );
}
