import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { canManageMember } from "@/lib/auth/permissions";
import { revokeAllSessionsOfUser } from "@/lib/auth/sessions";
import { clearSignInThrottle, listLockedMembers, throttleKey, type LockedMember } from "@/lib/auth/sign-in-throttle";
import { recordAuditEvent } from "@/lib/auth/audit";
import { requirePasswordReset } from "@/lib/auth/require-password-reset";

export async function listLockedMembersOf(ctx: MemberContext): Promise<LockedMember[]> {
  authorize(ctx, "members.deactivate");
  return listLockedMembers(ctx.tenant.id);
}

async function manageableTarget(ctx: MemberContext, userId: string) {
  const db = authorize(ctx, "members.deactivate");
  const target = await db.user.findFirst({ where: { id: userId }, select: { id: true, role: true } });
  if (!target) return { ok: false as const, reason: "notFound" as const };
  if (!canManageMember(ctx.role, target.role)) return { ok: false as const, reason: "notAllowed" as const };
  return { ok: true as const, target };
}

/** Lifts a sign-in lock. Audited whether or not the member was locked at that moment. */
export async function unlockMember(ctx: MemberContext, userId: string, meta: RequestMeta) {
  const found = await manageableTarget(ctx, userId);
  if (!found.ok) return found;
  const wasLocked = await clearSignInThrottle(ctx.tenant.id, throttleKey(userId, ""));
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "account.unlocked", actorUserId: ctx.user.id, targetUserId: userId, ...meta, data: { wasLocked } });
  return { ok: true as const };
}

/** Ends every session of another member at once; they must sign in again. */
export async function endMemberSessions(ctx: MemberContext, userId: string, meta: RequestMeta) {
  if (userId === ctx.user.id) return { ok: false as const, reason: "self" as const };
  const found = await manageableTarget(ctx, userId);
  if (!found.ok) return found;
  const count = await revokeAllSessionsOfUser(ctx.tenant.id, userId, "admin");
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "sessions.revoked_all", actorUserId: ctx.user.id, targetUserId: userId, ...meta, data: { count } });
  return { ok: true as const, count };
}

/**
 * "Sign out everywhere and require a new password": every session ends and no sign-in method
 * (password, passkey, emailed link) opens one until the member sets a new password through the link
 * emailed to their own address (lib/auth/sign-in-gate.ts). For an account an admin believes is in
 * someone else's hands.
 */
export async function requireMemberPasswordReset(ctx: MemberContext, userId: string, meta: RequestMeta) {
  if (userId === ctx.user.id) return { ok: false as const, reason: "self" as const };
  const found = await manageableTarget(ctx, userId);
  if (!found.ok) return found;
  const db = authorize(ctx, "members.deactivate");
  const target = await db.user.findFirst({ where: { id: userId, status: "ACTIVE" }, select: { id: true, email: true, locale: true } });
  if (!target) return { ok: false as const, reason: "notFound" as const };
  const { sessionsRevoked } = await requirePasswordReset({
    tenant: ctx.tenant,
    user: target,
    reason: "admin",
    actorUserId: ctx.user.id,
    ...meta,
  });
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "password.reset_required", actorUserId: ctx.user.id, targetUserId: userId, ...meta, data: { sessionsRevoked } });
  return { ok: true as const, count: sessionsRevoked };
}
