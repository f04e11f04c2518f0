import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { sendEmail } from "@/lib/email/send-email";
import { logError } from "@/lib/log";
import { recordAuditEvent } from "./audit";
import { revokeAllSessionsOfUser } from "./sessions";
import { revokeAllRememberedDevices } from "./remembered-devices";
import { clearSignInThrottle, readThrottle, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { setPasswordOrRelease } from "./set-password";
import type { PasswordProblem } from "./password-policy/policy";
import { claimToken, deviceLabel, findToken, forgotPasswordUrl, localeOf, problemOf, type Deferred, type Meta, type TokenProblem } from "./reset-links";

// Using a reset link: the new password is set once, the link claimed, and everything the old
// password opened is ended (sessions, remembered devices, the lockout), then the member is told.

// ── Completing a reset ─────────────────────────────────────────────────────────────────────────

export type CompleteResetResult =
  | { ok: true }
  | { ok: false; reason: TokenProblem }
  | { ok: false; reason: "password"; problems: PasswordProblem[] };

/**
 * Sets the new password through a reset link. Single use; the workspace's password policy applies
 * (when it refuses, the link stays usable and every problem is returned). On success every session
 * of the member ends, a sign-in lock is lifted, the change is audited and the member is emailed.
 * No session is created: the member signs in normally afterwards (so a reset never skips MFA).
 */
export async function completePasswordReset(input: {
  slug: string;
  token: string;
  newPassword: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
  /** Runs the "password changed" email; defaults to running it before returning. */
  defer?: Deferred;
}): Promise<CompleteResetResult> {
  const now = input.now ?? new Date();
  const row = await findToken(input.slug, input.token, "reset");
  if (!row) return { ok: false, reason: "unknown" };
  const db = tenantDb(row.tenantId);
  const problem = problemOf(row, now);
  if (problem) return { ok: false, reason: problem };

  const lost = await claimToken(row, now);
  if (lost) return { ok: false, reason: lost };

  // Gives the link back when the password is refused (or anything fails), so the member can try again.
  const release = () =>
    db.passwordResetToken.updateMany({ where: { tenantId: row.tenantId, id: row.id, usedAt: now }, data: { usedAt: null } });
  const result = await setPasswordOrRelease({ tenantId: row.tenantId, userId: row.userId, newPassword: input.newPassword, now }, release);
  if (!result.ok) return { ok: false, reason: "password", problems: result.problems };

  await afterPasswordReset({ tenant: row.tenant, user: row.user, via: "email", ip: input.ip, userAgent: input.userAgent, now, defer: input.defer });
  return { ok: true };
}

/**
 * What follows every password reset, by emailed link or by SMS (lib/auth/sms-password-reset.ts),
 * once the new password is set: every session of the member ends, unused reset links and
 * remembered browsers go, a sign-in lock is lifted, the reset is audited and the member is emailed.
 */
export async function afterPasswordReset(input: {
  tenant: { id: string; slug: string; name: string };
  user: { id: string; email: string; locale: string | null };
  /** "email", or the SMS reset with the extra proof it took (null: none was needed). */
  via: "email" | { sms: "recovery-code" | "totp" | null };
  ip: string | null;
  userAgent: string | null;
  now: Date;
  defer?: Deferred;
}): Promise<void> {
  const { now } = input;
  const tenantId = input.tenant.id;
  const db = tenantDb(tenantId);
  const userId = input.user.id;
  const meta: Meta = { ip: input.ip, userAgent: input.userAgent };
  const key = throttleKey(userId, "");
  const policy = await getSecurityPolicy(tenantId);
  const throttle = await readThrottle(tenantId, key, policy, now);
  const [, sessionsRevoked] = await Promise.all([
    // Any other reset link of this member dies with this reset.
    db.passwordResetToken.deleteMany({ where: { tenantId, userId, purpose: "reset", usedAt: null } }),
    revokeAllSessionsOfUser(tenantId, userId, "password-reset"),
    clearSignInThrottle(tenantId, key),
    // A browser someone else remembered with the old password must ask for the second factor again.
    revokeAllRememberedDevices(tenantId, userId, now),
    // So does any password reset by SMS in flight.
    db.smsPasswordReset.updateMany({ where: { tenantId, userId, completedAt: null }, data: { completedAt: now } }),
  ]);
  // The emailed reset's entry stays as it was ({ sessionsRevoked }); an SMS reset says so, and which proof came with it.
  const data = input.via === "email" ? { sessionsRevoked } : { sessionsRevoked, via: "sms", extraProof: input.via.sms };
  await recordAuditEvent({ tenantId, type: "password.reset", actorUserId: userId, targetUserId: userId, ...meta, data });
  if (throttle.lockedUntil) {
    await recordAuditEvent({ tenantId, type: "account.unlocked", actorUserId: userId, targetUserId: userId, ...meta, data: { via: "password-reset" } });
  }

  const sendNotice = async () => {
    await sendEmail({
      to: input.user.email,
      locale: localeOf(input.user),
      tenantId,
      template: {
        name: "password-changed",
        data: {
          workspaceName: input.tenant.name,
          changedAt: now,
          ip: input.ip,
          device: deviceLabel(input.userAgent),
          forgotPasswordUrl: forgotPasswordUrl(input.tenant.slug),
        },
      },
    });
  };
  if (input.defer) {
    input.defer(() => sendNotice().catch((error) => void logError("password-reset:notice", error)));
  } else {
    // The password has changed whatever happens to the email; a failure is logged, not thrown.
    await sendNotice().catch((error) => void logError("password-reset:notice", error));
  }
}
