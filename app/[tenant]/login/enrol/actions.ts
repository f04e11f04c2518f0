"use server";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { phoneCodeRefusal } from "@/lib/forms/phone-code-refusal";
import { mfaCodeSchema, phoneNumberSchema } from "@/lib/validation/mfa";
import {
  cancelPhoneVerification,
  confirmEmailCodeFactor,
  confirmPhoneVerification,
  confirmTotpEnrolment,
  resendPhoneVerificationCode,
  sendPhoneVerificationCode,
  startEmailCodeFactor,
  startTotpEnrolment,
} from "@/lib/dal/mfa/own-mfa";
import { emailCodeConfirmRefusal, emailCodeStartState } from "@/app/[tenant]/(app)/security/email-code-states";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import type { RenewedSession } from "@/lib/auth/privilege-change";

// The forced-enrolment page's steps for each factor it offers (authenticator app, phone, codes by
// email; passkeys go through their API routes): the same DAL as the security page, but only for a
// session that owes exactly this step ("mfa-enrol"), and refreshing this page, not that one.

const ENROL = { allowRestricted: "mfa-enrol" } as const;

function enrolPath(slug: string) {
  return `/${slug}/login/enrol`;
}

export const startForcedTotpAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData }): Promise<FormState> => {
    const result = await startTotpEnrolment(ctx);
    if (!result.ok) return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.alreadyEnabled");
    revalidatePath(enrolPath(ctx.tenant.slug));
    return { status: "success", fieldErrors: {}, message: "totpStarted", values: {} };
  },
  ENROL,
);

export const confirmForcedTotpAction = memberAction(
  mfaCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }): Promise<FormState> => {
    const result = await confirmTotpEnrolment(ctx, input.code, meta);
    if (!result.ok) {
      if (result.reason === "invalid") return fieldError(formData, "code", "mfa.totpInvalid");
      return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.noEnrolment");
    }
    // The enrolment gave this session a new token (lib/auth/privilege-change.ts); it goes out with this answer.
    if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
    // Not revalidated: the recovery codes are shown once by the form; "I've saved them" comes back
    // to this page, which then lifts the restriction (lib/auth/mfa-enrolment.ts).
    return { status: "success", fieldErrors: {}, message: "totpEnabled", values: { recoveryCodes: result.recoveryCodes.join("\n") } };
  },
  ENROL,
);

/**
 * A factor is on: the session's new token (lib/auth/privilege-change.ts) goes out with this answer,
 * and recovery codes (a first factor) are shown by the form before this page lets the member in.
 */
async function enrolled(slug: string, message: string, result: { recoveryCodes: string[] | null; renewedSession?: RenewedSession }): Promise<FormState> {
  if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
  const { recoveryCodes } = result;
  if (recoveryCodes) return { status: "success", fieldErrors: {}, message, values: { recoveryCodes: recoveryCodes.join("\n") } };
  revalidatePath(enrolPath(slug));
  return { status: "success", fieldErrors: {}, message, values: {} };
}

function phoneSendState(slug: string, formData: FormData, result: Awaited<ReturnType<typeof sendPhoneVerificationCode>> | { ok: false; reason: "no-pending" }): FormState {
  if (result.ok) {
    revalidatePath(enrolPath(slug));
    return { status: "success", fieldErrors: {}, message: "phoneCodeSent", values: {} };
  }
  return phoneCodeRefusal(formData, result);
}

export const sendForcedPhoneCodeAction = memberAction(
  phoneNumberSchema,
  "workspace.view",
  async (input, ctx, { formData }) => phoneSendState(ctx.tenant.slug, formData, await sendPhoneVerificationCode(ctx, { phone: input.phone, country: input.country, locale: await getLocale() })),
  ENROL,
);

export const resendForcedPhoneCodeAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData }) => phoneSendState(ctx.tenant.slug, formData, await resendPhoneVerificationCode(ctx, await getLocale())),
  ENROL,
);

export const confirmForcedPhoneAction = memberAction(
  mfaCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    const result = await confirmPhoneVerification(ctx, input.code, meta);
    if (result.ok) return enrolled(ctx.tenant.slug, "phoneVerified", result);
    switch (result.reason) {
      case "invalid":
        return fieldError(formData, "code", "mfa.smsCodeInvalid");
      case "expired":
        return fieldError(formData, "code", "mfa.smsCodeExpired");
      case "too-many-attempts":
        return fieldError(formData, "code", "mfa.smsTooManyAttempts");
      case "no-code":
        return fieldError(formData, "code", "mfa.smsNoCode");
      case "not-allowed":
        return formError(formData, "mfa.smsNotAllowed");
    }
  },
  ENROL,
);

export const cancelForcedPhoneAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx): Promise<FormState> => {
    await cancelPhoneVerification(ctx);
    revalidatePath(enrolPath(ctx.tenant.slug));
    return { status: "success", fieldErrors: {}, message: "phoneCancelled", values: {} };
  },
  ENROL,
);

export const startForcedEmailCodeAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData, ...meta }) => {
    // Not for Owners and Admins: codes by email don't satisfy their requirement (lib/auth/second-factors.ts).
    if (ctx.role === "OWNER" || ctx.role === "ADMIN") return formError(formData, "mfa.emailCodeNotAllowed");
    return emailCodeStartState(formData, await startEmailCodeFactor(ctx, meta));
  },
  ENROL,
);

export const confirmForcedEmailCodeAction = memberAction(
  mfaCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    if (ctx.role === "OWNER" || ctx.role === "ADMIN") return formError(formData, "mfa.emailCodeNotAllowed");
    const result = await confirmEmailCodeFactor(ctx, input.code, meta);
    const refusal = emailCodeConfirmRefusal(formData, result);
    if (refusal || !result.ok) return refusal ?? formError(formData, "mfa.emailCodeNoCode");
    return enrolled(ctx.tenant.slug, "emailCodeEnabled", result);
  },
  ENROL,
);
