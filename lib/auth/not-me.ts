import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { appUrl } from "@/lib/config";
import type { RemovedSignInMethods } from "@/lib/email/templates/password-reset";
import { generateToken, hashToken } from "./tokens";
import { recordAuditEvent } from "./audit";
import { claimToken, findToken, NOT_ME_TOKEN_TTL_MS, problemOf, type TokenProblem } from "./reset-links";
import { requirePasswordReset } from "./require-password-reset";

// "This wasn't me", from the email a sign-in on a new device sends (lib/auth/known-devices.ts).
// Confirming it evicts whoever signed in: every session ends, no sign-in method works until the
// member sets a new password through the link emailed to their own address (sign-in-gate.ts), and
// every sign-in method or second factor added since that sign-in is removed, so a passkey or an
// authenticator app the intruder registered can't bring them back.

export function notMeUrl(slug: string, token: string): string {
  return `${appUrl()}/${slug}/not-me/${token}`;
}

/**
 * A "this wasn't me" link for a new-device alert (7 days, single use). Created at `now`, the same
 * instant the device's lastSeenAt was written: confirmNotMe forgets that device and removes every
 * method added from then on.
 */
export async function createNotMeToken(input: { tenantId: string; userId: string; ip: string | null; now: Date }) {
  const token = generateToken(32);
  const expiresAt = new Date(input.now.getTime() + NOT_ME_TOKEN_TTL_MS);
  await tenantDb(input.tenantId).passwordResetToken.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      purpose: "not-me",
      expiresAt,
      createdAt: input.now,
      ip: input.ip?.slice(0, 64) ?? null,
    },
  });
  return { token, expiresAt };
}

export async function lookUpNotMeToken(slug: string, token: string, now = new Date()): Promise<{ status: "valid"; workspaceName: string } | { status: TokenProblem }> {
  const row = await findToken(slug, token, "not-me");
  if (!row) return { status: "unknown" };
  const problem = problemOf(row, now);
  return problem ? { status: problem } : { status: "valid", workspaceName: row.tenant.name };
}

export type ConfirmNotMeResult = { ok: true; sessionsRevoked: number; removed: RemovedSignInMethods } | { ok: false; reason: TokenProblem };

/**
 * The member says a new-device sign-in wasn't them. Single use. Everything requirePasswordReset
 * does (sessions end, the gate closes until a new password is set, the reset link is emailed with
 * no rate limit), plus: every method added since the sign-in is removed, and the devices used
 * since the alert are forgotten, so the intruder's browser is announced again if it ever signs in.
 */
export async function confirmNotMe(input: {
  slug: string;
  token: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<ConfirmNotMeResult> {
  const now = input.now ?? new Date();
  const row = await findToken(input.slug, input.token, "not-me");
  if (!row) return { ok: false, reason: "unknown" };
  const problem = problemOf(row, now);
  if (problem) return { ok: false, reason: problem };
  const lost = await claimToken(row, now);
  if (lost) return { ok: false, reason: lost };

  const { tenantId, userId } = row;
  const { sessionsRevoked, removed } = await requirePasswordReset({
    tenant: row.tenant,
    user: row.user,
    reason: "not-me",
    actorUserId: userId,
    removeAddedSince: row.createdAt,
    ip: input.ip,
    userAgent: input.userAgent,
    now,
  });
  await tenantDb(tenantId).knownDevice.deleteMany({ where: { userId, lastSeenAt: { gte: row.createdAt } } });
  await recordAuditEvent({
    tenantId,
    type: "device.not_me",
    actorUserId: userId,
    targetUserId: userId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: {
      sessionsRevoked,
      alertedAt: row.createdAt.toISOString(),
      removedPasskeys: removed.passkeys.length,
      removedAuthenticatorApp: removed.authenticatorApp,
      removedPhone: removed.phone !== null,
      removedRecoveryCodes: removed.recoveryCodes,
      removedEmailCodes: removed.emailCodes,
    },
  });
  return { ok: true, sessionsRevoked, removed };
}
