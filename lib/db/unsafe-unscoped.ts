import "server-only";
import { systemDb } from "./prisma";

// The few reads and writes of workspace data that cannot go through tenantDb(), because the
// request does not know its workspace yet: a cookie's session token, or a link's or text's token,
// carries no workspace; the row it names tells which one it is. Each is named `unsafe…` and kept
// here, in one place to review. A caller holds the row's workspace against the one the request is
// addressed to (the slug) before acting on it, and does its writes through tenantDb(row.tenantId).
// lib/auth/auth-uses-tenant-client.test.ts fails when lib/auth reaches workspace data any other
// way than through tenantDb() or this module.

/** The session a cookie's token names, with its workspace (and that workspace's IP allowlist) and member. */
export function unsafeFindSessionByTokenHash(tokenHash: string) {
  return systemDb().session.findUnique({
    where: { tokenHash },
    include: { tenant: { include: { securityPolicy: { select: { ipAllowlist: true } } } }, user: true },
  });
}

/** Ends the session a cookie's token names (the browser's previous session, replaced at sign-in or sign-out). */
export async function unsafeRevokeSessionByTokenHash(tokenHash: string, reason: string, now: Date): Promise<void> {
  await systemDb().session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
}

/** The emailed sign-in link a token names, with its workspace and member. */
export function unsafeFindEmailSignInLink(tokenHash: string) {
  return systemDb().emailSignInToken.findUnique({
    where: { tokenHash },
    include: { tenant: { select: { id: true, slug: true, name: true, sessionIdleMinutes: true, sessionAbsoluteMinutes: true } }, user: { select: { id: true, status: true, email: true, role: true } } },
  });
}

/** The password-reset (or "this wasn't me") token a link names, with its workspace and member. */
export function unsafeFindPasswordResetToken(tokenHash: string) {
  return systemDb().passwordResetToken.findUnique({ where: { tokenHash }, include: { tenant: true, user: true } });
}

/** The SMS password reset a ticket names, with its workspace and member. */
export function unsafeFindSmsPasswordResetTicket(ticketHash: string) {
  return systemDb().smsPasswordReset.findUnique({ where: { ticketHash }, include: { tenant: true, user: true } });
}

/** Housekeeping across workspaces: passkey challenges long expired (they are refused anyway) are deleted. */
export async function unsafeDeleteExpiredChallengesOfEveryWorkspace(expiredBefore: Date): Promise<void> {
  await systemDb().webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: expiredBefore } } });
}

/** The SSO connection an Auth.js URL names (`sso-<id>`; ids are globally unique), with its workspace. */
export function unsafeFindSsoConnection(id: string) {
  return systemDb().ssoConnection.findUnique({ where: { id }, include: { tenant: { select: { id: true, slug: true, name: true } } } });
}

/** The single-use SSO ticket a token names; the caller holds its workspace against the address's. */
export function unsafeFindSsoTicket(tokenHash: string) {
  return systemDb().ssoTicket.findUnique({ where: { tokenHash } });
}
