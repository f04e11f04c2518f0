import type { SendPhoneCodeResult } from "@/lib/dal/mfa/own-mfa";
import { fieldError, formError, type FormState } from "./form-state";

export type PhoneCodeRefusal = Exclude<SendPhoneCodeResult, { ok: true }> | { ok: false; reason: "no-pending" };

/**
 * The form's answer when a verification code could not be texted: the security page and forced
 * enrolment send the same codes and say the same things. A page that can send the member to
 * re-verify handles "reverify" before calling this; here it reads as "no code to send".
 */
export function phoneCodeRefusal(formData: FormData, result: PhoneCodeRefusal): FormState {
  switch (result.reason) {
    case "empty":
      return fieldError(formData, "phone", "mfa.phoneRequired");
    case "invalid":
      return fieldError(formData, "phone", "mfa.phoneInvalid");
    case "not-mobile":
      return fieldError(formData, "phone", "mfa.phoneNotMobile");
    case "same-number":
      return fieldError(formData, "phone", "mfa.phoneSameNumber");
    case "cooldown":
      return formError(formData, "mfa.smsCooldown", { seconds: String(result.retryAfterSeconds) });
    case "number-limit":
      return formError(formData, "mfa.smsNumberLimit");
    case "workspace-limit":
      return formError(formData, "mfa.smsWorkspaceLimit");
    case "provider":
      return formError(formData, "mfa.smsProvider");
    case "not-allowed":
      return formError(formData, "mfa.smsNotAllowed");
    case "no-pending":
    case "reverify":
      return formError(formData, "mfa.smsNoCode");
  }
}
