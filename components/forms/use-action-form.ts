"use client";
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import { errorValuesFrom, fieldErrorsFrom, initialFormState, type FormState } from "@/lib/forms/form-state";
import { RATE_LIMITED_PREFIX } from "@/lib/auth/auth-endpoints";

/**
 * A server action bound to its extra arguments (workspace slug, token) IN A SERVER COMPONENT and
 * passed down as a prop. Bound inside a client component instead, it makes a form submitted
 * without JavaScript loop on the server and never answer (vercel/next.js#98045).
 */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
type Action = FormAction;
type ClientErrors = { fields: Record<string, string[]>; values: Record<string, string> };
/** Checks beyond the schema that need several fields at once, e.g. a password against the policy. */
type ExtraCheck = (data: Record<string, string>) => ClientErrors;

/** A request the server turned away before running the action (429 from proxy.ts) or that never arrived. */
function failedRequestState(error: unknown, formData: FormData): FormState {
  const message = error instanceof Error ? error.message : "";
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password/i.test(key) && !key.startsWith("$ACTION")) values[key] = value;
  }
  if (message.startsWith(RATE_LIMITED_PREFIX)) {
    const seconds = Number(message.slice(RATE_LIMITED_PREFIX.length)) || 60;
    return { status: "error", fieldErrors: {}, formError: "rateLimited", formErrorValues: { seconds: String(seconds) }, values };
  }
  return { status: "error", fieldErrors: {}, formError: "requestFailed", values };
}

/**
 * Runs a server action from a form.
 * - With JavaScript: checks the form's schema in the browser first (for comfort; the action checks
 *   again), calls the action without React's automatic form reset so nothing typed is lost, turns
 *   a refused request (rate limit, network) into a message instead of an error page, and moves
 *   focus to the first field in error.
 * - Without JavaScript: the form posts to the action itself and the page comes back with its
 *   state (useActionState's progressive enhancement).
 */
export function useActionForm(action: Action, schema?: z.ZodType, extraCheck?: ExtraCheck) {
  const [serverState, formAction] = useActionState(action, initialFormState);
  const [clientState, setClientState] = useState<FormState | null>(null);
  const [pending, startTransition] = useTransition();
  const [clientErrors, setClientErrors] = useState<ClientErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  const state = clientState ?? serverState;
  const stateRef = useRef(state);
  const fieldErrors = clientErrors?.fields ?? state.fieldErrors;
  const errorValues = clientErrors?.values ?? state.formErrorValues;

  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    invalid?.focus();
  }, [attempt, state, clientErrors]);

  function submit(formData: FormData) {
    startTransition(async () => {
      try {
        const next = await action(stateRef.current, formData);
        // A redirecting action resolves without a state; the navigation takes over.
        if (next) setClientState(next);
      } catch (error) {
        setClientState(failedRequestState(error, formData));
      }
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setAttempt((n) => n + 1);
    const data: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (typeof value === "string") data[key] = value;
    const found: ClientErrors = { fields: {}, values: {} };
    const parsed = schema?.safeParse(data);
    if (parsed && !parsed.success) {
      found.fields = fieldErrorsFrom(parsed.error);
      found.values = errorValuesFrom(parsed.error);
    }
    if (extraCheck) {
      const extra = extraCheck(data);
      for (const [field, keys] of Object.entries(extra.fields)) found.fields[field] = [...(found.fields[field] ?? []), ...keys];
      Object.assign(found.values, extra.values);
    }
    if (Object.keys(found.fields).length > 0) {
      setClientErrors(found);
      return;
    }
    setClientErrors(null);
    submit(formData);
  }

  const errorCount = Object.keys(fieldErrors).length;
  return {
    state,
    pending,
    formRef,
    fieldErrors,
    errorValues,
    errorCount,
    formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true },
    error: (name: string) => fieldErrors[name]?.[0],
    value: (name: string) => state.values[name],
  };
}
