import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { recordAuditEvent } from "./audit";
import { getSecurityPolicy } from "./security-policy";
import { getMfaPolicy } from "./mfa-policy";
import { filterByPolicy, hasAnySecondFactor, listEnrolledFactors, usableAfter } from "./second-factors";
import { readThrottle, recordSignInFailure, throttleKey, UNTIL_ADMIN_UNLOCKS } from "./sign-in-throttle";
import { notifyAccountLocked } from "./lockout-notice";
import { verifyTotpForUser } from "./totp-factor";
import { consumeRecoveryCode } from "./recovery-codes";
import { verifySmsCode } from "./sms-codes";
import { verifyEmailCode } from "./email-codes";

// One attempt at a second factor typed by the member (authenticator code, SMS or email code,
// recovery code), at sign-in or when re-verifying. Wrong answers count against the same lockout as wrong
// passwords (the member's "user:<id>" throttle key): whoever is here already knows the password,
// so the lock is what stops them guessing codes; a locked member is refused here too.

export type CodeMethod = "totp" | "sms" | "email" | "recovery-code";
export type AttemptPurpose = "sign-in" | "reverify";

export type CodeAttemptError =
  /** Wrong code (or malformed). */
  | "codeInvalid"
  /** A TOTP code (or an earlier one) that was already used. */
  | "codeReplayed"
  /** SMS or email: the code ran out (5 or 10 minutes) — ask for a new one. */
  | "codeExpired"
  /** SMS or email: this code had too many tries — ask for a new one. */
  | "codeTooManyTries"
  /** SMS or email: no code was sent (or it was used / replaced). */
  | "codeNotSent"
  /** The member doesn't have (or may no longer use) this factor. */
  | "factorUnavailable"
  | "locked";

export type CodeAttemptResult = { ok: true } | { ok: false; error: CodeAttemptError; lockedUntil: Date | null };

type Deferred = (task: () => Promise<void>) => void;

export async function attemptSecondFactorCode(input: {
  tenantId: string;
  userId: string;
  method: CodeMethod;
  code: string;
  purpose: AttemptPurpose;
  /** The session's amr: after an emailed link, a code to the same mailbox doesn't count. */
  amr?: readonly string[];
  ip: string | null;
  userAgent: string | null;
  defer?: Deferred;
  now?: Date;
}): Promise<CodeAttemptResult> {
  const now = input.now ?? new Date();
  const defer: Deferred = input.defer ?? ((task) => void task().catch(() => {}));
  const meta = { ip: input.ip, userAgent: input.userAgent };
  const key = throttleKey(input.userId, "");
  const [securityPolicy, mfaPolicy, enrolled] = await Promise.all([
    getSecurityPolicy(input.tenantId),
    getMfaPolicy(input.tenantId),
    listEnrolledFactors(input.tenantId, input.userId),
  ]);
  const failType = input.purpose === "sign-in" ? "signin.second_factor_failed" : "reverify.failure";

  const throttle = await readThrottle(input.tenantId, key, securityPolicy, now);
  if (throttle.lockedUntil) {
    await recordAuditEvent({ tenantId: input.tenantId, type: failType, actorUserId: input.userId, targetUserId: input.userId, ...meta, data: { method: input.method, reason: "locked" } });
    return { ok: false, error: "locked", lockedUntil: forDisplay(throttle.lockedUntil) };
  }

  const allowed = usableAfter(filterByPolicy(enrolled, mfaPolicy), input.amr ?? []);
  // Recovery codes stand in for the member's other factors, so they work while one of those is allowed.
  const available =
    input.method === "totp" ? allowed.totp : input.method === "sms" ? allowed.phone !== null : input.method === "email" ? allowed.emailCode : hasAnySecondFactor(allowed);
  if (!available) return { ok: false, error: "factorUnavailable", lockedUntil: null };

  let error: CodeAttemptError | null = null;
  if (input.method === "totp") {
    const verdict = await verifyTotpForUser(input.tenantId, input.userId, input.code, now);
    error = verdict === "ok" ? null : verdict === "replayed" ? "codeReplayed" : verdict === "not-enrolled" ? "factorUnavailable" : "codeInvalid";
  } else if (input.method === "sms") {
    const verdict = await verifySmsCode({ tenantId: input.tenantId, userId: input.userId, purpose: input.purpose, code: input.code, now });
    error =
      verdict === "ok" ? null : verdict === "expired" ? "codeExpired" : verdict === "too-many-attempts" ? "codeTooManyTries" : verdict === "no-code" ? "codeNotSent" : "codeInvalid";
  } else if (input.method === "email") {
    const verdict = await verifyEmailCode({ tenantId: input.tenantId, userId: input.userId, purpose: input.purpose, code: input.code, now });
    error =
      verdict === "ok" ? null : verdict === "expired" ? "codeExpired" : verdict === "too-many-attempts" ? "codeTooManyTries" : verdict === "no-code" ? "codeNotSent" : "codeInvalid";
  } else {
    error = (await consumeRecoveryCode(input.tenantId, input.userId, input.code, now)) ? null : "codeInvalid";
  }
  if (!error) return { ok: true };

  // "No code sent" is a missing step, not a guess; everything else is a guess and counts.
  if (error === "codeNotSent" || error === "factorUnavailable") return { ok: false, error, lockedUntil: null };
  const state = await recordSignInFailure(input.tenantId, key, securityPolicy, meta, now);
  await recordAuditEvent({ tenantId: input.tenantId, type: failType, actorUserId: input.userId, targetUserId: input.userId, ...meta, data: { method: input.method, reason: error } });
  if (state.lockedNow) {
    await recordAuditEvent({
      tenantId: input.tenantId,
      type: "account.locked",
      targetUserId: input.userId,
      ...meta,
      data: { lockedUntil: state.lockedUntil?.toISOString() ?? null, lockNumber: state.lockCount, via: "second-factor" },
    });
    // The lock ends every session of the member that is still waiting for its second factor.
    await tenantDb(input.tenantId).session.updateMany({
      where: { tenantId: input.tenantId, userId: input.userId, revokedAt: null, restriction: { startsWith: "second-factor" } },
      data: { revokedAt: now, revokedReason: "locked" },
    });
    defer(() => notifyAccountLocked({ tenantId: input.tenantId, userId: input.userId, lockedUntil: forDisplay(state.lockedUntil), attemptedAt: now, ...meta }));
    return { ok: false, error: "locked", lockedUntil: forDisplay(state.lockedUntil) };
  }
  return { ok: false, error, lockedUntil: null };
}

function forDisplay(lockedUntil: Date | null): Date | null {
  return lockedUntil && lockedUntil.getTime() === UNTIL_ADMIN_UNLOCKS.getTime() ? null : lockedUntil;
}
