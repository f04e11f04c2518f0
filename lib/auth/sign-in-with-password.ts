import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { hashPassword, needsRehash, verifyAgainstDummyHash, verifyPassword } from "./password-hash";
import { startSession } from "./start-session";
import { recordAuditEvent } from "./audit";

export type SignInResult =
  | { ok: true; token: string; maxAgeSeconds: number; user: { id: string; locale: string | null } }
  | { ok: false; reason: "invalidCredentials" };

/**
 * Username (email or employee number, case-insensitive) and password (case-sensitive).
 * Unknown usernames, wrong passwords and deactivated members all get the same answer after the
 * same amount of work, so the response tells an attacker nothing about which accounts exist.
 */
export async function signInWithPassword(input: {
  tenantId: string;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<SignInResult> {
  const db = systemDb();
  const username = input.username.trim().toLowerCase();
  const user = await db.user.findFirst({
    where: { tenantId: input.tenantId, OR: [{ email: username }, { employeeNumber: username }] },
  });
  const audit = { tenantId: input.tenantId, ip: input.ip, userAgent: input.userAgent };

  if (!user) {
    await verifyAgainstDummyHash(input.password);
    await recordAuditEvent({ ...audit, type: "signin.failure", data: { method: "password", reason: "unknown-user", username: username.slice(0, 254) } });
    return { ok: false, reason: "invalidCredentials" };
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || user.status !== "ACTIVE") {
    await recordAuditEvent({
      ...audit,
      type: "signin.failure",
      targetUserId: user.id,
      data: { method: "password", reason: passwordOk ? "deactivated" : "wrong-password" },
    });
    return { ok: false, reason: "invalidCredentials" };
  }

  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: input.tenantId } });
  const session = await startSession({ tenant, userId: user.id, method: "password", ip: input.ip, userAgent: input.userAgent });
  await db.user.update({
    where: { tenantId_id: { tenantId: tenant.id, id: user.id } },
    data: {
      lastSignInAt: new Date(),
      // Hashes made with weaker parameters are upgraded while we hold the plaintext.
      ...(needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(input.password) } : {}),
    },
  });
  return { ok: true, token: session.token, maxAgeSeconds: session.maxAgeSeconds, user: { id: user.id, locale: user.locale } };
}
