"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { RegistrationState } from "./use-passkey-registration";

/** The outcome of adding a passkey, announced; a stale proof of identity links to re-verification. */
export function RegistrationMessage({ state, successKey = "added" }: { state: RegistrationState; successKey?: "added" | "offerDone" }) {
  const t = useTranslations("passkeys");
  const ref = useRef<HTMLDivElement>(null);
  const errorKey = state.status === "error" ? `errors.${state.error.key}` : "";
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state]);
  return (
    <>
      <div role="alert" aria-live="assertive">
        {state.status === "error" ? (
          <div ref={ref} tabIndex={-1} className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 outline-none dark:border-red-900 dark:bg-red-950 dark:text-red-100">
            <p>{isMessageKey(t, errorKey) ? t(errorKey, { workspace: "", ...state.error.values }) : t("errors.generic")}</p>
            {state.reverifyPath ? (
              <a href={state.reverifyPath} className="mt-1 inline-block font-semibold underline">
                {t("reverifyLink")}
              </a>
            ) : null}
          </div>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {state.status === "done" ? (
          <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            {t(successKey, { name: state.name })}
          </p>
        ) : null}
      </div>
    </>
  );
}
