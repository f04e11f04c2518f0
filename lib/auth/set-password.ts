import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { hashPassword } from "./password-hash";
import { getSecurityPolicy } from "./security-policy";
import { checkNewPassword } from "./password-policy/check-password.server";
import { historyRowsToKeep } from "./password-policy/history.server";
import { policyFromSecurityPolicy, type PasswordProblem } from "./password-policy/policy";
import { getMfaPolicy, mfaRequiredFor } from "./mfa-policy";

export type SetPasswordResult = { ok: true } | { ok: false; problems: PasswordProblem[] };

/** The policy context of an existing member: what their password may not be built from. */
export async function passwordContextOf(tenantId: string, userId: string) {
  const [user, mfaPolicy] = await Promise.all([
    tenantDb(tenantId).user.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: userId } }, include: { tenant: true } }),
    getMfaPolicy(tenantId),
  ]);
  return {
    user,
    context: {
      workspaceName: user.tenant.name,
      workspaceSlug: user.tenant.slug,
      userName: user.name,
      email: user.email,
      employeeNumber: user.employeeNumber,
      // A required second factor lowers the NIST minimum from 15 to 8 (effectiveMinLength).
      mfaRequired: mfaRequiredFor(mfaPolicy, user.role),
    },
  };
}

/**
 * Every way a password gets set for an existing member (change, reset, forced change) comes
 * through here, so the workspace's policy — length, classes, common and personal passwords,
 * history — always applies. On success the old hash joins the history and the password's age
 * starts again.
 */
export async function setPassword(input: { tenantId: string; userId: string; newPassword: string; now?: Date }): Promise<SetPasswordResult> {
  const now = input.now ?? new Date();
  const db = tenantDb(input.tenantId);
  const [{ user, context }, policyRow] = await Promise.all([
    passwordContextOf(input.tenantId, input.userId),
    getSecurityPolicy(input.tenantId),
  ]);
  const policy = policyFromSecurityPolicy(policyRow);
  const history = policy.historyCount > 1
    ? await db.passwordHistory.findMany({
        where: { tenantId: input.tenantId, userId: input.userId },
        orderBy: { createdAt: "desc" },
        take: policy.historyCount - 1,
        select: { passwordHash: true },
      })
    : [];
  const check = await checkNewPassword(input.newPassword, policy, context, [user.passwordHash, ...history.map((row) => row.passwordHash)]);
  if (!check.ok) return { ok: false, problems: check.problems };

  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.passwordHistory.create({ data: { tenantId: input.tenantId, userId: input.userId, passwordHash: user.passwordHash, createdAt: user.passwordChangedAt } });
    // Keep only what the policy can ask about (a history of 24 at most); older hashes are deleted.
    const keep = Math.max(historyRowsToKeep(policy.historyCount), 0);
    const stale = await tx.passwordHistory.findMany({
      where: { tenantId: input.tenantId, userId: input.userId },
      orderBy: { createdAt: "desc" },
      skip: keep,
      select: { id: true },
    });
    if (stale.length) await tx.passwordHistory.deleteMany({ where: { tenantId: input.tenantId, id: { in: stale.map((row) => row.id) } } });
    await tx.user.update({
      where: { tenantId_id: { tenantId: input.tenantId, id: input.userId } },
      data: { passwordHash, passwordChangedAt: now, passwordResetRequired: false },
    });
  });
  return { ok: true };
}

/**
 * setPassword for a claimed one-time reset (an emailed link, a texted code): the claim is given
 * back by `release` when the password is refused or anything fails, so the member can try again.
 */
export async function setPasswordOrRelease(
  input: Parameters<typeof setPassword>[0],
  release: () => Promise<unknown>,
): Promise<SetPasswordResult> {
  let result: SetPasswordResult;
  try {
    result = await setPassword(input);
  } catch (error) {
    await release();
    throw error;
  }
  if (!result.ok) await release();
  return result;
}
