"use client";
import { useTranslations } from "next-intl";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from "@/lib/validation/opportunity";
import type { TimelineLinks } from "@/lib/dal/activities/list-timeline";
import type { FormState } from "@/lib/forms/form-state";

/**
 * A server action already bound to the workspace slug. The timeline's forms get theirs bound by
 * the server component: bound during a client component's render it would be a new reference on
 * every render, and the server render after a form posted without JavaScript would wait for it
 * forever (React checks the bound arguments of every action form on the page then).
 */
export type BoundFormAction = (state: FormState, formData: FormData) => Promise<FormState>;

export type ActivityFieldValues = {
  type: string;
  subject: string;
  occurredAt: string;
  durationMinutes: string;
  outcome: string;
  contactId: string;
  opportunityId: string;
  participants: string;
  body: string;
};

export const EMPTY_ACTIVITY_VALUES: Omit<ActivityFieldValues, "occurredAt"> = {
  type: "CALL",
  subject: "",
  durationMinutes: "",
  outcome: "",
  contactId: "",
  opportunityId: "",
  participants: "",
  body: "",
};

/**
 * The fields of an activity, shared by the timeline's "Log an activity" form and its edit form:
 * type, subject, when, duration, outcome, the links (a record's own link is fixed and hidden),
 * participants and notes. Uncontrolled: `values` are the starting values (what was typed, after a
 * refused save). `idPrefix` keeps ids unique when several forms are on the page.
 */
export function ActivityFields({
  idPrefix,
  links,
  values,
  errors,
  extraLinks,
}: {
  idPrefix: string;
  links: TimelineLinks;
  values: ActivityFieldValues;
  errors: Record<string, string[] | undefined>;
  /** A link the activity already has that isn't in the record's lists (e.g. since moved); kept selectable. */
  extraLinks?: { contact?: { id: string; name: string } | null; opportunity?: { id: string; title: string } | null };
}) {
  const t = useTranslations("activities");
  const id = (name: string) => `${idPrefix}-${name}`;
  const field = (name: string) => ({
    id: id(name),
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": errors[name]?.length ? `${id(name)}-error` : undefined,
  });
  const contacts = extraLinks?.contact && !links.contacts.some((contact) => contact.id === extraLinks.contact?.id) ? [...links.contacts, extraLinks.contact] : links.contacts;
  const opportunities =
    extraLinks?.opportunity && !links.opportunities.some((opportunity) => opportunity.id === extraLinks.opportunity?.id)
      ? [...links.opportunities, extraLinks.opportunity]
      : links.opportunities;

  return (
    <>
      <fieldset>
        <legend className={labelClass}>{t("type")}</legend>
        <div className="flex flex-wrap gap-2">
          {ACTIVITY_TYPES.map((type) => (
            <label
              key={type}
              className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm dark:border-slate-700 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:has-[:checked]:border-brand-400 dark:has-[:checked]:bg-slate-800"
            >
              <input type="radio" name="type" value={type} defaultChecked={values.type === type} />
              {t(`types.${type}`)}
            </label>
          ))}
        </div>
        <CrmFieldError id={`${id("type")}-error`} messages={errors.type} />
      </fieldset>
      <div>
        <label htmlFor={id("subject")} className={labelClass}>
          {t("subject")}
        </label>
        <input {...field("subject")} className={inputClass} defaultValue={values.subject} maxLength={200} />
        <CrmFieldError id={`${id("subject")}-error`} messages={errors.subject} />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={id("occurredAt")} className={labelClass}>
            {t("when")}
          </label>
          <input {...field("occurredAt")} type="datetime-local" className={inputClass} defaultValue={values.occurredAt} />
          <CrmFieldError id={`${id("occurredAt")}-error`} messages={errors.occurredAt} />
        </div>
        <div>
          <label htmlFor={id("durationMinutes")} className={labelClass}>
            {t("duration")}
          </label>
          <input {...field("durationMinutes")} inputMode="numeric" className={inputClass} defaultValue={values.durationMinutes} />
          <CrmFieldError id={`${id("durationMinutes")}-error`} messages={errors.durationMinutes} />
        </div>
        <div>
          <label htmlFor={id("outcome")} className={labelClass}>
            {t("outcome")}
          </label>
          <select {...field("outcome")} className={inputClass} defaultValue={values.outcome}>
            <option value="">{t("noOutcome")}</option>
            {ACTIVITY_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcomes.${outcome}`)}
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id("outcome")}-error`} messages={errors.outcome} />
        </div>
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {links.fixedContactId ? (
          <input type="hidden" name="contactId" value={links.fixedContactId} />
        ) : (
          <div>
            <label htmlFor={id("contactId")} className={labelClass}>
              {t("contact")}
            </label>
            <select {...field("contactId")} className={inputClass} defaultValue={values.contactId}>
              <option value="">{t("noContact")}</option>
              {contacts.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {contact.name}
                </option>
              ))}
            </select>
            <CrmFieldError id={`${id("contactId")}-error`} messages={errors.contactId} />
          </div>
        )}
        {links.fixedOpportunityId ? (
          <input type="hidden" name="opportunityId" value={links.fixedOpportunityId} />
        ) : (
          <div>
            <label htmlFor={id("opportunityId")} className={labelClass}>
              {t("opportunity")}
            </label>
            <select {...field("opportunityId")} className={inputClass} defaultValue={values.opportunityId}>
              <option value="">{t("noOpportunity")}</option>
              {opportunities.map((opportunity) => (
                <option key={opportunity.id} value={opportunity.id}>
                  {opportunity.title}
                </option>
              ))}
            </select>
            <CrmFieldError id={`${id("opportunityId")}-error`} messages={errors.opportunityId} />
          </div>
        )}
      </div>
      {/* The customer is fixed by the record; a link to one that no longer exists is reported here. */}
      <CrmFieldError id={`${id("customerId")}-error`} messages={errors.customerId} />
      <div>
        <label htmlFor={id("participants")} className={labelClass}>
          {t("participants")}
        </label>
        <input
          {...field("participants")}
          className={inputClass}
          defaultValue={values.participants}
          aria-describedby={[`${id("participants")}-hint`, errors.participants?.length ? `${id("participants")}-error` : ""].filter(Boolean).join(" ")}
        />
        <p id={`${id("participants")}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {t("participantsHint")}
        </p>
        <CrmFieldError id={`${id("participants")}-error`} messages={errors.participants} />
      </div>
      <div>
        <label htmlFor={id("body")} className={labelClass}>
          {t("notes")}
        </label>
        <textarea {...field("body")} rows={3} className={inputClass} defaultValue={values.body} />
        <CrmFieldError id={`${id("body")}-error`} messages={errors.body} />
      </div>
    </>
  );
}

/** The starting values: what was typed when the last save was refused, otherwise `fallback`. */
export function activityValues(typed: Record<string, string> | null, fallback: ActivityFieldValues): ActivityFieldValues {
  if (!typed) return fallback;
  const pick = (name: keyof ActivityFieldValues) => typed[name] ?? fallback[name];
  return {
    type: pick("type"),
    subject: pick("subject"),
    occurredAt: pick("occurredAt"),
    durationMinutes: pick("durationMinutes"),
    outcome: pick("outcome"),
    contactId: pick("contactId"),
    opportunityId: pick("opportunityId"),
    participants: pick("participants"),
    body: pick("body"),
  };
}
