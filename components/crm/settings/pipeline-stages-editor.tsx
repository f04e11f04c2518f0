"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { stageCreateSchema, stageUpdateSchema } from "@/lib/validation/opportunity";
import type { SettingsStage } from "@/lib/dal/pipeline/manage-stages";

const KIND_BADGE = {
  OPEN: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  WON: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  LOST: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

/** The stage actions, bound to the workspace by the settings page (a stage's id is a hidden input). */
export type PipelineStageActions = { create: FormAction; update: FormAction; move: FormAction; archive: FormAction };

/** Each stage is its own row of small forms (rename + probability, up/down, archive), so each works without JS too. */
export function PipelineStagesEditor({ actions, stages }: { actions: PipelineStageActions; stages: SettingsStage[] }) {
  const t = useTranslations("pipeline");
  return (
    <section aria-labelledby="pipeline-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900" data-testid="pipeline-editor">
      <h2 id="pipeline-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("keepOne")}</p>
      <ol className="mt-4 space-y-3">
        {stages.map((stage, index) => (
          <li key={stage.id} className="rounded-xl border border-slate-200 p-3 dark:border-slate-800" data-testid="stage-row" data-stage={stage.name}>
            <StageRow actions={actions} stage={stage} first={index === 0} last={index === stages.length - 1} />
          </li>
        ))}
      </ol>
      <AddStageForm action={actions.create} />
    </section>
  );
}

function StageRow({ actions, stage, first, last }: { actions: PipelineStageActions; stage: SettingsStage; first: boolean; last: boolean }) {
  const t = useTranslations("pipeline");
  const id = useId();
  const edit = useActionForm(actions.update, stageUpdateSchema);
  const move = useActionForm(actions.move);
  const archive = useActionForm(actions.archive);
  const typed = edit.state.status === "error" ? edit.state.values : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <form {...edit.formProps} className="flex flex-1 flex-wrap items-end gap-3" aria-label={stage.name}>
          <input type="hidden" name="id" value={stage.id} />
          <div className="min-w-40 flex-1">
            <label htmlFor={`${id}-name`} className={labelClass}>
              {t("name")}
            </label>
            <input
              id={`${id}-name`}
              name="name"
              defaultValue={typed?.name ?? stage.name}
              maxLength={60}
              className={inputClass}
              aria-invalid={edit.fieldErrors.name ? true : undefined}
              aria-describedby={edit.fieldErrors.name ? `${id}-name-error` : undefined}
            />
          </div>
          <div className="w-28">
            <label htmlFor={`${id}-probability`} className={labelClass}>
              {t("probability")}
            </label>
            <input
              id={`${id}-probability`}
              name="probability"
              inputMode="numeric"
              defaultValue={typed?.probability ?? String(stage.probability)}
              className={inputClass}
              aria-invalid={edit.fieldErrors.probability ? true : undefined}
              aria-describedby={edit.fieldErrors.probability ? `${id}-probability-error` : undefined}
            />
          </div>
          <button type="submit" className={buttonStyles.secondary} disabled={edit.pending}>
            {t("save")}
          </button>
        </form>
        <form {...move.formProps} className="flex gap-1">
          <input type="hidden" name="id" value={stage.id} />
          <button type="submit" name="direction" value="up" disabled={first || move.pending} className={buttonStyles.ghost} aria-label={t("moveUp", { name: stage.name })}>
            <span aria-hidden="true">↑</span> <span className="sm:sr-only">{t("up")}</span>
          </button>
          <button type="submit" name="direction" value="down" disabled={last || move.pending} className={buttonStyles.ghost} aria-label={t("moveDown", { name: stage.name })}>
            <span aria-hidden="true">↓</span> <span className="sm:sr-only">{t("down")}</span>
          </button>
        </form>
        {stage.kind === "OPEN" ? (
          <form {...archive.formProps}>
            <input type="hidden" name="id" value={stage.id} />
            <button type="submit" className={buttonStyles.danger} disabled={archive.pending} aria-label={t("archiveNamed", { name: stage.name })}>
              {t("archive")}
            </button>
          </form>
        ) : null}
      </div>
      <p className="flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span className={`rounded-full px-2 py-0.5 font-semibold ${KIND_BADGE[stage.kind]}`}>{t(`kinds.${stage.kind}`)}</span>
        <span>{t("opportunities", { count: stage.opportunityCount })}</span>
      </p>
      <CrmFieldError id={`${id}-name-error`} messages={edit.fieldErrors.name} />
      <CrmFieldError id={`${id}-probability-error`} messages={edit.fieldErrors.probability} />
      <FormStatus state={edit.state} errorCount={0} successMessage={t("saved")} />
      {move.state.status === "error" ? <FormStatus state={move.state} errorCount={0} /> : null}
      {archive.state.status === "error" ? <FormStatus state={archive.state} errorCount={0} /> : null}
    </div>
  );
}

function AddStageForm({ action }: { action: FormAction }) {
  const t = useTranslations("pipeline");
  const id = useId();
  const form = useActionForm(action, stageCreateSchema);
  const typed = form.state.status === "error" ? form.state.values : null;
  return (
    <form {...form.formProps} key={form.state.status === "success" ? JSON.stringify(form.state) : "add"} className="mt-6 space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 className="font-semibold text-slate-900 dark:text-white">{t("addTitle")}</h3>
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("added")} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            {t("name")}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            maxLength={60}
            defaultValue={typed?.name ?? ""}
            className={inputClass}
            aria-invalid={form.fieldErrors.name ? true : undefined}
            aria-describedby={form.fieldErrors.name ? `${id}-name-error` : undefined}
          />
        </div>
        <div className="w-28">
          <label htmlFor={`${id}-probability`} className={labelClass}>
            {t("probability")}
          </label>
          <input
            id={`${id}-probability`}
            name="probability"
            inputMode="numeric"
            defaultValue={typed?.probability ?? ""}
            className={inputClass}
            aria-invalid={form.fieldErrors.probability ? true : undefined}
            aria-describedby={form.fieldErrors.probability ? `${id}-probability-error` : undefined}
          />
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {t("add")}
        </button>
      </div>
      <CrmFieldError id={`${id}-name-error`} messages={form.fieldErrors.name} />
      <CrmFieldError id={`${id}-probability-error`} messages={form.fieldErrors.probability} />
    </form>
  );
}
