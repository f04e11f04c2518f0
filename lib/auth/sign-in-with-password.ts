import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { hashPassword, needsRehash, verifyAgainstDummyHash, verifyPassword } from "./password-hash";
import { establishSignIn } from "./complete-sign-in";
import { getMfaPolicy, mfaRequiredFor, type MfaPolicy } from "./mfa-policy";
import type { RestrictionStep } from "./session-restriction";
import { recordAuditEvent } from "./audit";
import { getSecurityPolicy, type SecurityPolicy } from "./security-policy";
import { clearSignInThrottle, readThrottle, recordSignInFailure, throttleKey, UNTIL_ADMIN_UNLOCKS } from "./sign-in-throttle";
import { CAPTCHA_IP_FAILURES, hitRateLimit, peekRateLimit } from "./rate-limit";
import { captchaErrorKey, verifyCaptchaSolution } from "./captcha";
import { passwordChangeReason } from "./password-change-required";
import { notifyAccountLocked } from "./lockout-notice";
import { signInBlockFor } from "./sign-in-gate";

export type SignInFailure = "invalidCredentials" | "locked" | "captcha" | "passwordResetRequired" | "passwordNotAllowed";

export type SignInResult =
  | {
      ok: true;
      token: string;
      maxAgeSeconds: number;
      user: { id: string; locale: string | null };
      /** The steps the session owes (lib/auth/session-restriction.ts), null for full access. */
      restriction: string | null;
      /** The first of them: a second factor, a forced password change or a forced enrolment. */
      step: RestrictionStep | null;
    }
  | {
      ok: false;
      reason: SignInFailure;
      captchaRequired: boolean;
      lockedUntil: Date | null;
      /** With reason "captcha": which message key (captchaRequired, captchaInvalid, …). */
      captchaError?: string;
    };

type Deferred = (task: () => Promise<void>) => void;

/**
 * Username (email or employee number, case-insensitive) and password (case-sensitive).
 * Unknown usernames, wrong passwords and deactivated members get the same answer after the same
 * work (a dummy hash for unknown users); failures are counted per workspace and username whether
 * or not the user exists, so lockouts and captchas don't reveal real accounts either.
 */
export async function signInWithPassword(input: {
  tenantId: string;
  username: string;
  password: string;
  captcha?: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The workspace's policy when the caller already has it (one query less per sign-in). */
  policy?: SecurityPolicy;
  mfaPolicy?: MfaPolicy;
  /** This browser's "remember this device" tokens (lib/auth/remembered-devices.ts). */
  rememberedDeviceTokens?: readonly string[];
  /** Work that must not delay the answer (emails); the caller passes Next's after(). */
  defer?: Deferred;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const defer: Deferred = input.defer ?? ((task) => void task().catch(() => {}));
  const db = systemDb();
  const username = input.username.trim().toLowerCase();
  const meta = { ip: input.ip, userAgent: input.userAgent };
  const audit = { tenantId: input.tenantId, ...meta };

  const [user, policy, mfaPolicy] = await Promise.all([
    db.user.findFirst({ where: { tenantId: input.tenantId, OR: [{ email: username }, { employeeNumber: username }] } }),
    input.policy ?? getSecurityPolicy(input.tenantId),
    input.mfaPolicy ?? getMfaPolicy(input.tenantId),
  ]);
  // The workspace signs in with passkeys or emailed links only: the same answer for everybody,
  // before any password is checked, so it reveals nothing about accounts.
  if (!mfaPolicy.allowPassword) return { ok: false, reason: "passwordNotAllowed", captchaRequired: false, lockedUntil: null };
  const key = throttleKey(user?.id ?? null, username);
  const ipFailureKey = `signin-failures:ip:${input.ip ?? "unknown"}`;
  const [throttle, ipFailures] = await Promise.all([
    readThrottle(input.tenantId, key, policy, now),
    peekRateLimit(ipFailureKey, CAPTCHA_IP_FAILURES.windowSeconds, now),
  ]);

  if (throttle.lockedUntil) {
    await verifyAgainstDummyHash(input.password);
    await recordAuditEvent({ ...audit, type: "signin.failure", targetUserId: user?.id, data: { method: "password", reason: "locked", username: user ? undefined : username.slice(0, 254) } });
    return { ok: false, reason: "locked", captchaRequired: false, lockedUntil: lockedUntilForDisplay(throttle.lockedUntil) };
  }

  const captchaRequired = throttle.captchaRequired || ipFailures >= CAPTCHA_IP_FAILURES.threshold;
  if (captchaRequired) {
    const verdict = await verifyCaptchaSolution(input.captcha);
    if (verdict !== "ok") {
      return { ok: false, reason: "captcha", captchaError: captchaErrorKey(verdict), captchaRequired: true, lockedUntil: null };
    }
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummyHash(input.password);
  if (!user || !passwordOk || user.status !== "ACTIVE") {
    const [state] = await Promise.all([
      recordSignInFailure(input.tenantId, key, policy, meta, now),
      hitRateLimit(ipFailureKey, Number.MAX_SAFE_INTEGER, CAPTCHA_IP_FAILURES.windowSeconds, now),
    ]);
    const reason = !user ? "unknown-user" : !passwordOk ? "wrong-password" : "deactivated";
    await recordAuditEvent({
      ...audit,
      type: "signin.failure",
      targetUserId: user?.id,
      data: { method: "password", reason, ...(user ? {} : { username: username.slice(0, 254) }) },
    });
    if (state.lockedNow) {
      if (user) {
        await recordAuditEvent({ ...audit, type: "account.locked", targetUserId: user.id, data: { lockedUntil: state.lockedUntil?.toISOString() ?? null, lockNumber: state.lockCount } });
        defer(() => notifyAccountLocked({ tenantId: input.tenantId, userId: user.id, lockedUntil: lockedUntilForDisplay(state.lockedUntil), attemptedAt: now, ...meta }));
      }
      return { ok: false, reason: "locked", captchaRequired: false, lockedUntil: lockedUntilForDisplay(state.lockedUntil) };
    }
    return {
      ok: false,
      reason: "invalidCredentials",
      captchaRequired: state.captchaRequired || ipFailures + 1 >= CAPTCHA_IP_FAILURES.threshold,
      lockedUntil: null,
    };
  }

  if (signInBlockFor(user) === "password-reset-required") {
    await recordAuditEvent({ ...audit, type: "signin.failure", targetUserId: user.id, data: { method: "password", reason: "password-reset-required" } });
    return { ok: false, reason: "passwordResetRequired", captchaRequired: false, lockedUntil: null };
  }

  await clearSignInThrottle(input.tenantId, key);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: input.tenantId } });
  const passwordChange = (await passwordChangeReason(user, input.password, tenant, policy, now, mfaRequiredFor(mfaPolicy, user.role))) !== null;
  const session = await establishSignIn({
    tenant,
    userId: user.id,
    method: "password",
    passwordChange,
    rememberedDeviceTokens: input.rememberedDeviceTokens,
    policy: mfaPolicy,
    now,
    ...meta,
  });
  // Hashes made with weaker parameters are upgraded while we hold the plaintext.
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { tenantId_id: { tenantId: tenant.id, id: user.id } }, data: { passwordHash: await hashPassword(input.password) } });
  }
  return {
    ok: true,
    token: session.token,
    maxAgeSeconds: session.maxAgeSeconds,
    user: { id: user.id, locale: user.locale },
    restriction: session.restriction,
    step: session.step,
  };
}

function lockedUntilForDisplay(lockedUntil: Date | null): Date | null {
  return lockedUntil && lockedUntil.getTime() === UNTIL_ADMIN_UNLOCKS.getTime() ? null : lockedUntil;
}
