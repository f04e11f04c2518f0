import "server-only";
import { getSecurityPolicy } from "./security-policy";
import { policyFromSecurityPolicy, type PasswordContext, type PasswordPolicy } from "./password-policy/policy";
import type { MemberContext } from "./current-member";
import { getMfaPolicy, mfaRequiredFor } from "./mfa-policy";

/** What a password form needs to show the live rules: the policy and what the password may not contain. */
export async function passwordRulesFor(ctx: MemberContext): Promise<{ policy: PasswordPolicy; context: PasswordContext }> {
  const [policyRow, mfaPolicy] = await Promise.all([getSecurityPolicy(ctx.tenant.id), getMfaPolicy(ctx.tenant.id)]);
  const policy = policyFromSecurityPolicy(policyRow);
  return {
    policy,
    context: {
      workspaceName: ctx.tenant.name,
      workspaceSlug: ctx.tenant.slug,
      userName: ctx.user.name,
      email: ctx.user.email,
      employeeNumber: ctx.user.employeeNumber,
      mfaRequired: mfaRequiredFor(mfaPolicy, ctx.role),
    },
  };
}
