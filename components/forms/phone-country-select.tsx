"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { FieldError, inputClass } from "./fields";
import type { PhoneCountryOption } from "@/lib/phone-country-options";

/**
 * The country a phone number typed without "+" is read in: a labelled <select> of every country,
 * named in the reader's language with its calling code ("China (+86)"), starting on the
 * workspace's default country. The options come from the page (lib/phone-country-options.ts).
 */
export function PhoneCountrySelect({
  label,
  name = "country",
  options,
  defaultValue,
  hint,
  error,
}: {
  label: string;
  name?: string;
  options: PhoneCountryOption[];
  defaultValue: string;
  hint?: string;
  error?: string;
}) {
  const t = useTranslations("phoneCountry");
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {t("option", { name: option.name, code: option.callingCode })}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId ?? undefined} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}
