import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { MemberContext } from "./current-member";
import { getMfaPolicy, mfaGraceEndsAt, mfaRequiredFor } from "./mfa-policy";
import { listSecondFactors, meetsMfaRequirement } from "./second-factors";
import { currentStep, restrictionAfter, type RestrictionStep } from "./session-restriction";

/**
 * The forced enrolment is over once the member has a second factor the workspace allows: the
 * session's "mfa-enrol" step is dropped (the session itself stays: enrolling proves nothing new
 * about who is signing in). Returns the step still owed after it, or null for full access;
 * `enrolled` false when nothing was enrolled yet.
 */
export async function finishForcedEnrolment(ctx: Pick<MemberContext, "tenant" | "user" | "sessionId" | "pendingSteps" | "role">): Promise<{ enrolled: boolean; nextStep: RestrictionStep | null }> {
  const factors = await listSecondFactors(ctx.tenant.id, ctx.user.id);
  if (!meetsMfaRequirement(factors, ctx.role)) return { enrolled: false, nextStep: currentStep(ctx.pendingSteps.join(",")) };
  const remaining = restrictionAfter(ctx.pendingSteps.join(","), "mfa-enrol");
  await tenantDb(ctx.tenant.id).session.updateMany({ where: { tenantId: ctx.tenant.id, id: ctx.sessionId, revokedAt: null }, data: { restriction: remaining } });
  return { enrolled: true, nextStep: currentStep(remaining) };
}

/**
 * When a member the policy requires to have a second factor, but who has none, must have set one
 * up (the app shows a banner until then); null when nothing is owed.
 */
export async function mfaEnrolmentDeadline(ctx: Pick<MemberContext, "tenant" | "user" | "role">, now = new Date()): Promise<{ deadline: Date; passed: boolean } | null> {
  const policy = await getMfaPolicy(ctx.tenant.id);
  if (!mfaRequiredFor(policy, ctx.role)) return null;
  const [factors, user] = await Promise.all([
    listSecondFactors(ctx.tenant.id, ctx.user.id, policy),
    tenantDb(ctx.tenant.id).user.findUnique({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: ctx.user.id } }, select: { createdAt: true } }),
  ]);
  if (!user || meetsMfaRequirement(factors, ctx.role)) return null;
  const deadline = mfaGraceEndsAt(policy, user.createdAt);
  return { deadline, passed: deadline <= now };
}
