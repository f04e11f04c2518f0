import "server-only";
import { createSession, type SessionPolicy } from "./sessions";
import { recordAuditEvent } from "./audit";

export type SignInMethod = "password" | "signup" | "invitation" | "passkey" | "email-link" | "sso";

/** The RFC 8176-style amr value each primary method contributes to Session.amr. */
export const PRIMARY_AMR: Record<SignInMethod, string> = {
  password: "pwd",
  signup: "pwd",
  invitation: "pwd",
  passkey: "passkey",
  "email-link": "email-link",
  // Company single sign-on (lib/auth/sso): the identity provider proved who the member is.
  sso: "sso",
};

/** A successful sign-in by any method: a brand-new session (never a reused one) and its audit entry. */
export async function startSession(input: {
  tenant: { id: string } & SessionPolicy;
  userId: string;
  method: SignInMethod;
  /** Steps the session owes first (see lib/auth/session-restriction.ts). */
  restriction?: string | null;
  /** Defaults to the primary method's own value. */
  amr?: string[];
  ip: string | null;
  userAgent: string | null;
  /** More for the signin.success entry, e.g. the SSO connection's name. */
  auditDetails?: Record<string, string>;
  now?: Date;
}): Promise<{ token: string; maxAgeSeconds: number; sessionId: string }> {
  const amr = input.amr ?? [PRIMARY_AMR[input.method]];
  const session = await createSession({
    tenantId: input.tenant.id,
    userId: input.userId,
    policy: input.tenant,
    restriction: input.restriction ?? null,
    amr,
    ip: input.ip,
    userAgent: input.userAgent,
    now: input.now,
  });
  await recordAuditEvent({
    tenantId: input.tenant.id,
    type: "signin.success",
    actorUserId: input.userId,
    targetUserId: input.userId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { method: input.method, amr, ...(input.restriction ? { restriction: input.restriction } : {}), ...input.auditDetails },
  });
  return session;
}
