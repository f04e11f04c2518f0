"use client";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { FormState } from "@/lib/forms/form-state";

/**
 * "Happy with these stages? Keep these stages": for a new workspace whose stages were never edited,
 * so keeping the defaults on purpose ticks the setup checklist's step off too. Gone once the stages
 * were decided either way; right after the click it stays to say so.
 */
export function KeepStagesForm({ action, decided }: { action: (state: FormState, formData: FormData) => Promise<FormState>; decided: boolean }) {
  const t = useTranslations("setup");
  const form = useActionForm(action);
  if (form.state.status === "success") return <FormStatus state={form.state} errorCount={0} successMessage={t("stagesKept")} />;
  if (decided) return null;
  return (
    <section aria-labelledby="keep-stages-title" className="rounded-2xl border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900" data-testid="keep-stages">
      <h2 id="keep-stages-title" className="font-semibold">
        {t("keepStagesTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("keepStagesBody")}</p>
      <form {...form.formProps} className="mt-4">
        <button type="submit" className={buttonStyles.secondary} disabled={form.pending}>
          {t("keepStages")}
        </button>
        <FormStatus state={form.state} errorCount={0} />
      </form>
    </section>
  );
}
