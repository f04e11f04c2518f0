"use client";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { FormState } from "@/lib/forms/form-state";

/**
 * The form's outcome, announced to screen readers: the form-level error, a count of field
 * errors, or the success message.
 */
export function FormStatus({ state, errorCount, successMessage }: { state: FormState; errorCount: number; successMessage?: string }) {
  const t = useTranslations();
  let content: string | null = null;
  let tone: "error" | "success" = "error";
  if (state.formError) {
    const key = `errors.${state.formError}`;
    content = isMessageKey(t, key) ? t(key, state.formErrorValues) : t("errors.generic");
  } else if (errorCount > 0) {
    content = t("common.formHasErrors", { count: errorCount });
  } else if (state.status === "success" && successMessage) {
    content = successMessage;
    tone = "success";
  }
  return (
    <div role={tone === "error" ? "alert" : "status"} aria-live={tone === "error" ? "assertive" : "polite"}>
      {content ? (
        <p
          className={
            tone === "error"
              ? "rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
              : "rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          }
        >
          {content}
        </p>
      ) : null}
    </div>
  );
}
