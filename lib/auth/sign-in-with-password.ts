import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { logError } from "@/lib/log";
import { hashPassword, needsRehash, verifyAgainstDummyHash, verifyPassword } from "./password-hash";
import { establishSignIn } from "./complete-sign-in";
import { getMfaPolicy, mfaRequiredFor, type MfaPolicy } from "./mfa-policy";
import type { RestrictionStep } from "./session-restriction";
import { recordAuditEvent } from "./audit";
import { getSecurityPolicy, type SecurityPolicy } from "./security-policy";
import { clearSignInThrottle, readThrottle, recordSignInFailure, throttleKey, UNTIL_ADMIN_UNLOCKS, type ThrottleState } from "./sign-in-throttle";
import { CAPTCHA_IP_FAILURES, hitRateLimit, peekRateLimit } from "./rate-limit";
import { captchaErrorKey, verifyCaptchaSolution } from "./captcha";
import { passwordChangeReason } from "./password-change-required";
import { notifyAccountLocked } from "./lockout-notice";
import { signInBlockFor } from "./sign-in-gate";
import { ssoRequiredFor } from "./sso/sso-required";

export type SignInFailure = "invalidCredentials" | "locked" | "captcha" | "passwordResetRequired" | "passwordNotAllowed" | "ssoRequired";

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
  const db = tenantDb(input.tenantId);
  const username = input.username.trim().toLowerCase();
  const meta = { ip: input.ip, userAgent: input.userAgent };
  const audit = { tenantId: input.tenantId, ...meta };

  const [user, policy, mfaPolicy] = await Promise.all([
    db.user.findFirst({ where: { tenantId: input.tenantId, OR: [{ email: username }, { employeeNumberKey: username }] } }),
    input.policy ?? getSecurityPolicy(input.tenantId),
    input.mfaPolicy ?? getMfaPolicy(input.tenantId),
  ]);
  // The workspace signs in with passkeys or emailed links only: the same answer for everybody,
  // before any password is checked, so it reveals nothing about accounts.
  if (!mfaPolicy.allowPassword) return { ok: false, reason: "passwordNotAllowed", captchaRequired: false, lockedUntil: null };
  const key = throttleKey(user?.id ?? null, username);
  const ipFailureKey = ipFailureKeyFor(input.ip);
  const [throttle, ipFailures] = await Promise.all([
    readThrottle(input.tenantId, key, policy, now),
    peekRateLimit(ipFailureKey, CAPTCHA_IP_FAILURES.windowSeconds, now),
  ]);

  if (throttle.lockedUntil) {
    await verifyAgainstDummyHash(input.password);
    await recordAuditEvent({ ...audit, type: "signin.failure", targetUserId: user?.id, data: { method: "password", reason: "locked", username: user ? undefined : username.slice(0, 254) } });
    return { ok: false, reason: "locked", captchaRequired: false, lockedUntil: lockedUntilForDisplay(throttle.lockedUntil) };
  }

  if (captchaRequiredBy(throttle, ipFailures)) {
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
      // After the answer: an unknown name locks too but has nobody to audit or tell, so doing
      // this first would make a real member's locking attempt the slower one.
      if (user) {
        defer(async () => {
          try {
            await recordAuditEvent({ ...audit, type: "account.locked", targetUserId: user.id, data: { lockedUntil: state.lockedUntil?.toISOString() ?? null, lockNumber: state.lockCount } });
            await notifyAccountLocked({ tenantId: input.tenantId, userId: user.id, lockedUntil: lockedUntilForDisplay(state.lockedUntil), attemptedAt: now, ...meta });
          } catch (error) {
            logError("signin:account-locked", error);
          }
        });
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
  // Company sign-in required for this member's domain (lib/auth/sso/sso-required.ts): said only
  // after the right password, so it tells nobody else which accounts exist.
  if (await ssoRequiredFor(input.tenantId, user)) {
    await recordAuditEvent({ ...audit, type: "signin.failure", targetUserId: user.id, data: { method: "password", reason: "sso-required" } });
    return { ok: false, reason: "ssoRequired", captchaRequired: false, lockedUntil: null };
  }

  await clearSignInThrottle(input.tenantId, key);
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: input.tenantId } });
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

const ipFailureKeyFor = (ip: string | null) => `signin-failures:ip:${ip ?? "unknown"}`;

/** The one rule for "this attempt must bring a solved captcha": the username's failures or the address's. */
function captchaRequiredBy(throttle: ThrottleState, ipFailures: number): boolean {
  return throttle.captchaRequired || ipFailures >= CAPTCHA_IP_FAILURES.threshold;
}

/**
 * Whether a password sign-in for `username` from `ip` would be asked for a captcha right now, so
 * the form can show it before the member submits instead of after a refused submit (issue 11,
 * item 13). It answers from exactly what signInWithPassword checks, and nothing else:
 *   - failures are counted per workspace and username whether or not the username exists
 *     (lib/auth/sign-in-throttle.ts), so an unknown username with the same failure history gets
 *     the same answer as a real one: no enumeration oracle;
 *   - the address's own recent failures count as they do for the sign-in;
 *   - a locked username, or a workspace without passwords, gets false, as the sign-in then asks
 *     for no captcha either.
 * Asking reveals nothing a submit without a captcha doesn't already reveal (that one is refused
 * before the password is checked and counts no failure); the action that asks is counted against
 * the address's sign-in attempts like the sign-in itself (app/[tenant]/login/actions.ts).
 */
export async function signInCaptchaRequired(input: {
  tenantId: string;
  username: string;
  ip: string | null;
  policy?: SecurityPolicy;
  mfaPolicy?: MfaPolicy;
  now?: Date;
}): Promise<boolean> {
  const now = input.now ?? new Date();
  const username = input.username.trim().toLowerCase();
  const [user, policy, mfaPolicy] = await Promise.all([
    tenantDb(input.tenantId).user.findFirst({ where: { OR: [{ email: username }, { employeeNumber: username }] }, select: { id: true } }),
    input.policy ?? getSecurityPolicy(input.tenantId),
    input.mfaPolicy ?? getMfaPolicy(input.tenantId),
  ]);
  if (!mfaPolicy.allowPassword) return false;
  const [throttle, ipFailures] = await Promise.all([
    readThrottle(input.tenantId, throttleKey(user?.id ?? null, username), policy, now),
    peekRateLimit(ipFailureKeyFor(input.ip), CAPTCHA_IP_FAILURES.windowSeconds, now),
  ]);
  if (throttle.lockedUntil) return false;
  return captchaRequiredBy(throttle, ipFailures);
}

function lockedUntilForDisplay(lockedUntil: Date | null): Date | null {
  return lockedUntil && lockedUntil.getTime() === UNTIL_ADMIN_UNLOCKS.getTime() ? null : lockedUntil;
}
