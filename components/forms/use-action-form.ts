"use client";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { fieldErrorsFrom, initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Runs a server action from a form: checks the form's schema in the browser first (for comfort;
 * the action checks again), submits without React's automatic form reset so nothing typed is
 * lost, and moves focus to the first field in error after either check.
 */
export function useActionForm(action: Action, schema?: z.ZodType) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]> | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  const fieldErrors = clientErrors ?? state.fieldErrors;

  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    invalid?.focus();
  }, [attempt, state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    if (schema) {
      const parsed = schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        setClientErrors(fieldErrorsFrom(parsed.error));
        setAttempt((n) => n + 1);
        return;
      }
    }
    setClientErrors(null);
    setAttempt((n) => n + 1);
    startTransition(() => formAction(formData));
  }

  const errorCount = Object.keys(fieldErrors).length;
  return {
    state,
    pending,
    formRef,
    fieldErrors,
    errorCount,
    formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true },
    error: (name: string) => fieldErrors[name]?.[0],
    value: (name: string) => state.values[name],
  };
}
