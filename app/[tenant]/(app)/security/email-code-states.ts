import "server-only";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import type { confirmEmailCodeFactor, startEmailCodeFactor } from "@/lib/dal/mfa/own-mfa";

// How turning codes by email on answers the form, shared by the security page and the forced
// enrolment page (each has its own actions: they differ in which restricted session may call
// them and which page they refresh).

export function emailCodeStartState(formData: FormData, result: Awaited<ReturnType<typeof startEmailCodeFactor>>): FormState {
  if (result.ok) return { status: "success", fieldErrors: {}, message: "emailCodeSent", values: { resendAfter: String(result.resendAfterSeconds) } };
  switch (result.reason) {
    case "cooldown":
      return formError(formData, "mfa.smsCooldown", { seconds: String(result.retryAfterSeconds) });
    case "member-limit":
      return formError(formData, "mfa.emailCodeLimit");
    case "provider":
      return formError(formData, "mfa.emailCodeSendFailed");
    case "not-allowed":
      return formError(formData, "mfa.emailCodeNotAllowed");
    case "already-on":
      return formError(formData, "mfa.emailCodeAlreadyOn");
  }
}

/** The refusal for a code that didn't turn codes by email on (null when it did). */
export function emailCodeConfirmRefusal(formData: FormData, result: Awaited<ReturnType<typeof confirmEmailCodeFactor>>): FormState | null {
  if (result.ok) return null;
  switch (result.reason) {
    case "invalid":
      return fieldError(formData, "code", "mfa.emailCodeInvalid");
    case "expired":
      return fieldError(formData, "code", "mfa.emailCodeExpired");
    case "too-many-attempts":
      return fieldError(formData, "code", "mfa.emailCodeTooManyAttempts");
    case "no-code":
      return fieldError(formData, "code", "mfa.emailCodeNoCode");
    case "not-allowed":
      return formError(formData, "mfa.emailCodeNotAllowed");
    case "already-on":
      return formError(formData, "mfa.emailCodeAlreadyOn");
  }
}
