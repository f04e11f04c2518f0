import "server-only";
import { authorize, type MemberContext } from "../context";
import { systemDb } from "@/lib/db/prisma";
import { policyFromSecurityPolicy, policyPreset, type PasswordPolicy, type PasswordPreset } from "@/lib/auth/password-policy/policy";
import type { SessionPolicy, SignInProtection } from "@/lib/validation/security-policy";
import { securityPolicyRow } from "./shared";

export type SecuritySettings = {
  password: PasswordPolicy;
  /** Which preset the saved password policy matches. */
  passwordPreset: PasswordPreset;
  signIn: SignInProtection;
  sessions: SessionPolicy;
  /** CIDR ranges or single addresses; empty = allowed from anywhere. */
  ipAllowlist: string[];
};

/** Everything the security settings page shows, for Owners and Admins. */
export async function getSecuritySettings(ctx: MemberContext): Promise<SecuritySettings> {
  const db = authorize(ctx, "workspace.manageSettings");
  const [row, tenant] = await Promise.all([
    securityPolicyRow(db, ctx.tenant.id),
    // Tenant is not a tenant-scoped model (it is the tenant), so tenantDb() refuses it; the id is
    // the member's own workspace from the session, never from input.
    systemDb().tenant.findUniqueOrThrow({
      where: { id: ctx.tenant.id },
      select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true },
    }),
  ]);
  const password = policyFromSecurityPolicy(row);
  return {
    password,
    passwordPreset: policyPreset(password),
    signIn: {
      captchaAfterFailures: row.captchaAfterFailures,
      lockoutThreshold: row.lockoutThreshold,
      lockoutWindowMinutes: row.lockoutWindowMinutes,
      lockoutDurationMinutes: row.lockoutDurationMinutes,
      lockoutMaxMinutes: row.lockoutMaxMinutes,
      lockoutMode: row.lockoutMode,
    },
    sessions: { sessionIdleMinutes: tenant.sessionIdleMinutes, sessionAbsoluteMinutes: tenant.sessionAbsoluteMinutes },
    ipAllowlist: row.ipAllowlist,
  };
}
