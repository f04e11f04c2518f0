import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { maskPhone } from "./second-factors";
import { recordAuditEvent } from "./audit";
import { revokeAllSessionsOfUser, type RevokeReason } from "./sessions";
import { revokeAllRememberedDevices } from "./remembered-devices";
import { issueResetLink } from "./reset-links";
import type { RemovedSignInMethods } from "@/lib/email/templates/password-reset";

// Locking a member out of every sign-in method until they choose a new password through the link
// emailed to their account's address: "this wasn't me" (lib/auth/not-me.ts) and an admin's "sign
// out everywhere and require a new password" (lib/dal/members/member-security.ts). The flag is set
// first, so from that instant lib/auth/sign-in-gate.ts refuses every method and createSession()
// opens nothing; then what an intruder may hold is taken away.

type Meta = { ip: string | null; userAgent: string | null };

export const NOTHING_REMOVED: RemovedSignInMethods = { passkeys: [], authenticatorApp: false, phone: null, recoveryCodes: false, emailCodes: false };

/**
 * Removes every sign-in method and second factor added to the member's account at or after `since`
 * (the sign-in they reported): passkeys registered, an authenticator app enrolled (or being
 * enrolled), a phone verified, recovery codes generated. Whatever was there before stays: the
 * member keeps their own factors, the intruder loses theirs. Each removal is audited with
 * { via: "not-me" }.
 */
export async function removeSignInMethodsAddedSince(input: {
  tenantId: string;
  userId: string;
  since: Date;
  meta: Meta;
}): Promise<RemovedSignInMethods> {
  const { tenantId, userId, since } = input;
  const db = tenantDb(tenantId);
  const [passkeys, totp, phone, emailCodes, newCodes] = await Promise.all([
    db.passkey.findMany({ where: { userId, createdAt: { gte: since } }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } }),
    db.totpFactor.findFirst({ where: { userId, OR: [{ createdAt: { gte: since } }, { confirmedAt: { gte: since } }] }, select: { confirmedAt: true } }),
    db.phoneFactor.findFirst({ where: { userId, OR: [{ createdAt: { gte: since } }, { verifiedAt: { gte: since } }] }, select: { phone: true, verifiedAt: true } }),
    db.emailCodeFactor.count({ where: { userId, enabledAt: { gte: since } } }),
    db.recoveryCode.count({ where: { userId, createdAt: { gte: since } } }),
  ]);
  // Recovery codes are generated as a set that replaces the old one, so a set made after the
  // sign-in is the intruder's copy: all of it goes (the member makes a new set once back in).
  await db.$transaction([
    db.passkey.deleteMany({ where: { userId, id: { in: passkeys.map((passkey) => passkey.id) } } }),
    ...(totp ? [db.totpFactor.deleteMany({ where: { userId } })] : []),
    ...(phone ? [db.phoneFactor.deleteMany({ where: { userId } }), db.smsCode.deleteMany({ where: { userId } })] : []),
    ...(emailCodes > 0 ? [db.emailCodeFactor.deleteMany({ where: { userId } }), db.emailCode.deleteMany({ where: { userId } })] : []),
    ...(newCodes > 0 ? [db.recoveryCode.deleteMany({ where: { userId } })] : []),
  ]);
  const audit = { tenantId, actorUserId: userId, targetUserId: userId, ...input.meta };
  for (const passkey of passkeys) {
    await recordAuditEvent({ ...audit, type: "passkey.deleted", data: { passkeyId: passkey.id, name: passkey.name, via: "not-me" } });
  }
  // A pending enrolment was never a working factor; only a confirmed one is worth telling about.
  if (totp?.confirmedAt) await recordAuditEvent({ ...audit, type: "mfa.totp.disabled", data: { via: "not-me" } });
  if (phone?.verifiedAt) await recordAuditEvent({ ...audit, type: "mfa.phone.removed", data: { phone: maskPhone(phone.phone), via: "not-me" } });
  if (emailCodes > 0) await recordAuditEvent({ ...audit, type: "mfa.email_code.disabled", data: { via: "not-me" } });
  if (newCodes > 0) await recordAuditEvent({ ...audit, type: "mfa.recovery_codes.removed", data: { via: "not-me" } });
  return {
    passkeys: passkeys.map((passkey) => passkey.name),
    authenticatorApp: Boolean(totp?.confirmedAt),
    phone: phone?.verifiedAt ? maskPhone(phone.phone) : null,
    recoveryCodes: newCodes > 0,
    emailCodes: emailCodes > 0,
  };
}

/**
 * No sign-in method works for the member until they set a new password through the emailed link:
 * the flag first (the gate closes), then every session, remembered browser, unused sign-in link and
 * code in flight ends; with `removeAddedSince`, the methods added since then go too. The reset link
 * is emailed at once, with no rate limit, to the account's own address, listing what was removed.
 */
export async function requirePasswordReset(input: {
  tenant: { id: string; slug: string; name: string };
  user: { id: string; email: string; locale: string | null };
  reason: "not-me" | "admin";
  actorUserId: string;
  /** "This wasn't me": the reported sign-in; every method added at or after it is removed. */
  removeAddedSince?: Date;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<{ sessionsRevoked: number; removed: RemovedSignInMethods }> {
  const now = input.now ?? new Date();
  const tenantId = input.tenant.id;
  const userId = input.user.id;
  const db = tenantDb(tenantId);
  const meta = { ip: input.ip, userAgent: input.userAgent };
  await db.user.updateMany({ where: { id: userId }, data: { passwordResetRequired: true } });
  const revokeReason: RevokeReason = input.reason === "not-me" ? "not-me" : "admin";
  const [sessionsRevoked] = await Promise.all([
    revokeAllSessionsOfUser(tenantId, userId, revokeReason),
    revokeAllRememberedDevices(tenantId, userId, now),
    // A link or code already sent would open a session the moment the reset is done; they go.
    db.emailSignInToken.deleteMany({ where: { userId, usedAt: null } }),
    db.smsCode.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } }),
    db.emailCode.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } }),
  ]);
  const removed = input.removeAddedSince
    ? await removeSignInMethodsAddedSince({ tenantId, userId, since: input.removeAddedSince, meta })
    : NOTHING_REMOVED;
  await issueResetLink({
    tenant: input.tenant,
    user: input.user,
    reason: input.reason,
    removed,
    actorUserId: input.actorUserId,
    ...meta,
    now,
  });
  return { sessionsRevoked, removed };
}
