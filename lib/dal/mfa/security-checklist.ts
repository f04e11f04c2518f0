import "server-only";
import { authorize, type MemberContext } from "../context";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { passwordExpiresAt, policyFromSecurityPolicy } from "@/lib/auth/password-policy/policy";
import { hasAnySecondFactor, listSecondFactors } from "@/lib/auth/second-factors";

// The member's own security checklist at the top of /<workspace>/security: what protects the account
// now, read from the same sources sign-in uses (second factors the workspace allows, the password
// policy's maximum age, live sessions), so the list can't claim more than sign-in enforces.

export type SecurityChecklist = {
  /** A second factor the workspace allows is on. */
  twoStepOn: boolean;
  passkeys: number;
  password: { ageDays: number; maxAgeDays: number; expired: boolean };
  /** Unused recovery codes; only meaningful once a second factor is on. */
  recoveryCodesLeft: number;
  /** The member's other live sessions (other browsers or devices). */
  otherSessions: number;
};

const DAY_MS = 24 * 60 * 60_000;

export async function getSecurityChecklist(ctx: MemberContext, now = new Date()): Promise<SecurityChecklist> {
  const db = authorize(ctx, "workspace.view");
  const [factors, passkeys, user, policyRow, otherSessions, recoveryCodesLeft] = await Promise.all([
    listSecondFactors(ctx.tenant.id, ctx.user.id),
    db.passkey.count({ where: { userId: ctx.user.id } }),
    db.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenant.id, id: ctx.user.id } }, select: { passwordChangedAt: true } }),
    getSecurityPolicy(ctx.tenant.id),
    db.session.count({ where: { userId: ctx.user.id, revokedAt: null, expiresAt: { gt: now }, id: { not: ctx.sessionId } } }),
    db.recoveryCode.count({ where: { userId: ctx.user.id, usedAt: null } }),
  ]);
  const passwordPolicy = policyFromSecurityPolicy(policyRow);
  const expiresAt = passwordExpiresAt(user.passwordChangedAt, passwordPolicy);
  return {
    twoStepOn: hasAnySecondFactor(factors),
    passkeys,
    password: {
      ageDays: Math.max(0, Math.floor((now.getTime() - user.passwordChangedAt.getTime()) / DAY_MS)),
      maxAgeDays: passwordPolicy.maxAgeDays,
      expired: expiresAt !== null && expiresAt <= now,
    },
    recoveryCodesLeft,
    otherSessions,
  };
}
