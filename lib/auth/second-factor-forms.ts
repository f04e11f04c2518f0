import "server-only";
import { getFormatter } from "next-intl/server";
import { tenantDb } from "@/lib/db/tenant-db";
import { formError, type FormState } from "@/lib/forms/form-state";
import { clearSessionCookie } from "./session-cookie-store";
import type { CodeAttemptResult } from "./second-factor-attempt";
import type { MemberContext } from "./current-member";
import { getMfaPolicy } from "./mfa-policy";
import { sendSmsCode } from "./sms-codes";
import { sendEmailCode } from "./email-codes";
import { filterByPolicy, listEnrolledFactors, usableAfter } from "./second-factors";

/**
 * "Text me a code" at sign-in or re-verification: only to the member's verified phone, only while
 * the workspace allows SMS. The form state says when the next one may be asked for
 * (values.resendAfter, seconds) so the page can count down.
 */
export async function sendSecondFactorSms(
  ctx: Pick<MemberContext, "tenant" | "user">,
  purpose: "sign-in" | "reverify",
  formData: FormData,
  locale: string,
): Promise<FormState> {
  const [phone, policy] = await Promise.all([
    tenantDb(ctx.tenant.id).phoneFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } }),
    getMfaPolicy(ctx.tenant.id),
  ]);
  if (!phone?.verifiedAt || !policy.allowSms) return formError(formData, "secondFactor.factorUnavailable");
  const result = await sendSmsCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, phone: phone.phone, purpose, locale });
  if (result.ok) return { status: "success", fieldErrors: {}, message: "smsSent", values: { method: "sms", resendAfter: String(result.resendAfterSeconds) } };
  if (result.reason === "cooldown") {
    return { ...formError(formData, "secondFactor.smsCooldown", { seconds: String(result.retryAfterSeconds) }), values: { method: "sms", resendAfter: String(result.retryAfterSeconds) } };
  }
  return formError(formData, result.reason === "provider" ? "secondFactor.smsProviderFailed" : "secondFactor.smsLimitReached");
}

/**
 * "Email me a code" at sign-in or re-verification: only to the member's own address, only once they
 * turned codes by email on, while the workspace allows them, and not after an emailed sign-in link.
 */
export async function sendSecondFactorEmail(
  ctx: Pick<MemberContext, "tenant" | "user" | "amr">,
  purpose: "sign-in" | "reverify",
  formData: FormData,
  meta: { ip: string | null; userAgent: string | null },
): Promise<FormState> {
  const [enrolled, policy] = await Promise.all([listEnrolledFactors(ctx.tenant.id, ctx.user.id), getMfaPolicy(ctx.tenant.id)]);
  if (!usableAfter(filterByPolicy(enrolled, policy), ctx.amr).emailCode) return formError(formData, "secondFactor.factorUnavailable");
  const result = await sendEmailCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, purpose, ...meta });
  if (result.ok) return { status: "success", fieldErrors: {}, message: "emailCodeSent", values: { method: "email", resendAfter: String(result.resendAfterSeconds) } };
  if (result.reason === "cooldown") {
    return { ...formError(formData, "secondFactor.smsCooldown", { seconds: String(result.retryAfterSeconds) }), values: { method: "email", resendAfter: String(result.retryAfterSeconds) } };
  }
  return formError(formData, result.reason === "provider" ? "secondFactor.emailCodeFailed" : "secondFactor.emailCodeLimitReached");
}

/**
 * The form state for a refused code. A lock also ends the session this browser holds (a locked
 * member's restricted sessions were revoked), so the message says when to try again.
 */
export async function codeFailure(formData: FormData, result: Extract<CodeAttemptResult, { ok: false }>, options: { endSession: boolean }): Promise<FormState> {
  if (result.error === "locked") {
    if (options.endSession) await clearSessionCookie();
    if (!result.lockedUntil) return { ...formError(formData, "lockedAdmin"), values: { locked: "1" } };
    const format = await getFormatter();
    const time = format.dateTime(result.lockedUntil, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    return { ...formError(formData, "locked", { time }), values: { locked: "1" } };
  }
  const method = String(formData.get("method") ?? "");
  // Email codes last 10 minutes and are asked for with another button: their own wording.
  const key = method === "email" && (result.error === "codeExpired" || result.error === "codeNotSent") ? `email${result.error[0]!.toUpperCase()}${result.error.slice(1)}` : result.error;
  return { ...formError(formData, `secondFactor.${key}`), values: { method } };
}
