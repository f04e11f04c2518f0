"use client";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FieldError } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import type { FormState } from "@/lib/forms/form-state";
import type { CrmFormState } from "@/lib/forms/crm-form-state";

// The create/edit form of a customer or a contact. Server-validated (phone numbers need the
// member's country); what was typed stays on every refusal. Two refusals get their own panel:
// probable duplicates ("Save anyway" resubmits with confirmDuplicate=1) and an edit conflict
// (someone saved since the form was opened: Reload shows the latest version, with what this
// member typed listed beside it so nothing is lost).

export type RecordField = {
  name: string;
  label: string;
  type?: "text" | "email" | "tel" | "url" | "select" | "textarea";
  options?: { value: string; label: string }[];
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  maxLength?: number;
  wide?: boolean;
};

type Props = {
  /** "/<workspace>", for links to the probable duplicates. */
  basePath: string;
  /** The customer being edited: each duplicate customer then offers a merge with it. */
  mergeFrom?: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: RecordField[];
  initial: Record<string, string>;
  hidden: Record<string, string>;
  /** Changes when the record is saved by anyone: the form starts afresh on the latest version. */
  version: string;
  submitLabel: string;
  cancelHref: string;
};

export function RecordForm(props: Props) {
  const t = useTranslations("customers");
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const differing = draft ? props.fields.filter((field) => (draft[field.name] ?? "") !== (props.initial[field.name] ?? "")) : [];
  return (
    <>
      {draft && differing.length > 0 ? (
        <section aria-labelledby="draft-heading" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="conflict-draft">
          <h2 id="draft-heading" className="font-semibold">{t("draftTitle")}</h2>
          <p className="mt-1">{t("draftLead")}</p>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            {differing.map((field) => (
              <div key={field.name} className="contents">
                <dt className="font-medium">{field.label}</dt>
                <dd className="wrap-anywhere">{draft[field.name] || "—"}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small} mt-3`} onClick={() => setDraft(null)}>
            {t("draftDismiss")}
          </button>
        </section>
      ) : null}
      <RecordFormInner key={props.version} {...props} onReload={setDraft} />
    </>
  );
}

function RecordFormInner({ basePath, mergeFrom, action, fields, initial, hidden, submitLabel, cancelHref, onReload }: Props & { onReload: (values: Record<string, string>) => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const form = useActionForm(action);
  const state = form.state as CrmFormState;
  const confirmRef = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const value = (name: string) => form.value(name) ?? initial[name] ?? "";

  return (
    <form {...form.formProps} className="space-y-6" data-testid="record-form">
      {Object.entries(hidden).map(([name, hiddenValue]) => (
        <input key={name} type="hidden" name={name} value={hiddenValue} />
      ))}
      <input ref={confirmRef} type="hidden" name="confirmDuplicate" value="" />
      <FormStatus state={form.state} errorCount={form.errorCount} />

      {state.duplicates && state.duplicates.length > 0 ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="duplicate-warning">
          <p className="font-semibold">{t("customers.duplicatesTitle")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {state.duplicates.map((match) => (
              <li key={`${match.kind}-${match.id}`}>
                <Link
                  className="font-medium text-brand-700 underline dark:text-brand-300"
                  href={match.kind === "customer" ? `${basePath}/customers/${match.id}` : `${basePath}/customers/${match.customerId}/contacts/${match.id}`}
                  target="_blank"
                  rel="noopener"
                >
                  {match.name}
                </Link>{" "}
                <span className="text-amber-900 dark:text-amber-200">({match.reasons.map((reason) => t(`customers.duplicateReason.${reason}`)).join(t("customers.reasonSeparator"))})</span>
                {mergeFrom && match.kind === "customer" ? (
                  <>
                    {" "}
                    <Link className="font-medium text-brand-700 underline dark:text-brand-300" href={`${basePath}/customers/${mergeFrom}/merge?with=${encodeURIComponent(match.id)}`} data-testid="duplicate-merge">
                      {t("customers.duplicateMerge")}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <button
            type="submit"
            name="confirmDuplicate"
            value="1"
            className={`${buttonStyles.secondary} mt-3`}
            onClick={() => {
              if (confirmRef.current) confirmRef.current.value = "1";
            }}
            data-testid="save-anyway"
          >
            {t("customers.saveAnyway")}
          </button>
        </div>
      ) : null}

      {state.conflict ? (
        <div className="rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="conflict-warning">
          <p>
            {state.conflict.changedBy
              ? t("customers.conflictBy", { name: state.conflict.changedBy, time: format.dateTime(new Date(state.conflict.changedAt), { dateStyle: "medium", timeStyle: "short" }) })
              : t("customers.conflictAt", { time: format.dateTime(new Date(state.conflict.changedAt), { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
          <button
            type="button"
            className={`${buttonStyles.secondary} mt-3`}
            onClick={() => {
              onReload(state.values);
              router.refresh();
            }}
          >
            {t("customers.reload")}
          </button>
        </div>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((field) => {
          const id = `${baseId}-${field.name}`;
          const error = form.error(field.name);
          const errorId = `${id}-error`;
          const hintId = field.hint ? `${id}-hint` : undefined;
          const describedBy = [error ? errorId : null, hintId].filter(Boolean).join(" ") || undefined;
          const common = {
            id,
            name: field.name,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": describedBy,
            defaultValue: value(field.name),
            className: inputClass,
          } as const;
          return (
            <div key={field.name} className={field.wide || field.type === "textarea" ? "sm:col-span-2" : ""}>
              <div className="mb-1.5 flex gap-1 text-sm font-medium text-slate-800 dark:text-slate-200">
                <label htmlFor={id}>{field.label}</label>
                {field.required ? <span className="text-red-700 dark:text-red-300" aria-hidden="true">*</span> : null}
              </div>
              {field.type === "select" ? (
                <select {...common}>
                  {(field.options ?? []).map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.type === "textarea" ? (
                <textarea {...common} rows={5} maxLength={field.maxLength} />
              ) : (
                <input
                  {...common}
                  type={field.type === "url" || field.type === "tel" ? "text" : (field.type ?? "text")}
                  inputMode={field.type === "tel" ? "tel" : field.type === "url" ? "url" : field.type === "email" ? "email" : undefined}
                  autoComplete={field.autoComplete ?? "off"}
                  maxLength={field.maxLength}
                  aria-required={field.required ? true : undefined}
                />
              )}
              {field.hint ? (
                <p id={hintId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
                  {field.hint}
                </p>
              ) : null}
              <FieldError id={errorId} error={error} values={form.errorValues} />
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          className={buttonStyles.primary}
          disabled={form.pending}
          onClick={() => {
            if (confirmRef.current) confirmRef.current.value = "";
          }}
        >
          {form.pending ? t("common.saving") : submitLabel}
        </button>
        <Link href={cancelHref} className={buttonStyles.secondary}>
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
