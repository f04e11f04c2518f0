"use client";
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { activitySchema } from "@/lib/validation/opportunity";
import { ActivityFields, EMPTY_ACTIVITY_VALUES, activityValues, type BoundFormAction } from "./activity-fields";
import type { TimelineLinks } from "@/lib/dal/activities/list-timeline";

/**
 * Logs a call, email, meeting or note from the record itself. "When" defaults to now on the
 * member's own clock (defaultWhen, computed by the server in the relay_tz zone); the server reads
 * it in that zone too. What was typed stays on any error; the form empties after a save.
 */
export function ActivityQuickAdd({
  action,
  links,
  defaultWhen,
}: {
  /** logActivityAction bound to the slug by the (server) timeline: see BoundFormAction. */
  action: BoundFormAction;
  links: TimelineLinks;
  defaultWhen: string;
}) {
  const t = useTranslations("activities");
  const form = useActionForm(action, activitySchema);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [seen, setSeen] = useState(form.state);
  if (form.state !== seen) {
    setSeen(form.state);
    // A fresh form after a save; the success message stays.
    if (form.state.status === "success") setFormKey((key) => key + 1);
  }
  useEffect(() => {
    if (formKey > 0) document.getElementById(`${id}-subject`)?.focus();
  }, [formKey, id]);

  if (!open && form.state.status !== "error") {
    return (
      <div className="space-y-3">
        {form.state.status === "success" ? <FormStatus state={form.state} errorCount={0} successMessage={t("logged")} /> : null}
        <button type="button" className={buttonStyles.secondary} onClick={() => setOpen(true)} data-testid="activity-open">
          {t("logActivity")}
        </button>
      </div>
    );
  }

  return (
    <form key={formKey} {...form.formProps} className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800" aria-label={t("logActivity")} data-testid="activity-quick-add">
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("logged")} />
      <input type="hidden" name="customerId" value={links.customerId} />
      <ActivityFields
        idPrefix={id}
        links={links}
        values={activityValues(form.state.status === "error" ? form.state.values : null, { ...EMPTY_ACTIVITY_VALUES, occurredAt: defaultWhen })}
        errors={form.fieldErrors}
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {form.pending ? t("saving") : t("save")}
        </button>
        <button type="button" className={buttonStyles.ghost} onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
