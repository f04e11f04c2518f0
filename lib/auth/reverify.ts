import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { MemberContext } from "./current-member";
import { recordAuditEvent } from "./audit";
import { verifyPassword } from "./password-hash";
import { getSecurityPolicy } from "./security-policy";
import { clearSignInThrottle, readThrottle, recordSignInFailure, throttleKey, UNTIL_ADMIN_UNLOCKS } from "./sign-in-throttle";
import { notifyAccountLocked } from "./lockout-notice";

// Sensitive actions (password or email change, second factors, passkeys, security and MFA policy,
// exports) need a recent proof of identity: the session's verifiedAt, set at sign-in, after a
// second factor and by re-verifying at /<workspace>/verify. Older than this, the member is asked again.

export const REVERIFY_WINDOW_MINUTES = 10;
const WINDOW_MS = REVERIFY_WINDOW_MINUTES * 60_000;

/** Whether the member must re-verify before a sensitive action (their last proof is older than ten minutes). */
export async function needsReverification(ctx: Pick<MemberContext, "verifiedAt">, now = new Date()): Promise<boolean> {
  return now.getTime() - ctx.verifiedAt.getTime() > WINDOW_MS;
}

/** The re-verification page, coming back to `returnTo` (a path inside the workspace) afterwards. */
export function reverifyPath(slug: string, returnTo: string): string {
  return `/${encodeURIComponent(slug)}/verify?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The member proved who they are again: verifiedAt = now on this session only, audited. */
export async function markReverified(
  ctx: Pick<MemberContext, "tenant" | "user" | "sessionId">,
  method: "password" | "totp" | "sms" | "email" | "passkey" | "recovery-code",
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
) {
  await tenantDb(ctx.tenant.id).session.updateMany({ where: { tenantId: ctx.tenant.id, id: ctx.sessionId, revokedAt: null }, data: { verifiedAt: now } });
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "reverify.success", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { method } });
}

export type PasswordReverifyResult = { ok: true } | { ok: false; error: "passwordWrong" | "locked"; lockedUntil: Date | null };

/**
 * Re-verification with the password, for members without a second factor. A wrong password counts
 * against the member's lockout like one at the login page; a locked member is refused.
 */
export async function reverifyWithPassword(
  ctx: Pick<MemberContext, "tenant" | "user" | "sessionId">,
  password: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<PasswordReverifyResult> {
  const db = tenantDb(ctx.tenant.id);
  const key = throttleKey(ctx.user.id, "");
  const [user, policy] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: ctx.user.id } }, select: { passwordHash: true } }),
    getSecurityPolicy(ctx.tenant.id),
  ]);
  const throttle = await readThrottle(ctx.tenant.id, key, policy, now);
  if (throttle.lockedUntil) return { ok: false, error: "locked", lockedUntil: displayLock(throttle.lockedUntil) };
  if (await verifyPassword(user.passwordHash, password)) {
    await clearSignInThrottle(ctx.tenant.id, key);
    await markReverified(ctx, "password", meta, now);
    return { ok: true };
  }
  const state = await recordSignInFailure(ctx.tenant.id, key, policy, meta, now);
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "reverify.failure", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { method: "password", reason: "wrong-password" } });
  if (state.lockedNow) {
    await recordAuditEvent({ tenantId: ctx.tenant.id, type: "account.locked", targetUserId: ctx.user.id, ...meta, data: { lockedUntil: state.lockedUntil?.toISOString() ?? null, lockNumber: state.lockCount, via: "reverify" } });
    await notifyAccountLocked({ tenantId: ctx.tenant.id, userId: ctx.user.id, lockedUntil: displayLock(state.lockedUntil), attemptedAt: now, ...meta }).catch(() => {});
    return { ok: false, error: "locked", lockedUntil: displayLock(state.lockedUntil) };
  }
  return { ok: false, error: "passwordWrong", lockedUntil: null };
}

function displayLock(lockedUntil: Date | null): Date | null {
  return lockedUntil && lockedUntil.getTime() === UNTIL_ADMIN_UNLOCKS.getTime() ? null : lockedUntil;
}
