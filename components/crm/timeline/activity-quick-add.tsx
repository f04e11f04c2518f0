"use client";
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { logActivityAction } from "@/app/[tenant]/(app)/opportunities/activity-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, activitySchema } from "@/lib/validation/opportunity";
import type { TimelineLinks } from "@/lib/dal/activities/list-timeline";

/**
 * Logs a call, email, meeting or note from the record itself. "When" defaults to now on the
 * member's own clock (defaultWhen, computed by the server in the relay_tz zone); the server reads
 * it in that zone too. What was typed stays on any error; the form empties after a save.
 */
export function ActivityQuickAdd({ slug, links, defaultWhen }: { slug: string; links: TimelineLinks; defaultWhen: string }) {
  const t = useTranslations("activities");
  const form = useActionForm(logActivityAction.bind(null, slug), activitySchema);
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
  const value = (name: string, fallback = "") => (form.state.status === "error" ? (form.state.values[name] ?? fallback) : fallback);
  const field = (name: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": form.error(name) ? true : undefined,
    "aria-describedby": form.error(name) ? `${id}-${name}-error` : undefined,
  });

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
      <fieldset>
        <legend className={labelClass}>{t("type")}</legend>
        <div className="flex flex-wrap gap-2">
          {ACTIVITY_TYPES.map((type) => (
            <label key={type} className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm dark:border-slate-700 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:has-[:checked]:bg-brand-950">
              <input type="radio" name="type" value={type} defaultChecked={value("type", "CALL") === type} />
              {t(`types.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-subject`} className={labelClass}>
          {t("subject")}
        </label>
        <input {...field("subject")} className={inputClass} defaultValue={value("subject")} maxLength={200} />
        <CrmFieldError id={`${id}-subject-error`} messages={form.fieldErrors.subject} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-occurredAt`} className={labelClass}>
            {t("when")}
          </label>
          <input {...field("occurredAt")} type="datetime-local" className={inputClass} defaultValue={value("occurredAt", defaultWhen)} />
          <CrmFieldError id={`${id}-occurredAt-error`} messages={form.fieldErrors.occurredAt} />
        </div>
        <div>
          <label htmlFor={`${id}-durationMinutes`} className={labelClass}>
            {t("duration")}
          </label>
          <input {...field("durationMinutes")} inputMode="numeric" className={inputClass} defaultValue={value("durationMinutes")} />
          <CrmFieldError id={`${id}-durationMinutes-error`} messages={form.fieldErrors.durationMinutes} />
        </div>
        <div>
          <label htmlFor={`${id}-outcome`} className={labelClass}>
            {t("outcome")}
          </label>
          <select {...field("outcome")} className={inputClass} defaultValue={value("outcome")}>
            <option value="">{t("noOutcome")}</option>
            {ACTIVITY_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcomes.${outcome}`)}
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id}-outcome-error`} messages={form.fieldErrors.outcome} />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {links.fixedContactId ? (
          <input type="hidden" name="contactId" value={links.fixedContactId} />
        ) : (
          <div>
            <label htmlFor={`${id}-contactId`} className={labelClass}>
              {t("contact")}
            </label>
            <select {...field("contactId")} className={inputClass} defaultValue={value("contactId")}>
              <option value="">{t("noContact")}</option>
              {links.contacts.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {contact.name}
                </option>
              ))}
            </select>
            <CrmFieldError id={`${id}-contactId-error`} messages={form.fieldErrors.contactId} />
          </div>
        )}
        {links.fixedOpportunityId ? (
          <input type="hidden" name="opportunityId" value={links.fixedOpportunityId} />
        ) : (
          <div>
            <label htmlFor={`${id}-opportunityId`} className={labelClass}>
              {t("opportunity")}
            </label>
            <select {...field("opportunityId")} className={inputClass} defaultValue={value("opportunityId")}>
              <option value="">{t("noOpportunity")}</option>
              {links.opportunities.map((opportunity) => (
                <option key={opportunity.id} value={opportunity.id}>
                  {opportunity.title}
                </option>
              ))}
            </select>
            <CrmFieldError id={`${id}-opportunityId-error`} messages={form.fieldErrors.opportunityId} />
          </div>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-participants`} className={labelClass}>
          {t("participants")}
        </label>
        <input {...field("participants")} className={inputClass} defaultValue={value("participants")} aria-describedby={`${id}-participants-hint`} />
        <p id={`${id}-participants-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {t("participantsHint")}
        </p>
        <CrmFieldError id={`${id}-participants-error`} messages={form.fieldErrors.participants} />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className={labelClass}>
          {t("notes")}
        </label>
        <textarea {...field("body")} rows={3} className={inputClass} defaultValue={value("body")} />
        <CrmFieldError id={`${id}-body-error`} messages={form.fieldErrors.body} />
      </div>
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
