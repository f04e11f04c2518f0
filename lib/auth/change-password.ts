import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { verifyPassword } from "./password-hash";
import { setPassword, type SetPasswordResult } from "./set-password";
import { recordAuditEvent } from "./audit";
import type { MemberContext } from "./current-member";
import { currentStep, formatRestriction, type RestrictionStep } from "./session-restriction";

type Meta = { ip: string | null; userAgent: string | null };

export type ChangePasswordResult = SetPasswordResult | { ok: false; reason: "currentPasswordWrong" };

/**
 * A member changing their own password: the current one is required, the policy applies, and every
 * other session ends (a thief who had the old password is signed out); this one stays.
 */
export async function changeOwnPassword(
  ctx: MemberContext,
  input: { currentPassword: string; newPassword: string },
  meta: Meta,
): Promise<ChangePasswordResult> {
  const db = tenantDb(ctx.tenant.id);
  const user = await db.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: ctx.user.id } } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: "currentPasswordWrong" };
  const result = await setPassword({ tenantId: ctx.tenant.id, userId: ctx.user.id, newPassword: input.newPassword });
  if (!result.ok) return result;
  const ended = await db.session.updateMany({
    where: { tenantId: ctx.tenant.id, userId: ctx.user.id, revokedAt: null, id: { not: ctx.sessionId } },
    data: { revokedAt: new Date(), revokedReason: "password-change" },
  });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "password.changed",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { otherSessionsEnded: ended.count },
  });
  return { ok: true };
}

/**
 * The step a restricted session owes: a new password that meets the policy, then full access (or
 * the next step it owes, e.g. a forced second-factor enrolment: `nextStep`).
 */
export async function completeForcedPasswordChange(
  ctx: MemberContext,
  newPassword: string,
  meta: Meta,
): Promise<Extract<SetPasswordResult, { ok: false }> | { ok: true; nextStep: RestrictionStep | null }> {
  const result = await setPassword({ tenantId: ctx.tenant.id, userId: ctx.user.id, newPassword });
  if (!result.ok) return result;
  const db = tenantDb(ctx.tenant.id);
  const remaining = formatRestriction(ctx.pendingSteps.filter((step) => step !== "password-change"));
  await db.session.updateMany({ where: { tenantId: ctx.tenant.id, id: ctx.sessionId }, data: { restriction: remaining } });
  await db.session.updateMany({
    where: { tenantId: ctx.tenant.id, userId: ctx.user.id, revokedAt: null, id: { not: ctx.sessionId } },
    data: { revokedAt: new Date(), revokedReason: "password-change" },
  });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "password.changed",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { forced: true },
  });
  return { ok: true, nextStep: currentStep(remaining) };
}
