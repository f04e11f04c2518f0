"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";

/** A read-only value to register somewhere else (the callback URL), with a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const t = useTranslations("sso");
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} className={`${inputClass} font-mono`} data-testid={testId} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className={`${buttonStyles.secondary} shrink-0`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      <p role="status" className="sr-only">
        {copied ? t("copied") : ""}
      </p>
    </div>
  );
}
