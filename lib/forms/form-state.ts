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
};

export const initialFormState: FormState = { status: "idle", fieldErrors: {}, values: {} };

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
  return { status: "error", fieldErrors: fieldErrorsFrom(error), values: echoValues(formData) };
}

export function fieldError(formData: FormData, field: string, key: string, formErrorValues?: Record<string, string>): FormState {
  return { status: "error", fieldErrors: { [field]: [key] }, formErrorValues, values: echoValues(formData) };
}
