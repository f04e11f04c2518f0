import "server-only";
import type { SecurityPolicy } from "@/lib/generated/prisma/client";
import { checkPassword } from "./password-policy/check-password.server";
import { passwordExpired, policyFromSecurityPolicy } from "./password-policy/policy";

export type PasswordChangeReason = "expired" | "noncompliant";

/**
 * Whether a member who just typed the right password must change it before doing anything else:
 * it is older than the policy's maximum age, or it no longer meets the policy (checked now, while
 * we hold the plaintext, since a hash can't be re-checked after an admin tightens the rules).
 */
export async function passwordChangeReason(
  user: { passwordChangedAt: Date; name: string; email: string; employeeNumber: string | null },
  password: string,
  tenant: { name: string; slug: string },
  policyRow: SecurityPolicy,
  now = new Date(),
  /** Whether the workspace requires a second factor of this member (NIST allows 8 characters then). */
  mfaRequired = false,
): Promise<PasswordChangeReason | null> {
  const policy = policyFromSecurityPolicy(policyRow);
  if (passwordExpired(user.passwordChangedAt, policy, now)) return "expired";
  const check = await checkPassword(password, policy, {
    workspaceName: tenant.name,
    workspaceSlug: tenant.slug,
    userName: user.name,
    email: user.email,
    employeeNumber: user.employeeNumber,
    mfaRequired,
  });
  return check.ok ? null : "noncompliant";
}
