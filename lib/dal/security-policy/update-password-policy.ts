import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { policyFromSecurityPolicy, securityPolicyColumns, type PasswordPolicy } from "@/lib/auth/password-policy/policy";
import { passwordPolicyFormSchema } from "@/lib/validation/security-policy";
import { recordPolicyChange, securityPolicyRow, settingsDiff, validationFailure, policySaved, type UpdateSettingsResult } from "./shared";

/**
 * Saves the password policy. It applies to passwords set from now on; at each member's next
 * sign-in, a password that no longer complies or has expired leads to a forced change
 * (lib/auth/password-change-required.ts). Every field is validated first: on any error nothing
 * is written. Audited as policy.changed { section: "password", changes } when something changed.
 */
export async function updatePasswordPolicy(ctx: MemberContext, input: PasswordPolicy, meta: RequestMeta): Promise<UpdateSettingsResult> {
  const db = authorize(ctx, "workspace.manageSettings");
  const parsed = passwordPolicyFormSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const before = policyFromSecurityPolicy(await securityPolicyRow(db, ctx.tenant.id));
  const changes = settingsDiff(before, parsed.data);
  if (Object.keys(changes).length === 0) return policySaved(ctx, changes);
  await db.securityPolicy.update({ where: { tenantId: ctx.tenant.id }, data: securityPolicyColumns(parsed.data) });
  await recordPolicyChange(ctx, "password", changes, meta);
  return policySaved(ctx, changes);
}
