"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

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
        <p ref={helpRef} tabIndex={-1} className="text-sm text-slate-600 outline-none dark:text-slate-400" data-testid="not-me-done">
          {t("notMeDoneHelp")}
        </p>
      ) : (
        <>
          <div className="text-slate-700 dark:text-slate-300">
            <p>{t("notMeLead", { workspace: workspaceName })}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>{t("notMeStep1")}</li>
              <li>{t("notMeStep2")}</li>
              <li>{t("notMeStep3")}</li>
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
