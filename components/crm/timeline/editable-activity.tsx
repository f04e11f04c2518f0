"use client";
import { useCallback, useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { activityUpdateSchema } from "@/lib/validation/opportunity";
import type { TimelineLinks } from "@/lib/dal/activities/list-timeline";
import { ActivityFields, activityValues, type ActivityFieldValues, type BoundFormAction } from "./activity-fields";

export type EditableActivityData = {
  id: string;
  /** ISO instant of the last save: sent back with the edit so a newer save by someone else is caught. */
  updatedAt: string;
  customerId: string;
  subject: string;
  values: ActivityFieldValues;
  contact: { id: string; name: string } | null;
  opportunity: { id: string; title: string } | null;
};

/**
 * A timeline entry its member may change: the entry as read, with Edit and Delete beside it. Edit
 * expands the same fields as "Log an activity" in place, filled with the entry; focus moves to the
 * first field, Escape or Cancel closes it and puts focus back on Edit.
 */
export function EditableActivity({
  action,
  links,
  activity,
  deleteControl,
  children,
}: {
  /** updateActivityAction bound to the slug by the (server) timeline. */
  action: BoundFormAction;
  links: TimelineLinks;
  activity: EditableActivityData;
  deleteControl: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("activities");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const formId = useId();

  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  const close = useCallback((wasSaved: boolean) => {
    returnFocus.current = true;
    setSaved(wasSaved);
    setEditing(false);
  }, []);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1 basis-60">{children}</div>
        <div className="flex shrink-0 flex-wrap items-start gap-1">
          <button
            ref={editButton}
            type="button"
            className={`${buttonStyles.ghost} ${buttonStyles.small}`}
            aria-expanded={editing}
            aria-controls={editing ? formId : undefined}
            aria-label={t("editNamed", { subject: activity.subject })}
            onClick={() => {
              setSaved(false);
              setEditing((open) => !open);
            }}
            data-testid="activity-edit"
          >
            {t("edit")}
          </button>
          {deleteControl}
        </div>
      </div>
      <div role="status" aria-live="polite">
        {saved ? (
          <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            {t("updated")}
          </p>
        ) : null}
      </div>
      {editing ? <EditActivityForm id={formId} action={action} links={links} activity={activity} onClose={close} /> : null}
    </div>
  );
}

function EditActivityForm({
  id,
  action,
  links,
  activity,
  onClose,
}: {
  id: string;
  action: BoundFormAction;
  links: TimelineLinks;
  activity: EditableActivityData;
  onClose: (saved: boolean) => void;
}) {
  const t = useTranslations("activities");
  const router = useRouter();
  const form = useActionForm(action, activityUpdateSchema);
  const prefix = useId();
  // While the newer version loads, saving would send the old one again.
  const [reloading, startReload] = useTransition();
  const conflict = form.state.formError === "activityConflict" || form.state.formError === "activityConflictUnknown";

  useEffect(() => {
    document.getElementById(`${prefix}-subject`)?.focus();
  }, [prefix]);

  useEffect(() => {
    if (form.state.status === "success") onClose(true);
  }, [form.state, onClose]);

  return (
    <form
      {...form.formProps}
      id={id}
      aria-label={t("editTitle", { subject: activity.subject })}
      className="space-y-4 rounded-xl border border-brand-300 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-950"
      data-testid="activity-edit-form"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose(false);
        }
      }}
    >
      <FormStatus state={form.state} errorCount={form.errorCount} />
      {conflict ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="flex-1">{t("conflictHint")}</p>
          <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small}`} disabled={reloading} onClick={() => startReload(() => router.refresh())}>
            {t("reload")}
          </button>
        </div>
      ) : null}
      <input type="hidden" name="id" value={activity.id} />
      {/* The version this form was opened at; Reload brings the newer one (the typed values stay). */}
      <input type="hidden" name="updatedAt" value={activity.updatedAt} key={activity.updatedAt} />
      <input type="hidden" name="customerId" value={activity.customerId} />
      <ActivityFields
        idPrefix={prefix}
        links={links}
        values={activityValues(form.state.status === "error" ? form.state.values : null, activity.values)}
        errors={form.fieldErrors}
        extraLinks={{ contact: activity.contact, opportunity: activity.opportunity }}
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={form.pending || reloading}>
          {form.pending ? t("saving") : t("saveChanges")}
        </button>
        <button type="button" className={buttonStyles.ghost} onClick={() => onClose(false)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
