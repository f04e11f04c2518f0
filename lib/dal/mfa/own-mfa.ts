import "server-only";
import QRCode from "qrcode";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { formatPhoneNumber, maskPhoneNumber, parsePhoneNumber, type PhoneNumberProblem } from "@/lib/auth/phone-number";
import { countUnusedRecoveryCodes, deleteRecoveryCodesIfNoFactorLeft, generateRecoveryCodes, issueRecoveryCodesForFirstFactor } from "@/lib/auth/recovery-codes";
import { sendEmailCode, verifyEmailCode, type EmailCodeVerdict, type SendEmailCodeResult } from "@/lib/auth/email-codes";
import { needsReverification } from "@/lib/auth/reverify";
import { hasAnySecondFactor, listEnrolledFactors } from "@/lib/auth/second-factors";
import { checkSmsCode, sendSmsCode, SMS_CODE_MAX_ATTEMPTS, SMS_RESEND_AFTER_SECONDS, type SmsCodeVerdict } from "@/lib/auth/sms-codes";
import { formatTotpSecret, generateTotpSecret, totpUri } from "@/lib/auth/totp";
import { matchTotpStep, openTotpSecret, sealTotpSecret } from "@/lib/auth/totp-factor";
import { renewSessionsAfterPrivilegeChange, withRenewedSession, type RenewedSession } from "@/lib/auth/privilege-change";
import type { TenantDb } from "@/lib/db/tenant-db";
import { isPhoneCountry } from "@/lib/phone-countries";
import { workspaceDefaultCountry } from "@/lib/dal/crm/crm-settings";

// A member's own second factors, as the security page shows and changes them: the authenticator
// app (enrol with a QR code, confirm with one code, recovery codes shown once), and a phone for
// SMS codes. Removing or replacing a factor, and new recovery codes, need a recent verification
// (lib/auth/reverify.ts): a stolen session alone must not be able to weaken the account.
// Every change that switches a factor on or off, or issues new recovery codes, gives the session it
// was made from a new token and ends the member's other sessions (lib/auth/privilege-change.ts):
// the caller sets `renewedSession` as the cookie in the same response.

/** This session under a new token, the member's others ended; inside the change's transaction. */
function renewAfterOwnFactorChange(db: Pick<TenantDb, "session">, ctx: MemberContext) {
  return renewSessionsAfterPrivilegeChange(db, { userId: ctx.user.id, keepSessionId: ctx.sessionId, change: "second-factor-changed" });
}

/** Issuer shown in authenticator apps: the product and the workspace, so members of several can tell them apart. */
function totpIssuer(workspaceName: string): string {
  return `Relay CRM (${workspaceName})`.replace(/:/g, "");
}

export type OwnMfaOverview = {
  allowTotp: boolean;
  allowSms: boolean;
  totp: { confirmedAt: Date; lastUsedAt: Date | null } | null;
  /** An authenticator app set up but not yet confirmed with a code. */
  totpPending: boolean;
  recoveryCodesLeft: number;
  phone: { e164: string; display: string; masked: string; verifiedAt: Date } | null;
  /** A code was texted to this number to verify it and can still be entered. */
  pendingPhone: { e164: string; display: string; sentAt: Date; resendInSeconds: number } | null;
};

export async function getOwnMfaOverview(ctx: MemberContext, now = new Date()): Promise<OwnMfaOverview> {
  const db = authorize(ctx, "workspace.view");
  const userId = ctx.user.id;
  const [policy, totp, phone, pendingCode, recoveryCodesLeft] = await Promise.all([
    getMfaPolicy(ctx.tenant.id),
    db.totpFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId } } }),
    db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId } } }),
    db.smsCode.findFirst({ where: { userId, purpose: "verify-phone" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    countUnusedRecoveryCodes(ctx.tenant.id, userId),
  ]);
  const pendingOpen =
    pendingCode && !pendingCode.usedAt && pendingCode.expiresAt > now && pendingCode.attempts < SMS_CODE_MAX_ATTEMPTS ? pendingCode : null;
  return {
    allowTotp: policy.allowTotp,
    allowSms: policy.allowSms,
    totp: totp?.confirmedAt ? { confirmedAt: totp.confirmedAt, lastUsedAt: totp.lastUsedAt } : null,
    totpPending: Boolean(totp && !totp.confirmedAt),
    recoveryCodesLeft,
    phone: phone?.verifiedAt
      ? { e164: phone.phone, display: formatPhoneNumber(phone.phone), masked: maskPhoneNumber(phone.phone), verifiedAt: phone.verifiedAt }
      : null,
    pendingPhone: pendingOpen
      ? {
          e164: pendingOpen.phone,
          display: formatPhoneNumber(pendingOpen.phone),
          sentAt: pendingOpen.createdAt,
          resendInSeconds: Math.max(0, Math.ceil(SMS_RESEND_AFTER_SECONDS - (now.getTime() - pendingOpen.createdAt.getTime()) / 1000)),
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Authenticator app

export type PendingTotpEnrolment = { secret: string; groupedSecret: string; uri: string; qrDataUrl: string; account: string; issuer: string };

/** Starts (or restarts) setting up an authenticator app: a new secret, not yet switched on. */
export async function startTotpEnrolment(ctx: MemberContext): Promise<{ ok: true } | { ok: false; reason: "already-enabled" | "not-allowed" }> {
  const db = authorize(ctx, "workspace.view");
  const policy = await getMfaPolicy(ctx.tenant.id);
  if (!policy.allowTotp) return { ok: false, reason: "not-allowed" };
  const key = { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } };
  const existing = await db.totpFactor.findUnique({ where: key, select: { confirmedAt: true } });
  if (existing?.confirmedAt) return { ok: false, reason: "already-enabled" };
  const secretSealed = sealTotpSecret(ctx.tenant.id, ctx.user.id, generateTotpSecret());
  if (existing) {
    // Only an unconfirmed enrolment is replaced; a confirmed one that appeared meanwhile stays.
    const { count } = await db.totpFactor.updateMany({ where: { userId: ctx.user.id, confirmedAt: null }, data: { secretSealed, createdAt: new Date() } });
    if (count === 0) return { ok: false, reason: "already-enabled" };
  } else {
    try {
      await db.totpFactor.create({ data: { tenantId: ctx.tenant.id, userId: ctx.user.id, secretSealed } });
    } catch {
      // Created concurrently (another tab): that enrolment is shown instead.
    }
  }
  return { ok: true };
}

/** The enrolment in progress (secret, QR code) for the member's own page, or null. */
export async function getPendingTotpEnrolment(ctx: MemberContext): Promise<PendingTotpEnrolment | null> {
  const db = authorize(ctx, "workspace.view");
  const row = await db.totpFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
  if (!row || row.confirmedAt) return null;
  const secret = openTotpSecret(ctx.tenant.id, ctx.user.id, row.secretSealed);
  const issuer = totpIssuer(ctx.tenant.name);
  const uri = totpUri({ secret, account: ctx.user.email, issuer });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 232 });
  return { secret, groupedSecret: formatTotpSecret(secret), uri, qrDataUrl, account: ctx.user.email, issuer };
}

export type ConfirmTotpResult =
  | { ok: true; recoveryCodes: string[]; renewedSession?: RenewedSession }
  | { ok: false; reason: "no-enrolment" | "invalid" | "not-allowed" };

/** Switches the authenticator app on once the member typed a code it shows; returns the ten recovery codes (shown once). */
export async function confirmTotpEnrolment(ctx: MemberContext, code: string, meta: RequestMeta, now = new Date()): Promise<ConfirmTotpResult> {
  const db = authorize(ctx, "workspace.view");
  const policy = await getMfaPolicy(ctx.tenant.id);
  if (!policy.allowTotp) return { ok: false, reason: "not-allowed" };
  const row = await db.totpFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
  if (!row || row.confirmedAt) return { ok: false, reason: "no-enrolment" };
  const match = matchTotpStep(openTotpSecret(ctx.tenant.id, ctx.user.id, row.secretSealed), code, now, null);
  if (match.verdict !== "ok") return { ok: false, reason: "invalid" };
  // The confirming code counts as used: it can't also pass the next sign-in.
  const switchedOn = await db.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({
      where: { userId: ctx.user.id, confirmedAt: null, secretSealed: row.secretSealed },
      data: { confirmedAt: now, lastUsedStep: match.step, lastUsedAt: now },
    });
    return count === 0 ? null : renewAfterOwnFactorChange(tx, ctx);
  });
  if (!switchedOn) return { ok: false, reason: "no-enrolment" };
  const recoveryCodes = await generateRecoveryCodes(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.totp.enabled",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: switchedOn.ended },
  });
  return withRenewedSession({ ok: true as const, recoveryCodes }, switchedOn.renewed);
}

/** Abandons an enrolment that was never confirmed. */
export async function cancelTotpEnrolment(ctx: MemberContext): Promise<void> {
  const db = authorize(ctx, "workspace.view");
  await db.totpFactor.deleteMany({ where: { userId: ctx.user.id, confirmedAt: null } });
}

/** Switches the authenticator app off (and its recovery codes). Needs a recent verification. */
export async function disableTotp(
  ctx: MemberContext,
  meta: RequestMeta,
): Promise<{ ok: true; renewedSession?: RenewedSession } | { ok: false; reason: "reverify" | "not-enabled" }> {
  const db = authorize(ctx, "workspace.view");
  if (await needsReverification(ctx)) return { ok: false, reason: "reverify" };
  const switchedOff = await db.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId: ctx.user.id } });
    return count === 0 ? null : renewAfterOwnFactorChange(tx, ctx);
  });
  if (!switchedOff) return { ok: false, reason: "not-enabled" };
  // The codes stand in for the member's other factors too (a passkey, a phone): they go only with the last one.
  await deleteRecoveryCodesIfNoFactorLeft(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.totp.disabled",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: switchedOff.ended },
  });
  return withRenewedSession({ ok: true as const }, switchedOff.renewed);
}

/** Ten new recovery codes, the old ones stop working. Needs a second factor (they stand in for it) and a recent verification. */
export async function regenerateOwnRecoveryCodes(
  ctx: MemberContext,
  meta: RequestMeta,
): Promise<{ ok: true; recoveryCodes: string[]; renewedSession?: RenewedSession } | { ok: false; reason: "reverify" | "not-enabled" }> {
  const db = authorize(ctx, "workspace.view");
  if (await needsReverification(ctx)) return { ok: false, reason: "reverify" };
  if (!hasAnySecondFactor(await listEnrolledFactors(ctx.tenant.id, ctx.user.id))) return { ok: false, reason: "not-enabled" };
  const recoveryCodes = await generateRecoveryCodes(ctx.tenant.id, ctx.user.id);
  const { renewed, ended } = await renewAfterOwnFactorChange(db, ctx);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.recovery_codes.regenerated",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: ended },
  });
  return withRenewedSession({ ok: true as const, recoveryCodes }, renewed);
}

// ---------------------------------------------------------------------------------------------
// Phone (SMS)

export type SendPhoneCodeResult =
  | { ok: true; display: string; resendAfterSeconds: number }
  | { ok: false; reason: PhoneNumberProblem | "not-allowed" | "reverify" | "same-number" | "number-limit" | "workspace-limit" | "provider" }
  | { ok: false; reason: "cooldown"; retryAfterSeconds: number };

/**
 * Texts a code to the number the member typed, to verify it. Replacing an already verified number
 * needs a recent verification; the old number keeps working until the new one is verified.
 */
export async function sendPhoneVerificationCode(
  ctx: MemberContext,
  input: { phone: string; locale: string; /** The picker's country for a number without "+"; else the workspace's default. */ country?: string },
): Promise<SendPhoneCodeResult> {
  const db = authorize(ctx, "workspace.view");
  const policy = await getMfaPolicy(ctx.tenant.id);
  if (!policy.allowSms) return { ok: false, reason: "not-allowed" };
  const country = isPhoneCountry(input.country) ? input.country : await workspaceDefaultCountry(ctx);
  const parsed = parsePhoneNumber(input.phone, country);
  if (!parsed.ok) return parsed;
  const current = await db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
  if (current?.verifiedAt) {
    if (current.phone === parsed.e164) return { ok: false, reason: "same-number" };
    if (await needsReverification(ctx)) return { ok: false, reason: "reverify" };
  }
  const sent = await sendSmsCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, phone: parsed.e164, purpose: "verify-phone", locale: input.locale });
  if (!sent.ok) return sent;
  return { ok: true, display: parsed.display, resendAfterSeconds: sent.resendAfterSeconds };
}

/** Texts a new code to the number being verified (after the 60-second wait). */
export async function resendPhoneVerificationCode(ctx: MemberContext, locale: string, now = new Date()): Promise<SendPhoneCodeResult | { ok: false; reason: "no-pending" }> {
  const overview = await getOwnMfaOverview(ctx, now);
  if (!overview.pendingPhone) return { ok: false, reason: "no-pending" };
  return sendPhoneVerificationCode(ctx, { phone: overview.pendingPhone.e164, locale });
}

/** Checks the texted code; on success the number becomes the member's phone for SMS codes. */
export async function confirmPhoneVerification(
  ctx: MemberContext,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true; display: string; recoveryCodes: string[] | null; renewedSession?: RenewedSession } | { ok: false; reason: Exclude<SmsCodeVerdict, "ok"> | "not-allowed" }> {
  const db = authorize(ctx, "workspace.view");
  const policy = await getMfaPolicy(ctx.tenant.id);
  if (!policy.allowSms) return { ok: false, reason: "not-allowed" };
  const result = await checkSmsCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, purpose: "verify-phone", code, now });
  if (result.verdict !== "ok" || !result.phone) return { ok: false, reason: result.verdict === "ok" ? "no-code" : result.verdict };
  const phone = result.phone;
  const previous = await db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
  const { renewed, ended } = await db.$transaction(async (tx) => {
    await tx.phoneFactor.upsert({
      where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } },
      create: { tenantId: ctx.tenant.id, userId: ctx.user.id, phone, verifiedAt: now },
      update: { phone, verifiedAt: now },
    });
    return renewAfterOwnFactorChange(tx, ctx);
  });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.phone.verified",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: {
      phone: maskPhoneNumber(phone),
      ...(previous?.verifiedAt && previous.phone !== phone ? { replacedPhone: maskPhoneNumber(previous.phone) } : {}),
      otherSessionsEnded: ended,
    },
  });
  const recoveryCodes = await issueRecoveryCodesForFirstFactor(ctx.tenant.id, ctx.user.id);
  return withRenewedSession({ ok: true as const, display: formatPhoneNumber(phone), recoveryCodes }, renewed);
}

/** "Use a different number": the code sent for verification stops working. */
export async function cancelPhoneVerification(ctx: MemberContext, now = new Date()): Promise<void> {
  const db = authorize(ctx, "workspace.view");
  await db.smsCode.updateMany({ where: { userId: ctx.user.id, purpose: "verify-phone", usedAt: null }, data: { usedAt: now } });
}

/** Removes the member's phone: no more SMS codes. Needs a recent verification. */
export async function removePhone(
  ctx: MemberContext,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true; renewedSession?: RenewedSession } | { ok: false; reason: "reverify" | "no-phone" }> {
  const db = authorize(ctx, "workspace.view");
  if (await needsReverification(ctx, now)) return { ok: false, reason: "reverify" };
  const current = await db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
  if (!current) return { ok: false, reason: "no-phone" };
  const { renewed, ended } = await db.$transaction(async (tx) => {
    await tx.phoneFactor.deleteMany({ where: { userId: ctx.user.id } });
    await tx.smsCode.updateMany({ where: { userId: ctx.user.id, usedAt: null }, data: { usedAt: now } });
    return renewAfterOwnFactorChange(tx, ctx);
  });
  await deleteRecoveryCodesIfNoFactorLeft(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.phone.removed",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { phone: maskPhoneNumber(current.phone), otherSessionsEnded: ended },
  });
  return withRenewedSession({ ok: true as const }, renewed);
}

// ---------------------------------------------------------------------------------------------
// Codes by email

export type EmailCodeFactorState = { allowed: boolean; enabledAt: Date | null; pending: boolean };

/** Whether the member receives sign-in codes by email, and whether a code to turn them on is open. */
export async function getEmailCodeFactor(ctx: MemberContext, now = new Date()): Promise<EmailCodeFactorState> {
  const db = authorize(ctx, "workspace.view");
  const [policy, factor, pending] = await Promise.all([
    getMfaPolicy(ctx.tenant.id),
    db.emailCodeFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } }),
    db.emailCode.findFirst({ where: { userId: ctx.user.id, purpose: "enable", usedAt: null, expiresAt: { gt: now } }, select: { id: true } }),
  ]);
  return { allowed: policy.allowEmailCode, enabledAt: factor?.enabledAt ?? null, pending: Boolean(pending) && !factor };
}

/** Emails a code to the member's own address; typing it back turns codes by email on. */
export async function startEmailCodeFactor(ctx: MemberContext, meta: RequestMeta): Promise<SendEmailCodeResult | { ok: false; reason: "not-allowed" | "already-on" }> {
  const db = authorize(ctx, "workspace.view");
  if (!(await getMfaPolicy(ctx.tenant.id)).allowEmailCode) return { ok: false, reason: "not-allowed" };
  if (await db.emailCodeFactor.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } })) return { ok: false, reason: "already-on" };
  return sendEmailCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, purpose: "enable", ...meta });
}

/**
 * Turns codes by email on once the member typed the emailed code: it proves the mail arrives
 * before sign-in depends on it. Returns recovery codes when this is the member's first factor.
 * A new second factor is a privilege change: this session gets a new token, the others end.
 */
export async function confirmEmailCodeFactor(
  ctx: MemberContext,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<
  | { ok: true; recoveryCodes: string[] | null; renewedSession?: RenewedSession }
  | { ok: false; reason: Exclude<EmailCodeVerdict, "ok"> | "not-allowed" | "already-on" }
> {
  const db = authorize(ctx, "workspace.view");
  if (!(await getMfaPolicy(ctx.tenant.id)).allowEmailCode) return { ok: false, reason: "not-allowed" };
  const verdict = await verifyEmailCode({ tenantId: ctx.tenant.id, userId: ctx.user.id, purpose: "enable", code, now });
  if (verdict !== "ok") return { ok: false, reason: verdict };
  let switchedOn: Awaited<ReturnType<typeof renewAfterOwnFactorChange>>;
  try {
    switchedOn = await db.$transaction(async (tx) => {
      await tx.emailCodeFactor.create({ data: { tenantId: ctx.tenant.id, userId: ctx.user.id, enabledAt: now } });
      return renewAfterOwnFactorChange(tx, ctx);
    });
  } catch {
    // Turned on meanwhile in another tab.
    return { ok: false, reason: "already-on" };
  }
  const recoveryCodes = await issueRecoveryCodesForFirstFactor(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.email_code.enabled",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: switchedOn.ended },
  });
  return withRenewedSession({ ok: true as const, recoveryCodes }, switchedOn.renewed);
}

/** Turns codes by email off. Needs a recent verification, like removing any other factor; ends the member's other sessions. */
export async function disableEmailCodeFactor(
  ctx: MemberContext,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true; renewedSession?: RenewedSession } | { ok: false; reason: "reverify" | "not-on" }> {
  const db = authorize(ctx, "workspace.view");
  if (await needsReverification(ctx, now)) return { ok: false, reason: "reverify" };
  const switchedOff = await db.$transaction(async (tx) => {
    const { count } = await tx.emailCodeFactor.deleteMany({ where: { userId: ctx.user.id } });
    if (count === 0) return null;
    await tx.emailCode.updateMany({ where: { userId: ctx.user.id, usedAt: null }, data: { usedAt: now } });
    return renewAfterOwnFactorChange(tx, ctx);
  });
  if (!switchedOff) return { ok: false, reason: "not-on" };
  await deleteRecoveryCodesIfNoFactorLeft(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.email_code.disabled",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: switchedOff.ended },
  });
  return withRenewedSession({ ok: true as const }, switchedOff.renewed);
}
