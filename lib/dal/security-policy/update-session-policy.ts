import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { systemDb } from "@/lib/db/prisma";
import { sessionPolicySchema, type SessionPolicy } from "@/lib/validation/security-policy";
import { recordPolicyChange, settingsDiff, validationFailure, policySaved, type UpdateSettingsResult } from "./shared";

/**
 * Saves the idle timeout and absolute lifetime of sessions. The idle check uses the current
 * setting on every request (lib/auth/sessions.ts), so it applies to open sessions at once; the
 * absolute expiry is fixed when a session starts, so existing sessions keep theirs. Validated
 * first (idle ≤ absolute); on any error nothing is written. Audited as
 * policy.changed { section: "sessions", changes } when something changed.
 */
export async function updateSessionPolicy(ctx: MemberContext, input: SessionPolicy, meta: RequestMeta): Promise<UpdateSettingsResult> {
  // The permission check; the scoped client itself is of no use here (see below).
  authorize(ctx, "workspace.manageSettings");
  const parsed = sessionPolicySchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  // These settings are columns of Tenant, which is not a tenant-scoped model (it is the tenant
  // itself, so tenantDb() refuses it). The row is the member's own workspace, identified by the
  // session's tenant id, never by anything the client sent.
  const db = systemDb();
  const where = { id: ctx.tenant.id };
  const before = await db.tenant.findUniqueOrThrow({ where, select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true } });
  const changes = settingsDiff(before, parsed.data);
  if (Object.keys(changes).length === 0) return policySaved(ctx, changes);
  await db.tenant.update({ where, data: parsed.data });
  await recordPolicyChange(ctx, "sessions", changes, meta);
  return policySaved(ctx, changes);
}
