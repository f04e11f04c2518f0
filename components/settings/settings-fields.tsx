"use client";
import { useId, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { inputClass } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { readIssue } from "@/lib/validation/security-policy";
import type { FormState } from "@/lib/forms/form-state";

// Building blocks of the security settings forms (components/settings/*-form.tsx). Inputs are
// controlled, so presets can fill them and nothing typed is lost when the server refuses a save.

// Numbers of up to five digits: a narrow box, so the unit after it reads with it.
const numberInputClass = `${inputClass.replace("w-full", "")} w-28`;
const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";
const hintClass = "mt-1.5 text-sm text-slate-600 dark:text-slate-400";

/** The posted values of the fields this form shows. */
function typedValues(fields: Record<string, string>, posted: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).flatMap((name) => (name in posted ? [[name, posted[name]]] : [])));
}

/** A field's values, replaced by what the server saved after each successful save. */
export function useSavedValues(initial: Record<string, string>, state: FormState, onSaved?: (values: Record<string, string>) => void) {
  // Without JavaScript a refused save comes back as a new page whose first state is the error:
  // start from what was typed then, not from the saved values. (Only fields the post carried; an
  // unticked checkbox isn't posted, so it shows its saved value.)
  const [values, setValues] = useState(() => (state.status === "error" ? { ...initial, ...typedValues(initial, state.values) } : initial));
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    // Adjusting state while rendering (react.dev "storing information from previous renders").
    setSeen(state);
    if (state.status === "success") {
      const saved = { ...values, ...state.values };
      setValues(saved);
      onSaved?.(saved);
    }
  }
  return [values, setValues] as const;
}

/** Translates a message made by issueMessage (lib/validation/security-policy), any key under errors.*. */
export function useIssueText() {
  const t = useTranslations("errors");
  return (message: string) => {
    const { key, values } = readIssue(message);
    return isMessageKey(t, key) ? t(key, values) : t("generic");
  };
}

/** Every message of one field, right under it. */
export function FieldMessages({ id, messages }: { id: string; messages?: string[] }) {
  const text = useIssueText();
  if (!messages?.length) return null;
  const className = "mt-1.5 text-sm font-medium text-red-700 dark:text-red-300";
  if (messages.length === 1) {
    return (
      <p id={id} className={className}>
        {text(messages[0]!)}
      </p>
    );
  }
  return (
    <ul id={id} className={`${className} list-disc space-y-1 pl-5`}>
      {messages.map((message) => (
        <li key={message}>{text(message)}</li>
      ))}
    </ul>
  );
}

export function describedBy(...ids: unknown[]): string | undefined {
  return ids.filter((id): id is string => typeof id === "string" && id !== "").join(" ") || undefined;
}

export function NumberField({
  label,
  name,
  value,
  onChange,
  min,
  max,
  unit,
  hint,
  errors,
  extraDescribedBy,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  /** Shown after the input, e.g. "minutes"; also read with the input. */
  unit?: string;
  hint?: ReactNode;
  errors?: string[];
  /** Ids of notes elsewhere that describe this field too. */
  extraDescribedBy?: string;
}) {
  const autoId = useId();
  const inputId = `${name}-${autoId}`;
  const unitId = `${inputId}-unit`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={inputId} className={labelClass}>
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={inputId}
          name={name}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy(invalid && errorId, unit && unitId, hint && hintId, extraDescribedBy)}
          className={`${numberInputClass} tabular-nums`}
        />
        {unit ? (
          <span id={unitId} className="text-sm text-slate-700 dark:text-slate-300">
            {unit}
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldMessages id={errorId} messages={errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  name,
  checked,
  onChange,
  hint,
  errors,
}: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  errors?: string[];
}) {
  const autoId = useId();
  const inputId = `${name}-${autoId}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex gap-3">
      <input
        id={inputId}
        name={name}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy(invalid && errorId, hint && hintId)}
        className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 accent-brand-600 dark:accent-brand-400"
      />
      <div className="min-w-0">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        ) : null}
        <FieldMessages id={errorId} messages={errors} />
      </div>
    </div>
  );
}

export function RadioOption({
  name,
  value,
  checked,
  onChange,
  label,
  description,
  badge,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
  description?: ReactNode;
  /** A short tag after the label, e.g. "Saved". */
  badge?: string;
  /** Fields that belong to this choice, shown under it. */
  children?: ReactNode;
}) {
  const autoId = useId();
  const inputId = `${name}-${value}-${autoId}`;
  const descriptionId = `${inputId}-description`;
  return (
    <div
      className={`rounded-xl border p-3 sm:p-4 ${
        checked ? "border-brand-500 bg-brand-50/60 dark:border-brand-400 dark:bg-slate-800/60" : "border-slate-200 dark:border-slate-700"
      }`}
    >
      <div className="flex gap-3">
        <input
          id={inputId}
          type="radio"
          name={name}
          value={value}
          checked={checked}
          onChange={() => onChange(value)}
          aria-describedby={description ? descriptionId : undefined}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600 dark:accent-brand-400"
        />
        <div className="min-w-0">
          <label htmlFor={inputId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {label}
          </label>
          {badge ? (
            <span className="ml-2 inline-block rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
              {badge}
            </span>
          ) : null}
          {description ? (
            <p id={descriptionId} className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
              {description}
            </p>
          ) : null}
        </div>
      </div>
      {children ? <div className="mt-4 sm:pl-8">{children}</div> : null}
    </div>
  );
}

/** Advice that appears while a setting goes against current guidance. Announced when it appears. */
export function GuidanceNote({ id, show, title, children }: { id: string; show: boolean; title: string; children: ReactNode }) {
  return (
    <div aria-live="polite">
      {show ? (
        <div
          id={id}
          className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          data-testid={id}
        >
          <p className="font-semibold">{title}</p>
          <p className="mt-1">{children}</p>
        </div>
      ) : null}
    </div>
  );
}

export function InfoNote({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <p
      id={id}
      className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
    >
      {children}
    </p>
  );
}

/**
 * One section of the page: a card holding one form whose fieldset's legend is the section's
 * heading, with its own status message and Save button.
 */
export function SettingsSection({
  id,
  title,
  lead,
  state,
  errorCount,
  pending,
  formProps,
  saveLabel,
  savedMessage,
  children,
}: {
  id: string;
  title: string;
  lead: ReactNode;
  saveLabel: string;
  savedMessage: string;
  state: FormState;
  errorCount: number;
  pending: boolean;
  formProps: React.ComponentProps<"form">;
  children: ReactNode;
}) {
  const t = useTranslations("settings.security");
  const headingId = `${id}-heading`;
  const leadId = `${id}-lead`;
  const success = state.message === "unchanged" ? t("unchanged") : savedMessage;
  return (
    <section
      aria-labelledby={headingId}
      id={id}
      className="scroll-mt-6 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <form {...formProps} data-testid={`${id}-form`}>
        <fieldset aria-describedby={leadId} className="min-w-0">
          <legend className="float-left w-full">
            <h2 id={headingId} className="text-lg font-semibold text-slate-900 dark:text-white">
              {title}
            </h2>
          </legend>
          <p id={leadId} className="clear-left pt-1 text-sm text-slate-600 dark:text-slate-400">
            {lead}
          </p>
          <div className="mt-6 space-y-6">
            {children}
            <div>
              {/* The live region is always there (so it's announced); its message brings its own gap. */}
              <div className="[&_p]:mb-4">
                <FormStatus state={state} errorCount={errorCount} successMessage={success} />
              </div>
              <button type="submit" className={buttonStyles.primary} disabled={pending}>
                {pending ? t("saving") : saveLabel}
              </button>
            </div>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
