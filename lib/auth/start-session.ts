import "server-only";
import { createSession, type SessionPolicy } from "./sessions";
import { recordAuditEvent } from "./audit";

export type SignInMethod = "password" | "signup" | "invitation";

/** A successful sign-in by any method: a brand-new session (never a reused one) and its audit entry. */
export async function startSession(input: {
  tenant: { id: string } & SessionPolicy;
  userId: string;
  method: SignInMethod;
  restriction?: "password-change" | null;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; maxAgeSeconds: number }> {
  const session = await createSession({
    tenantId: input.tenant.id,
    userId: input.userId,
    policy: input.tenant,
    restriction: input.restriction ?? null,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await recordAuditEvent({
    tenantId: input.tenant.id,
    type: "signin.success",
    actorUserId: input.userId,
    targetUserId: input.userId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { method: input.method, ...(input.restriction ? { restriction: input.restriction } : {}) },
  });
  return session;
}
