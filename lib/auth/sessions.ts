import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeFindSessionByTokenHash, unsafeRevokeSessionByTokenHash } from "@/lib/db/unsafe-unscoped";
import { generateToken, hashToken } from "./tokens";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";
import { assertSignInMayStart } from "./sign-in-gate";

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
  /** How the session was authenticated ("pwd", "totp", "passkey", …; see Session.amr). */
  amr: string[];
  /** When the member last proved who they are (sign-in, second factor or re-verification). */
  verifiedAt: Date;
};

export type RevokeReason =
  | "sign-out"
  | "idle"
  | "expired"
  | "deactivated"
  | "admin"
  | "password-reset"
  | "password-change"
  | "replaced"
  | "user"
  | "not-me"
  // A restricted session replaced by a new token once its second factor was given.
  | "rotated"
  // An admin reset the member's second factors.
  | "mfa-reset"
  // Too many wrong second-factor codes locked the account.
  | "locked"
  // The member's privileges changed (lib/auth/privilege-change.ts): their role, their
  // reactivation, or their second factors and passkeys.
  | "role-changed"
  | "reactivated"
  | "second-factor-changed";

export async function createSession(input: {
  tenantId: string;
  userId: string;
  policy: SessionPolicy;
  restriction?: string | null;
  amr?: string[];
  ip: string | null;
  userAgent: string | null;
  /** Keeps an earlier session's absolute expiry (a rotated session does not live longer than the one it replaces). */
  expiresAt?: Date;
  now?: Date;
}): Promise<{ token: string; maxAgeSeconds: number; sessionId: string }> {
  const now = input.now ?? new Date();
  // The backstop of lib/auth/sign-in-gate.ts: no method opens a session for a member who is
  // deactivated or owes a password reset, even one that forgot to ask first.
  await assertSignInMayStart(input.tenantId, input.userId);
  const token = generateToken(32);
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + input.policy.sessionAbsoluteMinutes * 60_000);
  const maxAgeSeconds = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 1000));
  const row = await tenantDb(input.tenantId).session.create({
    select: { id: true },
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastActiveAt: now,
      expiresAt,
      restriction: input.restriction ?? null,
      amr: input.amr ?? [],
      verifiedAt: now,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    },
  });
  return { token, maxAgeSeconds, sessionId: row.id };
}

/** The session a cookie token names, or null when it is unknown, revoked, expired or idle too long. */
export async function validateSessionToken(token: string | undefined, now = new Date()): Promise<ValidSession | null> {
  if (!token || token.length > 100) return null;
  // The cookie's token carries no workspace: the session is found by it alone, and the member
  // context built from it names the workspace the session belongs to (lib/auth/current-member.ts
  // refuses it under any other workspace's address).
  const row = await unsafeFindSessionByTokenHash(hashToken(token));
  if (!row || row.revokedAt) return null;
  const idleLimit = row.lastActiveAt.getTime() + row.tenant.sessionIdleMinutes * 60_000;
  if (row.expiresAt <= now || idleLimit <= now.getTime()) {
    await revokeSession(row.tenantId, row.id, row.expiresAt <= now ? "expired" : "idle", now);
    return null;
  }
  // A session that slipped in while "this wasn't me" or an admin was requiring a new password
  // (created between their revocation and the flag) is worth nothing either.
  if (row.user.status !== "ACTIVE" || row.user.passwordResetRequired) return null;
  if (now.getTime() - row.lastActiveAt.getTime() > TOUCH_INTERVAL_MS) {
    await tenantDb(row.tenantId).session.updateMany({ where: { tenantId: row.tenantId, id: row.id, revokedAt: null }, data: { lastActiveAt: now } });
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
    amr: row.amr,
    verifiedAt: row.verifiedAt,
  };
}

export async function revokeSession(tenantId: string, sessionId: string, reason: RevokeReason, now = new Date()) {
  await tenantDb(tenantId).session.updateMany({
    where: { tenantId, id: sessionId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}

// A cookie's token carries no workspace; the token alone names the session to end.
export async function revokeSessionByToken(token: string, reason: RevokeReason) {
  await unsafeRevokeSessionByTokenHash(hashToken(token), reason, new Date());
}

/** Ends every live session of a user, e.g. on deactivation or password reset. Returns how many. */
export async function revokeAllSessionsOfUser(tenantId: string, userId: string, reason: RevokeReason): Promise<number> {
  const result = await tenantDb(tenantId).session.updateMany({
    where: { tenantId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return result.count;
}
