import "server-only";
import type { z } from "zod";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { completePrimarySignIn } from "@/lib/auth/complete-sign-in";
import { completeSecondFactor } from "@/lib/auth/complete-second-factor";
import { recordAuditEvent } from "@/lib/auth/audit";
import { signInBlockOf } from "@/lib/auth/sign-in-gate";
import { ssoRequiredFor } from "@/lib/auth/sso/sso-required";
import type { MemberContext } from "@/lib/auth/current-member";
import type { RequestMeta } from "@/lib/dal/context";
import { verifyPasskeyAssertion, type AssertionRefusal } from "./authentication";
import type { authenticationResponseSchema } from "./responses";

// The two ways a verified passkey assertion becomes access: a username-less sign-in from the login
// page (a new session, multi-factor when the user was verified), or the second factor owed by a
// session that signed in with a password or an emailed link.

export type PasskeySignInResult =
  | { ok: true; redirectTo: string }
  | { ok: false; reason: AssertionRefusal | "disabled" | "network" | "passwordResetRequired" | "ssoRequired" };

export async function signInWithPasskey(input: {
  tenant: { id: string; slug: string };
  response: z.output<typeof authenticationResponseSchema>;
  next?: string | null;
  requestOrigin: string | null;
  meta: RequestMeta;
}): Promise<PasskeySignInResult> {
  const [mfaPolicy, securityPolicy, tenant] = await Promise.all([
    getMfaPolicy(input.tenant.id),
    getSecurityPolicy(input.tenant.id),
    systemDb().tenant.findUniqueOrThrow({ where: { id: input.tenant.id }, select: { id: true, slug: true, sessionIdleMinutes: true, sessionAbsoluteMinutes: true } }),
  ]);
  if (!mfaPolicy.allowPasskey) return { ok: false, reason: "disabled" };
  if (!ipAllowed(input.meta.ip, securityPolicy.ipAllowlist)) return { ok: false, reason: "network" };
  const result = await verifyPasskeyAssertion({ tenantId: tenant.id, purpose: "authentication", response: input.response, requestOrigin: input.requestOrigin, meta: input.meta });
  if (!result.ok) return result;
  // A passkey proves who the member is, not that the account is theirs alone again: after "this
  // wasn't me" (or an admin's reset) only a new password, set through the emailed link, reopens it.
  if ((await signInBlockOf(tenant.id, result.userId)) === "password-reset-required") {
    await recordAuditEvent({
      tenantId: tenant.id,
      type: "signin.failure",
      targetUserId: result.userId,
      ...input.meta,
      data: { method: "passkey", reason: "password-reset-required", passkeyId: result.passkeyId },
    });
    return { ok: false, reason: "passwordResetRequired" };
  }
  const member = await tenantDb(tenant.id).user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id: result.userId } }, select: { email: true, role: true } });
  if (await ssoRequiredFor(tenant.id, member)) {
    await recordAuditEvent({ tenantId: tenant.id, type: "signin.failure", targetUserId: result.userId, ...input.meta, data: { method: "passkey", reason: "sso-required", passkeyId: result.passkeyId } });
    return { ok: false, reason: "ssoRequired" };
  }
  const { redirectTo } = await completePrimarySignIn({
    tenant,
    userId: result.userId,
    method: "passkey",
    userVerified: result.userVerified,
    next: input.next,
    ...input.meta,
  });
  return { ok: true, redirectTo };
}

/** The session owes a second factor and the member answers with one of their own passkeys. */
export async function passkeyAsSecondFactor(input: {
  ctx: Pick<MemberContext, "tenant" | "user" | "sessionId">;
  response: z.output<typeof authenticationResponseSchema>;
  rememberDevice: boolean;
  next?: string | null;
  requestOrigin: string | null;
  meta: RequestMeta;
}): Promise<PasskeySignInResult> {
  const policy = await getMfaPolicy(input.ctx.tenant.id);
  if (!policy.allowPasskeyAsFactor) return { ok: false, reason: "disabled" };
  const result = await verifyPasskeyAssertion({
    tenantId: input.ctx.tenant.id,
    purpose: "second-factor",
    userId: input.ctx.user.id,
    response: input.response,
    requestOrigin: input.requestOrigin,
    meta: input.meta,
  });
  if (!result.ok) return result;
  const { redirectTo } = await completeSecondFactor({ ctx: input.ctx, method: "passkey", rememberDevice: input.rememberDevice, next: input.next, meta: input.meta });
  return { ok: true, redirectTo };
}
