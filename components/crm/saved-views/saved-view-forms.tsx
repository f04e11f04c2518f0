"use client";
import { useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/fields";
import { buttonStyles } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { createSavedViewSchema, renameSavedViewSchema, SAVED_VIEW_NAME_MAX, type SavedViewList } from "@/lib/validation/saved-view";

// The saved-view bar's forms (components/crm/saved-views/saved-view-bar.tsx). Each posts to its
// server action, bound to the workspace by the page, so all of them work without JavaScript; with
// it, the name is checked in the browser first and the first field in error takes focus. Saving,
// updating and deleting land on the list's new address; a rename is announced where it happened.

const small = `${buttonStyles.secondary} ${buttonStyles.small}`;
// On a phone the menu spans the bar (the <details> is static there, so the bar is its containing
// block) and opens under its button; wider, it hangs from its button's right edge.
const panel =
  "absolute inset-x-0 z-20 mt-2 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-lg sm:inset-x-auto sm:right-0 sm:w-[22rem] dark:border-slate-700 dark:bg-slate-900";
const menu = "sm:relative";
const summaryClass = `${small} cursor-pointer list-none [&::-webkit-details-marker]:hidden`;

function VisibilityChoice({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const t = useTranslations("savedViews");
  const tErrors = useTranslations("errors");
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">{t("visibility")}</legend>
      {(["personal", "shared"] as const).map((value) => (
        <label key={value} className="flex min-h-9 items-center gap-2 text-sm">
          <input type="radio" name="visibility" value={value} defaultChecked={defaultValue === value} className="h-4 w-4" />
          {t(value)}
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
          {tErrors("savedViewVisibilityUnknown")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Save as view": a name and who sees it, for the list as it is now. */
export function SaveViewForm({ action, list, query }: { action: FormAction; list: SavedViewList; query: string }) {
  const t = useTranslations("savedViews");
  const form = useActionForm(action, createSavedViewSchema);
  return (
    <details className={menu} open={form.state.status === "error" || form.errorCount > 0 || undefined} data-testid="save-view">
      <summary className={summaryClass}>{t("saveAs")}</summary>
      <form {...form.formProps} aria-label={t("saveAsTitle")} className={panel}>
        <input type="hidden" name="list" value={list} />
        <input type="hidden" name="query" value={query} />
        <TextField
          label={t("name")}
          name="name"
          defaultValue={form.value("name") ?? ""}
          error={form.error("name")}
          hint={t("nameHint", { max: SAVED_VIEW_NAME_MAX })}
          autoComplete="off"
        />
        <VisibilityChoice defaultValue={form.value("visibility") ?? "personal"} error={form.error("visibility")} />
        <FormStatus state={form.state} errorCount={form.errorCount} />
        <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small} w-full`} disabled={form.pending}>
          {t("save")}
        </button>
      </form>
    </details>
  );
}

/** "Update view": the view's creator (or an Owner/Admin for a shared one) saves the list as it is now into it. */
export function UpdateViewForm({ action, list, view, name, query }: { action: FormAction; list: SavedViewList; view: string; name: string; query: string }) {
  const t = useTranslations("savedViews");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} className="contents">
      <input type="hidden" name="list" value={list} />
      <input type="hidden" name="view" value={view} />
      <input type="hidden" name="query" value={query} />
      <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small}`} disabled={form.pending} title={t("updateHint", { name })}>
        {t("update")}
        <span className="sr-only">: {t("updateHint", { name })}</span>
      </button>
      {form.state.formError ? (
        <span className="basis-full">
          <FormStatus state={form.state} errorCount={0} />
        </span>
      ) : null}
    </form>
  );
}

/** The selected view's menu: rename (and, for its creator, share or unshare), delete after a dialog. */
export function ViewOptions({
  renameAction,
  deleteAction,
  list,
  view,
  name,
  mine,
  shared,
  query,
}: {
  renameAction: FormAction;
  deleteAction: FormAction;
  list: SavedViewList;
  view: string;
  name: string;
  mine: boolean;
  shared: boolean;
  query: string;
}) {
  const t = useTranslations("savedViews");
  const tCommon = useTranslations("common");
  const rename = useActionForm(renameAction, renameSavedViewSchema);
  const remove = useActionForm(deleteAction);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const open = rename.state.status !== "idle" || rename.errorCount > 0 || remove.state.status === "error";
  return (
    <details className={menu} open={open || undefined} data-testid="view-options">
      <summary className={summaryClass} aria-label={t("optionsFor", { name })}>
        {t("options")}
      </summary>
      <div className={panel}>
        <form {...rename.formProps} aria-label={t("renameTitle")} className="space-y-3">
          <input type="hidden" name="list" value={list} />
          <input type="hidden" name="view" value={view} />
          <TextField
            label={t("name")}
            name="name"
            defaultValue={rename.value("name") ?? name}
            error={rename.error("name")}
            autoComplete="off"
          />
          {mine ? <VisibilityChoice defaultValue={rename.value("visibility") ?? (shared ? "shared" : "personal")} error={rename.error("visibility")} /> : null}
          <FormStatus state={rename.state} errorCount={rename.errorCount} successMessage={rename.state.message === "renamed" ? t("renamed") : undefined} />
          <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small} w-full`} disabled={rename.pending}>
            {t("rename")}
          </button>
        </form>
        <form
          {...remove.formProps}
          onSubmit={(event) => {
            if (!confirmed.current) {
              event.preventDefault();
              dialogRef.current?.showModal();
              return;
            }
            confirmed.current = false;
            remove.formProps.onSubmit(event);
          }}
          className="border-t border-slate-200 pt-3 dark:border-slate-700"
        >
          <input type="hidden" name="list" value={list} />
          <input type="hidden" name="view" value={view} />
          <input type="hidden" name="query" value={query} />
          <button type="submit" className={`${buttonStyles.danger} ${buttonStyles.small} w-full`} disabled={remove.pending}>
            {t("delete")}
          </button>
          <FormStatus state={remove.state} errorCount={0} />
          <ConfirmDialog
            ref={dialogRef}
            title={t("deleteTitle", { name })}
            body={shared ? `${t("deleteBody")} ${t("deleteShared")}` : t("deleteBody")}
            confirmLabel={t("delete")}
            cancelLabel={tCommon("cancel")}
            onConfirm={() => {
              confirmed.current = true;
              dialogRef.current?.close();
              remove.formRef.current?.requestSubmit();
            }}
          />
        </form>
      </div>
    </details>
  );
}
