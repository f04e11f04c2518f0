import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SetupChecklist as Checklist, SetupStep } from "@/lib/dal/setup/setup-checklist";
import { ButtonActionForm } from "@/components/mfa/button-action-form";
import type { FormState } from "@/lib/forms/form-state";

type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

const HREF: Record<SetupStep, (slug: string) => string> = {
  invite: (slug) => `/${slug}/members`,
  customers: (slug) => `/${slug}/customers/import`,
  stages: (slug) => `/${slug}/settings/crm`,
  security: (slug) => `/${slug}/settings/security`,
  passkey: (slug) => `/${slug}/security#passkeys-title`,
};

/**
 * The home's setup checklist for Owners and Admins (lib/dal/setup/setup-checklist.ts decides what
 * is done). Gone once every step is done; hidden by the member, it leaves one line to show it again.
 */
export async function SetupChecklist({
  checklist,
  slug,
  workspaceName,
  hideAction,
  showAction,
}: {
  checklist: Checklist;
  slug: string;
  workspaceName: string;
  hideAction: BoundAction;
  showAction: BoundAction;
}) {
  if (checklist.allDone) return null;
  const t = await getTranslations("setup");
  const total = checklist.steps.length;
  if (checklist.hidden) {
    return (
      <div className="mb-6" data-testid="setup-checklist-hidden">
        <ButtonActionForm action={showAction} label={t("show", { done: checklist.doneCount, total })} variant="ghost" />
      </div>
    );
  }
  return (
    <section
      aria-labelledby="setup-title"
      className="mb-6 rounded-2xl border border-brand-100 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      data-testid="setup-checklist"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="setup-title" className="text-lg font-semibold">
          {t("title", { workspace: workspaceName })}
        </h2>
        <p className="text-sm font-medium text-slate-600 dark:text-slate-400" data-testid="setup-progress">
          {t("progress", { done: checklist.doneCount, total })}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
      <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        <div className="h-full rounded-full bg-brand-600 dark:bg-brand-400" style={{ width: `${Math.round((checklist.doneCount / total) * 100)}%` }} />
      </div>
      <ol className="mt-4 divide-y divide-slate-100 dark:divide-slate-800">
        {checklist.steps.map(({ step, done }) => (
          <li key={step} className="flex items-start gap-3 py-3" data-testid={`setup-step-${step}`} data-done={done}>
            <span
              aria-hidden="true"
              className={`mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full border text-sm font-bold ${
                done ? "border-emerald-600 bg-emerald-600 text-white dark:border-emerald-400 dark:bg-emerald-400 dark:text-slate-950" : "border-slate-300 dark:border-slate-600"
              }`}
            >
              {done ? "✓" : ""}
            </span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2">
                <Link href={HREF[step](slug)} className={`font-medium underline-offset-2 hover:underline ${done ? "text-slate-500 dark:text-slate-400" : "text-brand-700 dark:text-brand-300"}`}>
                  {t(`steps.${step}`)}
                </Link>
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
                    done ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
                  }`}
                >
                  {done ? t("done") : t("toDo")}
                </span>
              </p>
              <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{t(`steps.${step}Body`)}</p>
            </div>
          </li>
        ))}
      </ol>
      <div className="mt-2">
        <ButtonActionForm action={hideAction} label={t("hide")} variant="ghost" testId="setup-hide" />
      </div>
    </section>
  );
}
