import "server-only";
import { after } from "next/server";
import { getLocale } from "next-intl/server";
import { tenantDb } from "@/lib/db/tenant-db";
import { logError } from "@/lib/log";
import type { MfaPolicy } from "@/lib/generated/prisma/client";
import { getMfaPolicy, mfaGraceEndsAt, mfaRequiredFor } from "./mfa-policy";
import { filterByPolicy, hasAnySecondFactor, listEnrolledFactors, meetsMfaRequirement, usableAfter } from "./second-factors";
import { findRememberedDevice, markRememberedDeviceUsed, readRememberedDeviceTokens } from "./remembered-devices";
import { formatRestriction, currentStep, stepPath, type RestrictionStep } from "./session-restriction";
import { startSession, PRIMARY_AMR } from "./start-session";
import type { SessionPolicy } from "./sessions";
import { recordAuditEvent } from "./audit";
import { readSessionToken, setLocaleCookie, setSessionCookie } from "./session-cookie-store";
import { revokeSessionByToken } from "./sessions";
import { ensureDeviceCookie, noteSignInDevice } from "./known-devices";
import { safeReturnPath } from "./safe-return-path";

// What happens after a primary sign-in method (password, passkey, emailed link) has proved who the
// member is: whether a second factor is owed, whether a forced enrolment or password change comes
// first, and the session that results. One place, so every method follows the same MFA policy.

// "invitation": accepting an emailed invitation and choosing a password. The member can't have a
// second factor yet, so a workspace whose grace period is over sends them straight to enrolment.
// "sso": a company identity provider (lib/auth/sso); whether it may be used is the connection's
// own switch, not the MFA policy's list of methods.
export type PrimaryMethod = "password" | "passkey" | "email-link" | "invitation" | "sso";

export function primaryMethodAllowed(policy: Pick<MfaPolicy, "allowPassword" | "allowPasskey" | "allowEmailLink">, method: PrimaryMethod): boolean {
  if (method === "invitation" || method === "sso") return true;
  if (method === "password") return policy.allowPassword;
  if (method === "passkey") return policy.allowPasskey;
  return policy.allowEmailLink;
}

export type SignInDecision = {
  /** Steps the session owes, in order ([] = full access). */
  steps: RestrictionStep[];
  amr: string[];
  /** The remembered device that stood in for the second factor, if any. */
  rememberedDeviceId: string | null;
};

/**
 * The MFA policy's verdict for a member who has just passed a primary method:
 * - a passkey with user verification is multi-factor by itself (something you have + are/know);
 * - otherwise a member with an allowed second factor, or one the policy requires, owes it, unless
 *   this browser is a valid remembered device for them and the workspace allows remembering;
 * - a member the policy requires to have one but who has none is let in during the grace period
 *   (the app shows a banner) and must enrol first once it is over;
 * - a forced password change (password sign-in only) comes after the second factor, before an enrolment.
 */
export async function decideSignIn(input: {
  tenantId: string;
  user: { id: string; role: Parameters<typeof mfaRequiredFor>[1]; createdAt: Date };
  method: PrimaryMethod;
  userVerified?: boolean;
  /** SSO only: the identity provider reported multi-factor authentication and the connection trusts it. */
  idpMultiFactor?: boolean;
  passwordChange?: boolean;
  rememberedDeviceTokens?: readonly string[];
  policy?: MfaPolicy;
  now?: Date;
}): Promise<SignInDecision> {
  const now = input.now ?? new Date();
  const policy = input.policy ?? (await getMfaPolicy(input.tenantId));
  const primary = PRIMARY_AMR[input.method];
  const passwordStep: RestrictionStep[] = input.passwordChange ? ["password-change"] : [];

  if (input.method === "passkey" && input.userVerified) {
    return { steps: passwordStep, amr: ["passkey"], rememberedDeviceId: null };
  }
  // The connection's admin chose to trust the IdP's own MFA (its amr/acr said so): as with a
  // verified passkey, the session is multi-factor by itself.
  if (input.method === "sso" && input.idpMultiFactor) {
    return { steps: passwordStep, amr: ["sso", "idp-mfa"], rememberedDeviceId: null };
  }
  const factors = usableAfter(filterByPolicy(await listEnrolledFactors(input.tenantId, input.user.id), policy), [primary]);
  const required = mfaRequiredFor(policy, input.user.role);
  // A factor too weak for the requirement (codes by email, for an Owner or Admin) is still asked for,
  // and enrolling a strong one is still owed once the grace period is over.
  const enrolmentOwed = required && !meetsMfaRequirement(factors, input.user.role) && mfaGraceEndsAt(policy, input.user.createdAt) <= now;
  if (hasAnySecondFactor(factors)) {
    const enrolStep: RestrictionStep[] = enrolmentOwed ? ["mfa-enrol"] : [];
    if (policy.allowRememberDevice && input.rememberedDeviceTokens?.length) {
      const device = await findRememberedDevice({ tenantId: input.tenantId, userId: input.user.id, tokens: input.rememberedDeviceTokens }, now);
      if (device) return { steps: [...passwordStep, ...enrolStep], amr: [primary, "remembered-device"], rememberedDeviceId: device.id };
    }
    return { steps: ["second-factor", ...passwordStep, ...enrolStep], amr: [primary], rememberedDeviceId: null };
  }
  if (enrolmentOwed) {
    return { steps: [...passwordStep, "mfa-enrol"], amr: [primary], rememberedDeviceId: null };
  }
  return { steps: passwordStep, amr: [primary], rememberedDeviceId: null };
}

export class SignInMethodNotAllowedError extends Error {
  constructor(method: PrimaryMethod) {
    super(`sign-in method ${method} is not allowed by this workspace's policy`);
  }
}

export type EstablishedSignIn = {
  token: string;
  maxAgeSeconds: number;
  sessionId: string;
  /** The stored restriction (null = full access). */
  restriction: string | null;
  step: RestrictionStep | null;
  amr: string[];
};

/**
 * Decides and creates the session (no cookies: usable from tests and from code that sets the
 * cookie itself), audits signin.success with method and amr, and a remembered device's use.
 */
export async function establishSignIn(input: {
  tenant: { id: string } & SessionPolicy;
  userId: string;
  method: PrimaryMethod;
  userVerified?: boolean;
  idpMultiFactor?: boolean;
  passwordChange?: boolean;
  rememberedDeviceTokens?: readonly string[];
  ip: string | null;
  userAgent: string | null;
  auditDetails?: Record<string, string>;
  policy?: MfaPolicy;
  now?: Date;
}): Promise<EstablishedSignIn> {
  const now = input.now ?? new Date();
  const db = tenantDb(input.tenant.id);
  const [user, policy] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: input.tenant.id, id: input.userId } }, select: { id: true, role: true, createdAt: true } }),
    input.policy ?? getMfaPolicy(input.tenant.id),
  ]);
  if (!primaryMethodAllowed(policy, input.method)) throw new SignInMethodNotAllowedError(input.method);
  const decision = await decideSignIn({ ...input, tenantId: input.tenant.id, user, policy, now });
  const restriction = formatRestriction(decision.steps);
  const session = await startSession({
    tenant: input.tenant,
    userId: input.userId,
    method: input.method,
    restriction,
    amr: decision.amr,
    ip: input.ip,
    userAgent: input.userAgent,
    auditDetails: input.auditDetails,
    now,
  });
  if (decision.rememberedDeviceId) {
    await markRememberedDeviceUsed(input.tenant.id, decision.rememberedDeviceId, now);
    await recordAuditEvent({
      tenantId: input.tenant.id,
      type: "signin.remembered_device",
      actorUserId: input.userId,
      targetUserId: input.userId,
      ip: input.ip,
      userAgent: input.userAgent,
      data: { method: input.method, rememberedDeviceId: decision.rememberedDeviceId },
    });
  }
  await db.user.update({ where: { tenantId_id: { tenantId: input.tenant.id, id: input.userId } }, data: { lastSignInAt: now } });
  return { ...session, restriction, step: currentStep(restriction), amr: decision.amr };
}

/** Where a fresh session goes: the step it owes (carrying ?next= along), or the page it asked for. */
export function destinationAfterSignIn(slug: string, step: RestrictionStep | null, next?: string | null): string {
  return step ? stepPath(slug, step, next) : safeReturnPath(slug, next);
}

/**
 * Sets this browser up with a session just established: ends the session it had before, sets the
 * session and language cookies, and notes the device (a browser new to this member gets them an
 * email with "this wasn't me"). Call from a server action or route handler.
 */
export async function adoptSessionInBrowser(input: {
  tenantId: string;
  userId: string;
  token: string;
  maxAgeSeconds: number;
  ip: string | null;
  userAgent: string | null;
}) {
  // A new session at every sign-in; whatever session this browser had before is ended.
  const previous = await readSessionToken();
  if (previous && previous !== input.token) await revokeSessionByToken(previous, "replaced");
  await setSessionCookie(input.token, input.maxAgeSeconds);
  const user = await tenantDb(input.tenantId).user.findUnique({ where: { tenantId_id: { tenantId: input.tenantId, id: input.userId } }, select: { locale: true } });
  await setLocaleCookie(user?.locale);
  const deviceToken = await ensureDeviceCookie();
  const locale = await getLocale();
  after(async () => {
    try {
      await noteSignInDevice({ tenantId: input.tenantId, userId: input.userId, deviceToken, ip: input.ip, userAgent: input.userAgent, locale });
    } catch (error) {
      logError("signin:device", error);
    }
  });
}

/**
 * For every primary method once it has proved who the member is (passkey and email-link handlers
 * call this; the password action goes through signInWithPassword and adoptSessionInBrowser):
 * decides what the session still owes, creates it, sets the cookies, and says where to go.
 * Throws SignInMethodNotAllowedError when the workspace has switched this method off (check
 * primaryMethodAllowed first to show a message).
 */
export async function completePrimarySignIn(input: {
  tenant: { id: string; slug: string } & SessionPolicy;
  userId: string;
  method: PrimaryMethod;
  userVerified?: boolean;
  idpMultiFactor?: boolean;
  /** Only for password sign-ins whose password has expired or no longer meets the policy. */
  passwordChange?: boolean;
  /** The page asked for before signing in (checked with safeReturnPath). */
  next?: string | null;
  ip: string | null;
  userAgent: string | null;
  auditDetails?: Record<string, string>;
}): Promise<{ redirectTo: string }> {
  const rememberedDeviceTokens = await readRememberedDeviceTokens();
  const session = await establishSignIn({ ...input, rememberedDeviceTokens });
  await adoptSessionInBrowser({ tenantId: input.tenant.id, userId: input.userId, token: session.token, maxAgeSeconds: session.maxAgeSeconds, ip: input.ip, userAgent: input.userAgent });
  return { redirectTo: destinationAfterSignIn(input.tenant.slug, session.step, input.next) };
}
