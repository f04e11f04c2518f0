import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { mfaPolicySchema, type MfaPolicyInput } from "@/lib/validation/mfa-policy";
import { defaultMfaPolicy, requirementRank } from "@/lib/auth/mfa-policy";
import { listEnrolledFactors } from "@/lib/auth/second-factors";
import type { TenantDb } from "@/lib/db/tenant-db";
import { recordPolicyChange, settingsDiff, validationFailure, policySaved, type UpdateSettingsResult } from "./shared";

/** The workspace's MfaPolicy row through the tenant-scoped client (defaults when it has none yet). */
export async function mfaPolicyRow(db: TenantDb, tenantId: string) {
  return (await db.mfaPolicy.findUnique({ where: { tenantId } })) ?? defaultMfaPolicy(tenantId);
}

export function mfaPolicyValues(row: Awaited<ReturnType<typeof mfaPolicyRow>>): MfaPolicyInput {
  return {
    requirement: row.requirement,
    graceDays: row.graceDays,
    allowPassword: row.allowPassword,
    allowPasskey: row.allowPasskey,
    allowEmailLink: row.allowEmailLink,
    allowTotp: row.allowTotp,
    allowSms: row.allowSms,
    allowPasskeyAsFactor: row.allowPasskeyAsFactor,
    allowEmailCode: row.allowEmailCode,
    allowRememberDevice: row.allowRememberDevice,
    allowSmsPasswordReset: row.allowSmsPasswordReset,
  };
}

/**
 * Saves the MFA policy. Everything is validated first; nothing is written on any error. Refused
 * like the IP allowlist refuses to lock out the admin saving it:
 * - switching passwords off when the admin has no passkey to sign in with (or passkeys are off too)
 *   and sign-in links are off;
 * - requiring a second factor of the admin themselves while they have none the new policy allows and
 *   the authenticator app (the one factor the forced-enrolment page sets up) is switched off: after
 *   the grace period they could neither get in nor enrol.
 * Tightening the requirement (optional → admins → everyone) restarts the grace period. Audited as
 * policy.changed { section: "mfa", changes }.
 */
export async function updateMfaPolicy(ctx: MemberContext, input: Record<string, unknown>, meta: RequestMeta, now = new Date()): Promise<UpdateSettingsResult> {
  const db = authorize(ctx, "workspace.manageSettings");
  const parsed = mfaPolicySchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const next = parsed.data;
  const row = await mfaPolicyRow(db, ctx.tenant.id);
  const before = mfaPolicyValues(row);
  const changes = settingsDiff(before, next);
  if (Object.keys(changes).length === 0) return policySaved(ctx, changes);

  const own = await listEnrolledFactors(ctx.tenant.id, ctx.user.id);
  if (!next.allowPassword && !next.allowEmailLink && !(next.allowPasskey && own.passkeys > 0)) {
    return { ok: false, fieldErrors: { allowPassword: ["mfaPolicy.wouldLockYouOut"] } };
  }
  // (A requirement with no app, phone or passkey allowed is refused by the schema, so the saving
  // admin can always enrol with one of them at their next sign-in.)

  const tightened = requirementRank(next.requirement) > requirementRank(before.requirement);
  await db.mfaPolicy.upsert({
    where: { tenantId: ctx.tenant.id },
    create: { tenantId: ctx.tenant.id, ...next, requirementSince: now },
    update: { ...next, ...(tightened ? { requirementSince: now } : {}) },
  });
  await recordPolicyChange(ctx, "mfa", changes, meta);
  return policySaved(ctx, changes);
}
