"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { reverifyPath } from "@/lib/auth/reverify";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { phoneCodeRefusal } from "@/lib/forms/phone-code-refusal";
import { mfaCodeSchema, phoneNumberSchema } from "@/lib/validation/mfa";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import type { RenewedSession } from "@/lib/auth/privilege-change";
import {
  cancelPhoneVerification,
  cancelTotpEnrolment,
  confirmEmailCodeFactor,
  disableEmailCodeFactor,
  startEmailCodeFactor,
  confirmPhoneVerification,
  confirmTotpEnrolment,
  disableTotp,
  regenerateOwnRecoveryCodes,
  removePhone,
  resendPhoneVerificationCode,
  sendPhoneVerificationCode,
  startTotpEnrolment,
  type SendPhoneCodeResult,
} from "@/lib/dal/mfa/own-mfa";
import { emailCodeConfirmRefusal, emailCodeStartState } from "./email-code-states";

// Second factors on the member's own security page. Setting up the authenticator app is also
// allowed while the session owes a forced enrolment ("mfa-enrol"), so the enrolment page can
// reuse these actions; everything else needs a fully signed-in session.

const ENROL = { allowRestricted: "mfa-enrol" } as const;

function securityPath(slug: string) {
  return `/${slug}/security`;
}

function done(slug: string, message: string, values: Record<string, string> = {}, refresh = true): FormState {
  if (refresh) revalidatePath(securityPath(slug));
  return { status: "success", fieldErrors: {}, message, values };
}

/**
 * Switching a factor on or off, or new recovery codes, gave this session a new token (the old one
 * is refused from now on): it goes out as the cookie with this answer.
 */
async function keepSession(renewed: RenewedSession | undefined) {
  if (renewed) await setSessionCookie(renewed.token, renewed.maxAgeSeconds);
}

/** The member must prove who they are again; they come back to the security page afterwards. */
function toReverify(slug: string): never {
  redirect(reverifyPath(slug, securityPath(slug)));
}

export const startTotpAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData }) => {
    const result = await startTotpEnrolment(ctx);
    if (!result.ok) return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.alreadyEnabled");
    return done(ctx.tenant.slug, "totpStarted");
  },
  ENROL,
);

export const confirmTotpAction = memberAction(
  mfaCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    const result = await confirmTotpEnrolment(ctx, input.code, meta);
    if (!result.ok) {
      if (result.reason === "invalid") return fieldError(formData, "code", "mfa.totpInvalid");
      return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.noEnrolment");
    }
    await keepSession(result.renewedSession);
    // Not revalidated here: the codes are shown once by the form, which refreshes the page when
    // the member says they saved them.
    return done(ctx.tenant.slug, "totpEnabled", { recoveryCodes: result.recoveryCodes.join("\n") }, false);
  },
  ENROL,
);

export const cancelTotpAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx) => {
    await cancelTotpEnrolment(ctx);
    return done(ctx.tenant.slug, "totpCancelled");
  },
  ENROL,
);

export const disableTotpAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) => {
  const result = await disableTotp(ctx, meta);
  if (!result.ok) return result.reason === "reverify" ? toReverify(ctx.tenant.slug) : formError(formData, "mfa.notEnabled");
  await keepSession(result.renewedSession);
  return done(ctx.tenant.slug, "totpDisabled");
});

export const regenerateRecoveryCodesAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) => {
  const result = await regenerateOwnRecoveryCodes(ctx, meta);
  if (!result.ok) return result.reason === "reverify" ? toReverify(ctx.tenant.slug) : formError(formData, "mfa.notEnabled");
  await keepSession(result.renewedSession);
  return done(ctx.tenant.slug, "recoveryCodesRegenerated", { recoveryCodes: result.recoveryCodes.join("\n") }, false);
});

function phoneCodeState(slug: string, formData: FormData, result: SendPhoneCodeResult | { ok: false; reason: "no-pending" }): FormState {
  if (result.ok) return done(slug, "phoneCodeSent", { phoneDisplay: result.display });
  if (result.reason === "reverify") return toReverify(slug);
  return phoneCodeRefusal(formData, result);
}

export const sendPhoneCodeAction = memberAction(phoneNumberSchema, "workspace.view", async (input, ctx, { formData }) => {
  const result = await sendPhoneVerificationCode(ctx, { phone: input.phone, country: input.country, locale: await getLocale() });
  return phoneCodeState(ctx.tenant.slug, formData, result);
});

export const resendPhoneCodeAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData }) => {
  const result = await resendPhoneVerificationCode(ctx, await getLocale());
  return phoneCodeState(ctx.tenant.slug, formData, result);
});

export const confirmPhoneAction = memberAction(mfaCodeSchema, "workspace.view", async (input, ctx, { formData, ...meta }) => {
  const result = await confirmPhoneVerification(ctx, input.code, meta);
  if (result.ok) {
    await keepSession(result.renewedSession);
    // A first factor's recovery codes are shown by the form, once: no refresh until "I've saved them".
    return result.recoveryCodes ? done(ctx.tenant.slug, "phoneVerified", { recoveryCodes: result.recoveryCodes.join("\n") }, false) : done(ctx.tenant.slug, "phoneVerified");
  }
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
});

export const cancelPhoneAction = memberAction(z.object({}), "workspace.view", async (_input, ctx) => {
  await cancelPhoneVerification(ctx);
  return done(ctx.tenant.slug, "phoneCancelled");
});

export const removePhoneAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) => {
  const result = await removePhone(ctx, meta);
  if (!result.ok) return result.reason === "reverify" ? toReverify(ctx.tenant.slug) : formError(formData, "mfa.noPhone");
  await keepSession(result.renewedSession);
  return done(ctx.tenant.slug, "phoneRemoved");
});

export const startEmailCodeAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) =>
  emailCodeStartState(formData, await startEmailCodeFactor(ctx, meta)),
);

export const confirmEmailCodeAction = memberAction(mfaCodeSchema, "workspace.view", async (input, ctx, { formData, ...meta }) => {
  const result = await confirmEmailCodeFactor(ctx, input.code, meta);
  const refusal = emailCodeConfirmRefusal(formData, result);
  if (refusal || !result.ok) return refusal ?? formError(formData, "mfa.emailCodeNoCode");
  await keepSession(result.renewedSession);
  // A first factor's recovery codes are shown by the form, once: no refresh until "I've saved them".
  return result.recoveryCodes ? done(ctx.tenant.slug, "emailCodeEnabled", { recoveryCodes: result.recoveryCodes.join("\n") }, false) : done(ctx.tenant.slug, "emailCodeEnabled");
});

export const disableEmailCodeAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) => {
  const result = await disableEmailCodeFactor(ctx, meta);
  if (!result.ok) return result.reason === "reverify" ? toReverify(ctx.tenant.slug) : formError(formData, "mfa.emailCodeNotOn");
  await keepSession(result.renewedSession);
  return done(ctx.tenant.slug, "emailCodeDisabled");
});
