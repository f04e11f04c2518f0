"use client";
import { useEffect, useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { ACTIVITY_OUTCOMES } from "@/lib/validation/opportunity";
import { COMPOSER_FIELDS, COMPOSER_KINDS, composerSchema, isComposerKind, type ComposerField, type ComposerKind } from "@/lib/validation/composer";
import { TASK_TITLE_MAX } from "@/lib/validation/tasks";
import type { TimelineLinks } from "@/lib/dal/activities/list-timeline";
import type { BoundFormAction } from "./activity-fields";

/** The kinds that show `field`, as the value of a data-kinds attribute (see app/globals.css). */
function kindsShowing(field: ComposerField): string {
  return COMPOSER_KINDS.filter((kind) => COMPOSER_FIELDS[kind].includes(field)).join(" ");
}

/** A piece of the form shown only for some kinds. Its own display comes from app/globals.css, so it carries no display class. */
function ForKinds({ kinds, children, inline = false }: { kinds: string; children: ReactNode; inline?: boolean }) {
  return inline ? <span data-kinds={kinds}>{children}</span> : <div data-kinds={kinds}>{children}</div>;
}

/**
 * The composer at the top of a record's timeline: tabs for call, email, meeting, note and task over
 * one form whose fields follow the chosen tab. The tabs are radio buttons (arrow keys move between
 * them) and the fields are switched by CSS alone, so the form works the same without JavaScript.
 * The subject and notes are shared, so switching tabs loses nothing; after a refused save every
 * field comes back as typed; after a save the form starts fresh on the same tab.
 */
export function TimelineComposer({
  action,
  links,
  taskLink,
  defaultWhen,
  defaultDue,
  timeZone,
}: {
  /** composeTimelineAction bound to the slug by the (server) timeline: see BoundFormAction. */
  action: BoundFormAction;
  links: TimelineLinks;
  /** The record the composer is on, as a task link ("customer:<id>" …). */
  taskLink: string;
  defaultWhen: string;
  defaultDue: { date: string; time: string };
  timeZone: string;
}) {
  const t = useTranslations("activities");
  const tTasks = useTranslations("tasks");
  const form = useActionForm(action, composerSchema);
  const id = useId();
  const succeeded = form.state.status === "success";
  const formKey = succeeded ? form.state.values.formKey : "editing";
  const lastKind = form.state.values.type;
  const kind: ComposerKind = isComposerKind(lastKind) ? lastKind : "CALL";
  const value = (name: string, fallback: string) => (succeeded ? fallback : (form.value(name) ?? fallback));

  useEffect(() => {
    // After a save, the subject of the fresh form is where the next entry starts.
    if (formKey !== "editing") document.getElementById(`${id}-subject`)?.focus();
  }, [formKey, id]);

  const field = (name: ComposerField) => {
    const error = form.fieldErrors[name]?.length;
    return {
      id: `${id}-${name}`,
      name,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${id}-${name}-error` : undefined,
    };
  };
  const errorOf = (name: string) => <CrmFieldError id={`${id}-${name}-error`} messages={form.fieldErrors[name]} />;

  return (
    <form
      key={formKey}
      {...form.formProps}
      className="timeline-composer @container space-y-4 rounded-xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-950"
      aria-label={t("composer.title")}
      data-testid="timeline-composer"
    >
      <fieldset>
        <legend className="sr-only">{t("composer.kind")}</legend>
        <div className="flex flex-wrap gap-1">
          {COMPOSER_KINDS.map((option) => (
            <label
              key={option}
              className="relative inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-transparent px-3 text-sm font-medium text-slate-700 hover:bg-white has-[:checked]:border-brand-600 has-[:checked]:bg-white has-[:checked]:text-brand-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 dark:text-slate-300 dark:hover:bg-slate-900 dark:has-[:checked]:border-brand-400 dark:has-[:checked]:bg-slate-900 dark:has-[:checked]:text-brand-300"
            >
              {/* Invisible but covering its tab, so a click or tap lands on the radio button itself. */}
              <input type="radio" name="type" value={option} defaultChecked={kind === option} className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0" />
              {t(`composer.tabs.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <FormStatus
        state={form.state}
        errorCount={form.errorCount}
        successMessage={lastKind === "TASK" ? tTasks("created") : t("logged")}
      />
      <input type="hidden" name="customerId" value={links.customerId} />
      <input type="hidden" name="link" value={taskLink} />
      {links.fixedContactId ? <input type="hidden" name="contactId" value={links.fixedContactId} /> : null}
      {links.fixedOpportunityId ? <input type="hidden" name="opportunityId" value={links.fixedOpportunityId} /> : null}

      <div>
        <label htmlFor={`${id}-subject`} className={labelClass}>
          <ForKinds kinds={COMPOSER_KINDS.filter((option) => option !== "TASK").join(" ")} inline>
            {t("subject")}
          </ForKinds>
          <ForKinds kinds="TASK" inline>
            {t("composer.taskTitle")}
          </ForKinds>
        </label>
        <input {...field("subject")} className={inputClass} defaultValue={value("subject", "")} maxLength={TASK_TITLE_MAX} autoComplete="off" />
        {errorOf("subject")}
      </div>

      <div className="grid grid-cols-1 gap-4 @md:grid-cols-2 @2xl:grid-cols-3">
        <ForKinds kinds={kindsShowing("occurredAt")}>
          <label htmlFor={`${id}-occurredAt`} className={labelClass}>
            {t("when")}
          </label>
          <input {...field("occurredAt")} type="datetime-local" className={inputClass} defaultValue={value("occurredAt", defaultWhen)} />
          {errorOf("occurredAt")}
        </ForKinds>
        <ForKinds kinds={kindsShowing("durationMinutes")}>
          <label htmlFor={`${id}-durationMinutes`} className={labelClass}>
            {t("duration")}
          </label>
          <input {...field("durationMinutes")} inputMode="numeric" className={inputClass} defaultValue={value("durationMinutes", "")} />
          {errorOf("durationMinutes")}
        </ForKinds>
        <ForKinds kinds={kindsShowing("outcome")}>
          <label htmlFor={`${id}-outcome`} className={labelClass}>
            {t("outcome")}
          </label>
          <select {...field("outcome")} className={inputClass} defaultValue={value("outcome", "")}>
            <option value="">{t("noOutcome")}</option>
            {ACTIVITY_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcomes.${outcome}`)}
              </option>
            ))}
          </select>
          {errorOf("outcome")}
        </ForKinds>
        <ForKinds kinds={kindsShowing("dueDate")}>
          <label htmlFor={`${id}-dueDate`} className={labelClass}>
            {tTasks("fields.dueDate")}
          </label>
          <input {...field("dueDate")} type="date" className={inputClass} defaultValue={value("dueDate", defaultDue.date)} />
          {errorOf("dueDate")}
        </ForKinds>
        <ForKinds kinds={kindsShowing("dueTime")}>
          <label htmlFor={`${id}-dueTime`} className={labelClass}>
            {tTasks("fields.dueTime")}
          </label>
          <input
            {...field("dueTime")}
            type="time"
            className={inputClass}
            defaultValue={value("dueTime", defaultDue.time)}
            aria-describedby={[`${id}-dueTime-hint`, form.fieldErrors.dueTime?.length ? `${id}-dueTime-error` : ""].filter(Boolean).join(" ")}
          />
          <p id={`${id}-dueTime-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {tTasks("timeHint", { zone: timeZone })}
          </p>
          {errorOf("dueTime")}
        </ForKinds>
      </div>

      {links.fixedContactId && links.fixedOpportunityId ? null : (
        <div className="grid grid-cols-1 gap-4 @md:grid-cols-2">
          {links.fixedContactId ? null : (
            <ForKinds kinds={kindsShowing("contactId")}>
              <label htmlFor={`${id}-contactId`} className={labelClass}>
                {t("contact")}
              </label>
              <select {...field("contactId")} className={inputClass} defaultValue={value("contactId", "")}>
                <option value="">{t("noContact")}</option>
                {links.contacts.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name}
                  </option>
                ))}
              </select>
              {errorOf("contactId")}
            </ForKinds>
          )}
          {links.fixedOpportunityId ? null : (
            <ForKinds kinds={kindsShowing("opportunityId")}>
              <label htmlFor={`${id}-opportunityId`} className={labelClass}>
                {t("opportunity")}
              </label>
              <select {...field("opportunityId")} className={inputClass} defaultValue={value("opportunityId", "")}>
                <option value="">{t("noOpportunity")}</option>
                {links.opportunities.map((opportunity) => (
                  <option key={opportunity.id} value={opportunity.id}>
                    {opportunity.title}
                  </option>
                ))}
              </select>
              {errorOf("opportunityId")}
            </ForKinds>
          )}
        </div>
      )}
      {/* The customer is fixed by the record; a link to one that no longer exists is reported here. */}
      {errorOf("customerId")}

      <ForKinds kinds={kindsShowing("participants")}>
        <label htmlFor={`${id}-participants`} className={labelClass}>
          {t("participants")}
        </label>
        <input
          {...field("participants")}
          className={inputClass}
          defaultValue={value("participants", "")}
          aria-describedby={[`${id}-participants-hint`, form.fieldErrors.participants?.length ? `${id}-participants-error` : ""].filter(Boolean).join(" ")}
        />
        <p id={`${id}-participants-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {t("participantsHint")}
        </p>
        {errorOf("participants")}
      </ForKinds>

      <div>
        <label htmlFor={`${id}-body`} className={labelClass}>
          {t("notes")}
        </label>
        <textarea {...field("body")} rows={3} className={inputClass} defaultValue={value("body", "")} />
        {errorOf("body")}
      </div>

      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {form.pending
          ? t("saving")
          : COMPOSER_KINDS.map((option) => (
              <ForKinds key={option} kinds={option} inline>
                {t(`composer.submit.${option}`)}
              </ForKinds>
            ))}
      </button>
    </form>
  );
}
