"use client";
import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/button-styles";
import { compactSelectClass } from "@/components/ui/input-styles";
import type { FormState } from "@/lib/forms/form-state";
import { useBulkSelection } from "./bulk-selection";

// The bar above a list that acts on the ticked rows (or every record the filters match): it shows
// the count, offers the actions the list has, asks before the trash, and announces the outcome
// (role=status), with "Undo" after a move to the trash for members who may restore.

export type BulkActionKind = "owner" | "addTag" | "removeTag" | "status" | "stage" | "export" | "trash";

type Choice = { value: string; label: string };

export type BulkBarProps = {
  action: FormAction;
  /** The actions this list offers, in order. */
  actions: readonly BulkActionKind[];
  /** How many the filters match (capped), for "Select all N matching". */
  total: { count: number; more: boolean };
  limit: number;
  owners: Choice[];
  statuses?: Choice[];
  stages?: (Choice & { lost: boolean })[];
  /** The CSV export's address without a query (customers). */
  exportBase?: string;
  /** "Undo" after a move to the trash (members who may restore). */
  undoAction?: FormAction;
};

const fieldClass = `${compactSelectClass} min-h-11 w-full sm:w-auto`;
const labelClass = "flex flex-col gap-1 text-sm font-medium sm:flex-row sm:items-center sm:gap-2";

export function BulkBar({ action, actions, total, limit, owners, statuses = [], stages = [], exportBase, undoAction }: BulkBarProps) {
  const t = useTranslations("bulk");
  const tErrors = useTranslations("errors");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const selection = useBulkSelection();
  const { selected, allMatching, pageIds, filters } = selection;
  const form = useActionForm(action);
  const [change, setChange] = useState<BulkActionKind | "">("");
  const [stageId, setStageId] = useState("");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const handled = useRef<FormState | null>(null);

  // A change that went through leaves nothing ticked: the rows it reached may have left the view.
  useEffect(() => {
    if (form.state.status === "success" && handled.current !== form.state) {
      handled.current = form.state;
      selection.clear();
    }
  }, [form.state, selection]);

  const count = allMatching ? total.count : selected.length;
  const beyondPage = total.more || total.count > pageIds.length;
  const fieldError = (name: string) => {
    const key = form.error(name);
    return key ? (isMessageKey(tErrors, key) ? tErrors(key) : tErrors("generic")) : null;
  };
  const errorText = (name: string) => {
    const text = fieldError(name);
    return text ? (
      <span id={`bulk-${name}-error`} className="text-sm font-normal text-red-700 dark:text-red-300">
        {text}
      </span>
    ) : null;
  };
  const invalid = (name: string) =>
    form.error(name)
      ? {
          "aria-invalid": true as const,
          "aria-describedby": `bulk-${name}-error`,
        }
      : {};
  const exportHref = exportBase ? `${exportBase}?${allMatching ? filters : new URLSearchParams({ ids: selected.join(",") }).toString()}` : null;
  const lostStage = stages.find((stage) => stage.value === stageId)?.lost ?? false;

  const result = form.state.status === "success" ? form.state.result : undefined;
  const number = (key: string) => (typeof result?.[key] === "number" ? (result[key] as number) : 0);
  const outcome = result
    ? [
        t(form.state.message === "trashed" ? "trashed" : "done", {
          changed: number("changed"),
        }),
        number("notFound") > 0 ? t("skippedNotFound", { count: number("notFound") }) : null,
        number("unchanged") > 0 ? t("skippedUnchanged", { count: number("unchanged") }) : null,
        number("tagsFull") > 0 ? t("skippedTagsFull", { count: number("tagsFull") }) : null,
      ]
        .filter(Boolean)
        .join(" ")
    : null;
  const trashedAt = typeof result?.trashedAt === "string" && number("changed") > 0 ? result.trashedAt : null;

  return (
    <section aria-label={t("toolbarLabel")} className="mb-3 space-y-2" data-testid="bulk-bar">
      {selected.length > 0 ? (
        <div className="rounded-2xl border border-brand-200 bg-brand-50 p-3 dark:border-brand-800 dark:bg-slate-900">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <p className="text-sm font-semibold" data-testid="bulk-count">
              {allMatching
                ? t("allMatchingSelected", {
                    count: total.count,
                    more: String(total.more),
                  })
                : t("selected", { count: selected.length })}
            </p>
            {!allMatching && selected.length === pageIds.length && beyondPage ? (
              <button type="button" className={`${buttonStyles.ghost} ${buttonStyles.small} underline`} onClick={selection.selectAllMatching}>
                {t("selectAllMatching", {
                  count: total.count,
                  more: String(total.more),
                })}
              </button>
            ) : null}
            <button type="button" className={`${buttonStyles.ghost} ${buttonStyles.small}`} onClick={selection.clear}>
              {t("clear")}
            </button>
          </div>
          {allMatching ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("limitNote", { limit: format.number(limit) })}</p> : null}
          <form
            {...form.formProps}
            onSubmit={(event) => {
              if (change === "trash" && !confirmed.current) {
                event.preventDefault();
                dialogRef.current?.showModal();
                return;
              }
              confirmed.current = false;
              form.formProps.onSubmit(event);
            }}
            className="mt-3 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
          >
            <input type="hidden" name="scope" value={allMatching ? "filters" : "ids"} />
            <input type="hidden" name="ids" value={allMatching ? "" : selected.join(",")} />
            <input type="hidden" name="filters" value={allMatching ? filters : ""} />
            <label className={labelClass}>
              {t("actionLabel")}
              <select
                name="change"
                value={change}
                onChange={(event) => setChange(event.currentTarget.value as BulkActionKind | "")}
                className={fieldClass}
                data-testid="bulk-action"
              >
                <option value="">{t("chooseAction")}</option>
                {actions.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`actions.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            {change === "owner" ? (
              <>
                <label className={labelClass}>
                  {t("ownerLabel")}
                  <select name="ownerId" defaultValue="" className={fieldClass} {...invalid("ownerId")}>
                    {owners.map((owner) => (
                      <option key={owner.value} value={owner.value}>
                        {owner.label}
                      </option>
                    ))}
                  </select>
                </label>
                {errorText("ownerId")}
              </>
            ) : null}
            {change === "addTag" || change === "removeTag" ? (
              <>
                <label className={labelClass}>
                  {t("tagLabel")}
                  <input name="tag" maxLength={40} required className={fieldClass} defaultValue={form.value("tag") ?? ""} {...invalid("tag")} />
                </label>
                {errorText("tag")}
              </>
            ) : null}
            {change === "status" ? (
              <>
                <label className={labelClass}>
                  {t("statusLabel")}
                  <select name="status" className={fieldClass} {...invalid("status")}>
                    {statuses.map((status) => (
                      <option key={status.value} value={status.value}>
                        {status.label}
                      </option>
                    ))}
                  </select>
                </label>
                {errorText("status")}
              </>
            ) : null}
            {change === "stage" ? (
              <>
                <label className={labelClass}>
                  {t("stageLabel")}
                  <select name="stageId" value={stageId} onChange={(event) => setStageId(event.currentTarget.value)} className={fieldClass} {...invalid("stageId")}>
                    <option value="" disabled>
                      {t("chooseStage")}
                    </option>
                    {stages.map((stage) => (
                      <option key={stage.value} value={stage.value}>
                        {stage.label}
                      </option>
                    ))}
                  </select>
                </label>
                {errorText("stageId")}
                {lostStage || form.error("lostReason") ? (
                  <>
                    <label className={labelClass}>
                      {t("lostReasonLabel")}
                      <input name="lostReason" maxLength={500} className={fieldClass} defaultValue={form.value("lostReason") ?? ""} {...invalid("lostReason")} />
                    </label>
                    {errorText("lostReason")}
                  </>
                ) : null}
              </>
            ) : null}
            {change === "export" && exportHref ? (
              <a href={exportHref} className={buttonStyles.primary} download data-testid="bulk-export">
                {t("exportLink")}
              </a>
            ) : change ? (
              <button type="submit" disabled={form.pending} className={change === "trash" ? buttonStyles.danger : buttonStyles.primary} data-testid="bulk-apply">
                {change === "trash" ? t("actions.trash") : t("apply")}
              </button>
            ) : null}
            <ConfirmDialog
              ref={dialogRef}
              title={t("confirmTrashTitle", {
                count,
                more: String(allMatching && total.more),
              })}
              body={t("confirmTrashBody")}
              confirmLabel={t("confirmTrash")}
              cancelLabel={tCommon("cancel")}
              onConfirm={() => {
                confirmed.current = true;
                dialogRef.current?.close();
                form.formRef.current?.requestSubmit();
              }}
            />
          </form>
          {form.state.status === "error" ? <FormStatus state={form.state} errorCount={form.errorCount} /> : null}
        </div>
      ) : null}
      <div role="status" aria-live="polite" data-testid="bulk-result">
        {outcome ? (
          <p className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            <span>{outcome}</span>
            {trashedAt && undoAction ? <UndoTrash action={undoAction} trashedAt={trashedAt} /> : null}
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** "Undo" after a bulk move to the trash: takes back out exactly what that action put there. */
function UndoTrash({ action, trashedAt }: { action: FormAction; trashedAt: string }) {
  const t = useTranslations("bulk");
  const form = useActionForm(action);
  const restored = form.state.status === "success" && typeof form.state.result?.restored === "number" ? form.state.result.restored : null;
  if (restored !== null) return <span data-testid="bulk-restored">{t("restored", { count: restored })}</span>;
  return (
    <form {...form.formProps} className="inline">
      <input type="hidden" name="trashedAt" value={trashedAt} />
      <button type="submit" disabled={form.pending} className={`${buttonStyles.secondary} ${buttonStyles.small}`}>
        {t("undo")}
      </button>
      {form.state.status === "error" ? <FormStatus state={form.state} errorCount={0} /> : null}
    </form>
  );
}
