import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { MfaPolicy } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type { MfaPolicy };

/** What a workspace without an MfaPolicy row gets (the schema's defaults). */
export function defaultMfaPolicy(tenantId: string, now = new Date()): MfaPolicy {
  return {
    tenantId,
    requirement: "OPTIONAL",
    requirementSince: now,
    graceDays: 7,
    allowPassword: true,
    allowPasskey: true,
    allowEmailLink: true,
    allowTotp: true,
    allowSms: true,
    allowPasskeyAsFactor: true,
    allowEmailCode: false,
    allowRememberDevice: true,
    allowSmsPasswordReset: true,
    updatedAt: now,
  };
}

/**
 * The workspace's MFA policy. Workspaces created before MFA existed have no row and get the
 * defaults (second factor optional, everything allowed); nothing is written on a read.
 */
export async function getMfaPolicy(tenantId: string): Promise<MfaPolicy> {
  const row = await tenantDb(tenantId).mfaPolicy.findUnique({ where: { tenantId } });
  return row ?? defaultMfaPolicy(tenantId);
}

/** Whether the policy requires a second factor of a member with this role. */
export function mfaRequiredFor(policy: Pick<MfaPolicy, "requirement">, role: Role): boolean {
  if (policy.requirement === "EVERYONE") return true;
  if (policy.requirement === "ADMINS") return role === "OWNER" || role === "ADMIN";
  return false;
}

/**
 * When a member who must have a second factor but has none is no longer let in without enrolling:
 * the grace period counts from when the requirement started or from when they joined, whichever
 * is later (somebody invited long after the requirement still gets the full grace period).
 */
export function mfaGraceEndsAt(policy: Pick<MfaPolicy, "requirementSince" | "graceDays">, userCreatedAt: Date): Date {
  const start = Math.max(policy.requirementSince.getTime(), userCreatedAt.getTime());
  return new Date(start + policy.graceDays * 24 * 60 * 60_000);
}

/** How strict each requirement is, to tell a tightening (which restarts the grace period) from a loosening. */
export function requirementRank(requirement: MfaPolicy["requirement"]): number {
  return requirement === "EVERYONE" ? 2 : requirement === "ADMINS" ? 1 : 0;
}
