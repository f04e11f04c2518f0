import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/lib/auth/audit";
import { parseCidr } from "@/lib/auth/ip-allowlist";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { ipAllowlistSchema } from "@/lib/validation/security-policy";
import type { TenantDb } from "@/lib/db/tenant-db";
import type { MemberContext, RequestMeta } from "../context";
import { markSecurityPolicySet } from "../setup/setup-checklist";

// What the security-settings DAL functions share: the result shape, the diff that goes into the
// audit entry, and the policy row (created with the defaults when a workspace has none yet).

export type SettingsSection = "password" | "signIn" | "sessions" | "network" | "mfa";

type Value = string | number | boolean | string[];

/** Only the fields that changed, as { field: { from, to } } (the audit entry's `changes`). */
export type SettingsChanges = Record<string, { from: Value; to: Value }>;

export type UpdateSettingsResult =
  | { ok: true; changes: SettingsChanges }
  /** Message keys per field (see readIssue in lib/validation/security-policy); nothing was written. */
  | { ok: false; fieldErrors: Record<string, string[]> };

function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

export function settingsDiff<T extends Record<string, Value>>(before: T, after: T): SettingsChanges {
  const changes: SettingsChanges = {};
  for (const key of Object.keys(after)) {
    if (!same(before[key], after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/**
 * A section saved, whether or not it changed anything: keeping the defaults on purpose is a choice
 * too, and ticks "Choose your security policy" off the setup checklist.
 */
export async function policySaved(ctx: MemberContext, changes: SettingsChanges): Promise<UpdateSettingsResult> {
  await markSecurityPolicySet(ctx);
  return { ok: true, changes };
}

/** The refusal for a failed parse: every field error at once. */
export function validationFailure(error: z.ZodError): { ok: false; fieldErrors: Record<string, string[]> } {
  return { ok: false, fieldErrors: fieldErrorsFrom(error) };
}

/** The workspace's SecurityPolicy row through the tenant-scoped client; created with the defaults if missing. */
export async function securityPolicyRow(db: TenantDb, tenantId: string) {
  const row = await db.securityPolicy.findUnique({ where: { tenantId } });
  if (row) return row;
  return db.securityPolicy.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
}

/** One "policy.changed" entry per saved section that changed something. */
export async function recordPolicyChange(ctx: MemberContext, section: SettingsSection, changes: SettingsChanges, meta: RequestMeta) {
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "policy.changed",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { section, changes },
  });
}

/** The allowlist textarea's schema with the real address-range check (node:net, so server-only). */
export const serverIpAllowlistSchema = ipAllowlistSchema((entry) => parseCidr(entry) !== null);
