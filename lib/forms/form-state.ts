import type { z } from "zod";

// What every server action returns to its form. Errors are message keys under "errors.*" so the
// browser shows them in the user's language; `values` echoes what was typed (never passwords) so
// nothing is lost when the server refuses a submission.
export type FormState = {
  status: "idle" | "error" | "success";
  fieldErrors: Record<string, string[]>;
  formError?: string;
  /** Parameters for message keys, e.g. a suggested slug. */
  formErrorValues?: Record<string, string>;
  message?: string;
  values: Record<string, string>;
  /** The server wants a captcha solved with the next submission. */
  captchaRequired?: boolean;
  /** What a successful action reports for the page to show (plain, serialisable data). */
  result?: Record<string, string | number | boolean | null | string[]>;
};

export const initialFormState: FormState = { status: "idle", fieldErrors: {}, values: {} };

/** Placeholder values carried by custom issues (e.g. { min: 15 } for "Use at least {min} characters"). */
export function errorValuesFrom(error: z.ZodError): Record<string, string> {
  const values: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "custom" && issue.params) {
      for (const [name, value] of Object.entries(issue.params)) values[name] = String(value);
    }
  }
  return values;
}

export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** Everything typed except secrets, to put back into the form. */
export function echoValues(formData: FormData, secretFields: readonly string[] = ["password", "currentPassword", "newPassword"]) {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !secretFields.includes(key) && !key.startsWith("$ACTION")) {
      values[key] = value.slice(0, 1000);
    }
  }
  return values;
}

export function formError(formData: FormData, key: string, formErrorValues?: Record<string, string>): FormState {
  return { status: "error", fieldErrors: {}, formError: key, formErrorValues, values: echoValues(formData) };
}

export function invalid(formData: FormData, error: z.ZodError): FormState {
  return { status: "error", fieldErrors: fieldErrorsFrom(error), formErrorValues: errorValuesFrom(error), values: echoValues(formData) };
}

export function fieldError(formData: FormData, field: string, key: string, formErrorValues?: Record<string, string>): FormState {
  return { status: "error", fieldErrors: { [field]: [key] }, formErrorValues, values: echoValues(formData) };
}

/** Every reason a new password was refused, shown together next to its field. */
export function passwordProblems(
  formData: FormData,
  field: string,
  problems: { key: string; values?: Record<string, string | number> }[],
): FormState {
  return withPasswordProblems({ status: "error", fieldErrors: {}, values: echoValues(formData) }, field, problems);
}

/** Adds password problems to a state that may already hold other field errors (so all show at once). */
export function withPasswordProblems(
  state: FormState,
  field: string,
  problems: { key: string; values?: Record<string, string | number> }[],
): FormState {
  if (problems.length === 0) return state;
  const values: Record<string, string> = { ...state.formErrorValues };
  for (const problem of problems) {
    for (const [name, value] of Object.entries(problem.values ?? {})) values[name] = String(value);
  }
  return {
    ...state,
    status: "error",
    fieldErrors: { ...state.fieldErrors, [field]: [...(state.fieldErrors[field] ?? []), ...problems.map((problem) => problem.key)] },
    formErrorValues: values,
  };
}
