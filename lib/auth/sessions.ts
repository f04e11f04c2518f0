import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { generateToken, hashToken } from "./tokens";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";

// Server-side sessions: the cookie holds a 256-bit random token, the database only its hash.
// Every request looks the row up, so revocation takes effect on the very next request.

// lastActiveAt is refreshed at most this often, so reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 60_000;

export type SessionPolicy = { sessionIdleMinutes: number; sessionAbsoluteMinutes: number };

export type ValidSession = {
  sessionId: string;
  tenant: { id: string; slug: string; name: string; ipAllowlist: string[] };
  user: { id: string; name: string; email: string; role: Role; status: MemberStatus; locale: string | null; employeeNumber: string | null };
  createdAt: Date;
  lastActiveAt: Date;
  restriction: string | null;
};

export type RevokeReason = "sign-out" | "idle" | "expired" | "deactivated" | "admin" | "password-reset" | "password-change" | "replaced" | "user" | "not-me";

export async function createSession(input: {
  tenantId: string;
  userId: string;
  policy: SessionPolicy;
  restriction?: string | null;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<{ token: string; maxAgeSeconds: number }> {
  const now = input.now ?? new Date();
  const token = generateToken(32);
  const maxAgeSeconds = input.policy.sessionAbsoluteMinutes * 60;
  await systemDb().session.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      restriction: input.restriction ?? null,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    },
  });
  return { token, maxAgeSeconds };
}

/** The session a cookie token names, or null when it is unknown, revoked, expired or idle too long. */
export async function validateSessionToken(token: string | undefined, now = new Date()): Promise<ValidSession | null> {
  if (!token || token.length > 100) return null;
  const db = systemDb();
  const row = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { tenant: { include: { securityPolicy: { select: { ipAllowlist: true } } } }, user: true },
  });
  if (!row || row.revokedAt) return null;
  const idleLimit = row.lastActiveAt.getTime() + row.tenant.sessionIdleMinutes * 60_000;
  if (row.expiresAt <= now || idleLimit <= now.getTime()) {
    await revokeSession(row.tenantId, row.id, row.expiresAt <= now ? "expired" : "idle", now);
    return null;
  }
  if (row.user.status !== "ACTIVE") return null;
  if (now.getTime() - row.lastActiveAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { tenantId: row.tenantId, id: row.id, revokedAt: null }, data: { lastActiveAt: now } });
  }
  return {
    sessionId: row.id,
    tenant: {
      id: row.tenant.id,
      slug: row.tenant.slug,
      name: row.tenant.name,
      ipAllowlist: row.tenant.securityPolicy?.ipAllowlist ?? [],
    },
    user: {
      id: row.user.id,
      name: row.user.name,
      email: row.user.email,
      role: row.user.role,
      status: row.user.status,
      locale: row.user.locale,
      employeeNumber: row.user.employeeNumber,
    },
    createdAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
    restriction: row.restriction,
  };
}

export async function revokeSession(tenantId: string, sessionId: string, reason: RevokeReason, now = new Date()) {
  await systemDb().session.updateMany({
    where: { tenantId, id: sessionId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}

export async function revokeSessionByToken(token: string, reason: RevokeReason) {
  await systemDb().session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
}

/** Ends every live session of a user, e.g. on deactivation or password reset. Returns how many. */
export async function revokeAllSessionsOfUser(tenantId: string, userId: string, reason: RevokeReason): Promise<number> {
  const result = await systemDb().session.updateMany({
    where: { tenantId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return result.count;
}
