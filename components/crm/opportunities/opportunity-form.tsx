"use client";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/forms/form-state";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { CrmFieldError, labelClass } from "@/components/crm/field-messages";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { CURRENCIES } from "@/lib/money";
import { opportunityCreateSchema, opportunityUpdateSchema } from "@/lib/validation/opportunity";
import { CustomerPicker } from "./customer-picker";

type Option = { id: string; name: string };
type Stage = { id: string; name: string; probability: number; kind: "OPEN" | "WON" | "LOST" };

export type OpportunityFormValues = {
  id?: string;
  version?: number;
  title: string;
  customer: Option | null;
  contactId: string;
  amount: string;
  currency: string;
  stageId: string;
  probability: string;
  expectedCloseDate: string;
  ownerId: string;
  lostReason: string;
};

/**
 * Create and edit. The customer is picked from a search limited to what the member may see; the
 * contact list follows the customer. A save refused because someone else changed the record keeps
 * everything typed and offers to load the newer version number (router.refresh) before saving again.
 */
export function OpportunityForm({
  slug,
  action,
  initial,
  stages,
  owners,
  initialContacts,
  cancelHref,
}: {
  slug: string;
  /**
   * createOpportunityAction or updateOpportunityAction, bound to the slug by the page. Bound there,
   * not here: a server action bound during a client component's render is a new reference on every
   * render, and the server render after a refused save without JavaScript waits for it forever.
   */
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  initial: OpportunityFormValues;
  stages: Stage[];
  owners: Option[];
  initialContacts: Option[];
  cancelHref: string;
}) {
  const t = useTranslations("opportunities");
  const editing = Boolean(initial.id);
  const form = useActionForm(action, editing ? opportunityUpdateSchema : opportunityCreateSchema);
  const router = useRouter();
  const id = useId();
  const typed = form.state.status === "error" ? form.state.values : null;
  const [customer, setCustomer] = useState<Option | null>(initial.customer);
  const [contacts, setContacts] = useState<Option[]>(initialContacts);
  const [stageId, setStageId] = useState(typed?.stageId ?? initial.stageId);
  const stage = stages.find((item) => item.id === stageId);
  const value = (name: keyof OpportunityFormValues) => typed?.[name] ?? String(initial[name] ?? "");
  const field = (name: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": form.fieldErrors[name] ? true : undefined,
    "aria-describedby": form.fieldErrors[name] ? `${id}-${name}-error` : undefined,
  });
  const conflict = form.state.formError === "opportunityConflict";

  useEffect(() => {
    if (!customer || customer.id === initial.customer?.id) return;
    let stale = false;
    fetch(`/${encodeURIComponent(slug)}/opportunities/picker?contactsOf=${encodeURIComponent(customer.id)}`)
      .then((response) => (response.ok ? response.json() : { contacts: [] }))
      .then((body: { contacts?: Option[] }) => {
        if (!stale) setContacts(body.contacts ?? []);
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [customer, slug, initial.customer?.id]);

  return (
    <form {...form.formProps} className="max-w-3xl space-y-5" data-testid="opportunity-form">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      {conflict ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="flex-1">{t("conflict")}</p>
          <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small}`} onClick={() => router.refresh()}>
            {t("reload")}
          </button>
        </div>
      ) : null}
      {editing ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          {/* The version the record was at when loaded; Reload brings the newer one. */}
          <input type="hidden" name="version" value={String(initial.version)} key={initial.version} />
        </>
      ) : null}
      <div>
        <label htmlFor={`${id}-title`} className={labelClass}>
          {t("fields.title")}
        </label>
        <input {...field("title")} className={inputClass} defaultValue={value("title")} maxLength={200} />
        <CrmFieldError id={`${id}-title-error`} messages={form.fieldErrors.title} />
      </div>
      <CustomerPicker slug={slug} customer={customer} onPick={setCustomer} errors={form.fieldErrors.customerId} typedQuery={typed?.customerQuery ?? ""} />
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-contactId`} className={labelClass}>
            {t("fields.contact")}
          </label>
          <select {...field("contactId")} className={inputClass} defaultValue={value("contactId")} key={customer?.id ?? "none"}>
            <option value="">{t("fields.noContact")}</option>
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id}-contactId-error`} messages={form.fieldErrors.contactId} />
        </div>
        <div>
          <label htmlFor={`${id}-ownerId`} className={labelClass}>
            {t("fields.owner")}
          </label>
          <select {...field("ownerId")} className={inputClass} defaultValue={value("ownerId")}>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id}-ownerId-error`} messages={form.fieldErrors.ownerId} />
        </div>
      </div>
      <div className="grid gap-5 sm:grid-cols-[2fr_1fr]">
        <div>
          <label htmlFor={`${id}-amount`} className={labelClass}>
            {t("fields.amount")}
          </label>
          <input {...field("amount")} inputMode="decimal" className={inputClass} defaultValue={value("amount")} />
          <CrmFieldError id={`${id}-amount-error`} messages={form.fieldErrors.amount} />
        </div>
        <div>
          <label htmlFor={`${id}-currency`} className={labelClass}>
            {t("fields.currency")}
          </label>
          <select {...field("currency")} className={inputClass} defaultValue={value("currency")}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id}-currency-error`} messages={form.fieldErrors.currency} />
        </div>
      </div>
      <div className="grid gap-5 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-stageId`} className={labelClass}>
            {t("fields.stage")}
          </label>
          <select {...field("stageId")} className={inputClass} value={stageId} onChange={(event) => setStageId(event.target.value)}>
            {stages.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name} ({item.probability}%)
              </option>
            ))}
          </select>
          <CrmFieldError id={`${id}-stageId-error`} messages={form.fieldErrors.stageId} />
        </div>
        <div>
          <label htmlFor={`${id}-probability`} className={labelClass}>
            {t("fields.probability")}
          </label>
          <input
            {...field("probability")}
            inputMode="numeric"
            className={inputClass}
            defaultValue={value("probability")}
            placeholder={stage ? String(stage.probability) : ""}
            aria-describedby={[`${id}-probability-hint`, form.fieldErrors.probability ? `${id}-probability-error` : ""].filter(Boolean).join(" ")}
          />
          <p id={`${id}-probability-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {t("fields.probabilityHint", { default: stage?.probability ?? 0 })}
          </p>
          <CrmFieldError id={`${id}-probability-error`} messages={form.fieldErrors.probability} />
        </div>
        <div>
          <label htmlFor={`${id}-expectedCloseDate`} className={labelClass}>
            {t("fields.expectedCloseDate")}
          </label>
          <input {...field("expectedCloseDate")} type="date" className={inputClass} defaultValue={value("expectedCloseDate")} />
          <CrmFieldError id={`${id}-expectedCloseDate-error`} messages={form.fieldErrors.expectedCloseDate} />
        </div>
      </div>
      {stage?.kind === "LOST" || form.fieldErrors.lostReason ? (
        <div>
          <label htmlFor={`${id}-lostReason`} className={labelClass}>
            {t("fields.lostReason")}
          </label>
          <textarea {...field("lostReason")} rows={3} maxLength={500} className={inputClass} defaultValue={value("lostReason")} />
          <CrmFieldError id={`${id}-lostReason-error`} messages={form.fieldErrors.lostReason} />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {form.pending ? t("saving") : editing ? t("save") : t("create")}
        </button>
        <a href={cancelHref} className={buttonStyles.ghost}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
