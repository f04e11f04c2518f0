"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { FormState } from "@/lib/forms/form-state";

/** What confirming removed because it was added after the reported sign-in (lib/auth/not-me.ts). */
function RemovedMethods({ result }: { result: FormState["result"] }) {
  const t = useTranslations("recovery");
  const passkeys = Array.isArray(result?.passkeys) ? result.passkeys : [];
  const items = [
    ...passkeys.map((name) => t("notMeRemovedPasskey", { name })),
    ...(result?.authenticatorApp === true ? [t("notMeRemovedAuthenticatorApp")] : []),
    ...(typeof result?.phone === "string" ? [t("notMeRemovedPhone", { phone: result.phone })] : []),
    ...(result?.recoveryCodes === true ? [t("notMeRemovedRecoveryCodes")] : []),
    ...(result?.emailCodes === true ? [t("notMeRemovedEmailCodes")] : []),
  ];
  if (items.length === 0) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="not-me-removed-none">
        {t("notMeRemovedNone")}
      </p>
    );
  }
  return (
    <div className="text-sm text-slate-700 dark:text-slate-300" data-testid="not-me-removed">
      <p>{t("notMeRemovedLead")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "This wasn't me": what confirming does, and one button. Opening the emailed link changes
 * nothing (mail scanners open links too); only this POST does.
 */
export function NotMeForm({ action, workspaceName }: { action: FormAction; workspaceName: string }) {
  const t = useTranslations("recovery");
  const form = useActionForm(action);
  const done = form.state.status === "success";
  const helpRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (done) helpRef.current?.focus();
  }, [done]);

  return (
    <form {...form.formProps} className="space-y-5" aria-busy={form.pending || undefined}>
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("notMeDone")} />
      {done ? (
        <div className="space-y-3">
          <RemovedMethods result={form.state.result} />
          <p ref={helpRef} tabIndex={-1} className="text-sm text-slate-600 outline-none dark:text-slate-400" data-testid="not-me-done">
            {t("notMeDoneHelp")}
          </p>
        </div>
      ) : (
        <>
          <div className="text-slate-700 dark:text-slate-300">
            <p>{t("notMeLead", { workspace: workspaceName })}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>{t("notMeStep1")}</li>
              <li>{t("notMeStep2")}</li>
              <li>{t("notMeStep3")}</li>
              <li>{t("notMeStep4")}</li>
            </ul>
          </div>
          <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
            {form.pending ? t("notMeConfirming") : t("notMeConfirm")}
          </button>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("notMeIgnore")}</p>
        </>
      )}
    </form>
  );
}
