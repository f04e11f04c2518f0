"use client";
import { useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { inputClass } from "@/components/ui/input-styles";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  errorValues?: Record<string, string>;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

export { inputClass };

export function FieldError({ id, error, values }: { id: string; error?: string; values?: Record<string, string> }) {
  const t = useTranslations("errors");
  if (!error) return null;
  return (
    <p id={id} className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
      {isMessageKey(t, error) ? t(error, values) : t("generic")}
    </p>
  );
}

export function TextField({ label, name, error, errorValues, hint, id, ...input }: FieldProps) {
  const autoId = useId();
  const inputId = id ?? `${name}-${autoId}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  return (
    <div>
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} values={errorValues} />
    </div>
  );
}

/** A password input with show/hide and a Caps Lock warning (passwords are case-sensitive). */
export function PasswordField({ label, name, error, hint, id, "aria-describedby": extraDescribedBy, ...input }: FieldProps) {
  const t = useTranslations("common");
  const autoId = useId();
  const inputId = id ?? `${name}-${autoId}`;
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  const capsId = `${inputId}-caps`;
  const describedBy = [error ? errorId : null, capsLock ? capsId : null, hintId, extraDescribedBy].filter(Boolean).join(" ") || undefined;
  const trackCapsLock = (event: React.KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState("CapsLock"));
  return (
    <div>
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="relative">
        <input
          id={inputId}
          name={name}
          type={visible ? "text" : "password"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputClass} pr-20`}
          onKeyDown={trackCapsLock}
          onKeyUp={trackCapsLock}
          onBlur={() => setCapsLock(false)}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          {...input}
        />
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-pressed={visible}
          aria-controls={inputId}
          className="absolute inset-y-1 right-1 rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800"
        >
          {visible ? t("hidePassword") : t("showPassword")}
        </button>
      </div>
      {capsLock ? (
        <p id={capsId} role="status" className="mt-1.5 text-sm font-medium text-amber-700 dark:text-amber-300">
          {t("capsLockOn")}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  options,
  defaultValue,
  id,
}: {
  label: string;
  name: string;
  error?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  id?: string;
}) {
  const autoId = useId();
  const inputId = id ?? `${name}-${autoId}`;
  const errorId = `${inputId}-error`;
  return (
    <div>
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <select
        id={inputId}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
