import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { signInProtectionSchema, type SignInProtection } from "@/lib/validation/security-policy";
import { recordPolicyChange, securityPolicyRow, settingsDiff, validationFailure, policySaved, type UpdateSettingsResult } from "./shared";

/**
 * Saves captcha and lockout settings (lib/auth/sign-in-throttle.ts reads them on each attempt).
 * All fields are validated first, including first lockout ≤ longest lockout; on any error nothing
 * is written. Audited as policy.changed { section: "signIn", changes } when something changed.
 */
export async function updateSignInProtection(ctx: MemberContext, input: SignInProtection, meta: RequestMeta): Promise<UpdateSettingsResult> {
  const db = authorize(ctx, "workspace.manageSettings");
  const parsed = signInProtectionSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const row = await securityPolicyRow(db, ctx.tenant.id);
  const before: SignInProtection = {
    captchaAfterFailures: row.captchaAfterFailures,
    lockoutThreshold: row.lockoutThreshold,
    lockoutWindowMinutes: row.lockoutWindowMinutes,
    lockoutDurationMinutes: row.lockoutDurationMinutes,
    lockoutMaxMinutes: row.lockoutMaxMinutes,
    lockoutMode: row.lockoutMode,
  };
  const changes = settingsDiff(before, parsed.data);
  if (Object.keys(changes).length === 0) return policySaved(ctx, changes);
  await db.securityPolicy.update({ where: { tenantId: ctx.tenant.id }, data: parsed.data });
  await recordPolicyChange(ctx, "signIn", changes, meta);
  return policySaved(ctx, changes);
}
