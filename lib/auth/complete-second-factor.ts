import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { MemberContext } from "./current-member";
import { createSession } from "./sessions";
import { recordAuditEvent } from "./audit";
import { getMfaPolicy } from "./mfa-policy";
import { addRememberedDeviceCookie, createRememberedDevice } from "./remembered-devices";
import { currentStep, restrictionAfter, type RestrictionStep } from "./session-restriction";
import { setSessionCookie } from "./session-cookie-store";
import { clearSignInThrottle, throttleKey } from "./sign-in-throttle";
import { destinationAfterSignIn } from "./complete-sign-in";

export type SecondFactorMethod = "totp" | "sms" | "email" | "passkey" | "recovery-code";

type Meta = { ip: string | null; userAgent: string | null };

export type RotatedSession = {
  token: string;
  maxAgeSeconds: number;
  sessionId: string;
  restriction: string | null;
  step: RestrictionStep | null;
  /** Set when this browser is now remembered: the token for the cookie. */
  rememberToken: string | null;
};

/**
 * The second factor was verified (the caller did that: TOTP, SMS or recovery code here, a passkey
 * assertion in lib/auth/passkeys): the restricted session is replaced by a new one, with a new
 * token (a token seen before the second factor, say by a shoulder-surfer or a logged request,
 * is worth nothing after it), the same absolute expiry, the factor added to amr and verifiedAt now.
 * Optionally remembers this browser. No cookies here, see completeSecondFactor.
 */
export async function rotateAfterSecondFactor(
  input: { tenantId: string; userId: string; sessionId: string; method: SecondFactorMethod; rememberDevice: boolean },
  meta: Meta,
  now = new Date(),
): Promise<RotatedSession> {
  const db = tenantDb(input.tenantId);
  const old = await db.session.findUnique({
    where: { tenantId_id: { tenantId: input.tenantId, id: input.sessionId } },
    include: { tenant: { select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true } } },
  });
  if (!old || old.userId !== input.userId || old.revokedAt || currentStep(old.restriction) !== "second-factor") {
    throw new Error("no restricted session to complete");
  }
  const restriction = restrictionAfter(old.restriction, "second-factor");
  const amr = [...new Set([...old.amr, input.method])];
  // Revoke first: if two completions race, at most one finds the session still live (updateMany count).
  const revoked = await db.session.updateMany({
    where: { tenantId: input.tenantId, id: old.id, revokedAt: null },
    data: { revokedAt: now, revokedReason: "rotated" },
  });
  if (revoked.count === 0) throw new Error("session already completed");
  const session = await createSession({
    tenantId: input.tenantId,
    userId: input.userId,
    policy: old.tenant,
    restriction,
    amr,
    ip: meta.ip,
    userAgent: meta.userAgent,
    expiresAt: old.expiresAt,
    now,
  });
  await clearSignInThrottle(input.tenantId, throttleKey(input.userId, ""));
  let rememberToken: string | null = null;
  if (input.rememberDevice && (await getMfaPolicy(input.tenantId)).allowRememberDevice) {
    rememberToken = await createRememberedDevice({ tenantId: input.tenantId, userId: input.userId, ...meta }, now);
  }
  await recordAuditEvent({
    tenantId: input.tenantId,
    type: "signin.second_factor",
    actorUserId: input.userId,
    targetUserId: input.userId,
    ...meta,
    data: { method: input.method, amr, rememberedDevice: rememberToken !== null },
  });
  return { ...session, restriction, step: currentStep(restriction), rememberToken };
}

/**
 * Lifts the "second-factor" restriction of the current session after the factor was verified:
 * rotates the session, sets the new cookie (and the remember-device cookie), returns where to go
 * next (a forced password change, or the page asked for). Call from a server action or route handler.
 */
export async function completeSecondFactor(input: {
  ctx: Pick<MemberContext, "tenant" | "user" | "sessionId">;
  method: SecondFactorMethod;
  rememberDevice: boolean;
  next?: string | null;
  meta: Meta;
}): Promise<{ redirectTo: string }> {
  const rotated = await rotateAfterSecondFactor(
    { tenantId: input.ctx.tenant.id, userId: input.ctx.user.id, sessionId: input.ctx.sessionId, method: input.method, rememberDevice: input.rememberDevice },
    input.meta,
  );
  await setSessionCookie(rotated.token, rotated.maxAgeSeconds);
  if (rotated.rememberToken) await addRememberedDeviceCookie(rotated.rememberToken);
  return { redirectTo: destinationAfterSignIn(input.ctx.tenant.slug, rotated.step, input.next) };
}

