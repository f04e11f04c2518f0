import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { appUrl } from "@/lib/config";
import { sendEmail } from "@/lib/email/send-email";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { describeUserAgent } from "@/lib/user-agent";
import { logError } from "@/lib/log";
import { generateToken, hashToken } from "./tokens";
import { recordAuditEvent } from "./audit";
import { hitRateLimit } from "./rate-limit";
import { revokeAllSessionsOfUser } from "./sessions";
import { revokeAllRememberedDevices } from "./remembered-devices";
import { clearSignInThrottle, readThrottle, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { passwordContextOf, setPassword } from "./set-password";
import type { RemovedSignInMethods } from "@/lib/email/templates/password-reset";
import { policyFromSecurityPolicy, type PasswordContext, type PasswordPolicy, type PasswordProblem } from "./password-policy/policy";

// Password recovery by email: the links, asking for one, and completing the reset. "This wasn't
// me" (lib/auth/not-me.ts) and an admin's "require a new password" (require-password-reset.ts)
// end in the same link.
//
// Links carry a 256-bit random token; only its SHA-256 is stored (PasswordResetToken.tokenHash).
// A token belongs to one workspace and one purpose: a reset token opened under another
// workspace's address, or a "not me" token opened as a reset link, is simply unknown.

/** How long a reset link works. */
export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** How long the "this wasn't me" link of a new-device alert works. */
export const NOT_ME_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;
/** Reset emails per member: beyond this the request is dropped without telling anyone. */
export const RESET_EMAIL_LIMIT = { limit: 3, windowSeconds: 15 * 60 };

export type TokenPurpose = "reset" | "not-me";
export type ResetLinkReason = "requested" | "not-me" | "admin" | "reset-required";
export type TokenProblem = "unknown" | "expired" | "used";

type Meta = { ip: string | null; userAgent: string | null };
/** Work that must not hold up the answer (emails); the caller passes Next's after(). */
export type Deferred = (task: () => Promise<void>) => void;

function localeOf(user: { locale: string | null }, fallback?: string | null): Locale {
  if (isLocale(user.locale)) return user.locale;
  return isLocale(fallback) ? fallback : "en";
}

function deviceLabel(userAgent: string | null): string | null {
  return userAgent ? describeUserAgent(userAgent) : null;
}

/** Tokens are base64url; anything else (or absurdly long) cannot be one and is not even hashed. */
function plausibleToken(token: string): boolean {
  return token.length >= 16 && token.length <= 100 && /^[A-Za-z0-9_-]+$/.test(token);
}

export function resetUrl(slug: string, token: string): string {
  return `${appUrl()}/${slug}/reset-password/${token}`;
}

export function forgotPasswordUrl(slug: string): string {
  return `${appUrl()}/${slug}/forgot-password`;
}

// ── Issuing links ───────────────────────────────────────────────────────────────────────────────

/**
 * A new reset link for a member, replacing any earlier unused one, emailed in their language and
 * audited. No rate limit here: requestPasswordReset applies one, "this wasn't me" deliberately not.
 */
export async function issueResetLink(input: {
  tenant: { id: string; slug: string; name: string };
  user: { id: string; email: string; locale: string | null };
  reason: ResetLinkReason;
  /** Listed in the email: what "this wasn't me" removed. */
  removed?: RemovedSignInMethods;
  /** Who asked: the member (forgot password, "this wasn't me") or an admin. */
  actorUserId?: string | null;
  ip: string | null;
  userAgent: string | null;
  now: Date;
}) {
  const db = systemDb();
  const token = generateToken(32);
  const expiresAt = new Date(input.now.getTime() + RESET_TOKEN_TTL_MS);
  await db.$transaction([
    // Only the newest link works; older unused ones (and long-dead tokens) are removed.
    db.passwordResetToken.deleteMany({
      where: {
        tenantId: input.tenant.id,
        userId: input.user.id,
        OR: [{ purpose: "reset", usedAt: null }, { expiresAt: { lt: new Date(input.now.getTime() - NOT_ME_TOKEN_TTL_MS) } }],
      },
    }),
    db.passwordResetToken.create({
      data: {
        tenantId: input.tenant.id,
        userId: input.user.id,
        tokenHash: hashToken(token),
        purpose: "reset",
        expiresAt,
        createdAt: input.now,
        ip: input.ip?.slice(0, 64) ?? null,
      },
    }),
  ]);
  await recordAuditEvent({
    tenantId: input.tenant.id,
    type: "password.reset_requested",
    actorUserId: input.actorUserId ?? (input.reason === "not-me" ? input.user.id : null),
    targetUserId: input.user.id,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { via: input.reason === "requested" ? "forgot-password" : input.reason },
  });
  await sendEmail({
    to: input.user.email,
    locale: localeOf(input.user),
    tenantId: input.tenant.id,
    template: {
      name: "password-reset",
      data: {
        workspaceName: input.tenant.name,
        resetUrl: resetUrl(input.tenant.slug, token),
        expiresAt,
        reason: input.reason,
        removed: input.removed,
        ip: input.ip,
        device: deviceLabel(input.userAgent),
      },
    },
  });
}

export type ResetRequestOutcome = "sent" | "no-account" | "rate-limited";

/**
 * The forgot-password form's work, run after the answer has gone out (the answer is the same
 * whatever happens here). Finds the ACTIVE member by email or employee number (trimmed,
 * case-insensitive) and emails them a 30-minute single-use link; at most RESET_EMAIL_LIMIT per
 * member. The outcome is for tests and logs only: never show it to the person asking.
 */
export async function requestPasswordReset(input: {
  tenantId: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
  /** "reset-required": the member asked for a sign-in link while only a new password can let them in. */
  reason?: "requested" | "reset-required";
  now?: Date;
}): Promise<ResetRequestOutcome> {
  const now = input.now ?? new Date();
  const username = input.username.trim().toLowerCase().slice(0, 254);
  if (!username) return "no-account";
  const db = systemDb();
  const user = await db.user.findFirst({
    where: { tenantId: input.tenantId, status: "ACTIVE", OR: [{ email: username }, { employeeNumber: username }] },
    include: { tenant: true },
  });
  if (!user) return "no-account";
  const limit = await hitRateLimit(`password-reset:${input.tenantId}:${user.id}`, RESET_EMAIL_LIMIT.limit, RESET_EMAIL_LIMIT.windowSeconds, now);
  if (!limit.allowed) return "rate-limited";
  await issueResetLink({ tenant: user.tenant, user, reason: input.reason ?? "requested", ip: input.ip, userAgent: input.userAgent, now });
  return "sent";
}

// ── Reading a link ─────────────────────────────────────────────────────────────────────────────

export async function findToken(slug: string, token: string, purpose: TokenPurpose) {
  if (!plausibleToken(token) || !slug || slug.length > 40) return null;
  const row = await systemDb().passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { tenant: true, user: true },
  });
  // Another workspace's token, or a token for the other purpose, is not a token here.
  if (!row || row.tenant.slug !== slug || row.purpose !== purpose) return null;
  if (row.user.status !== "ACTIVE") return null;
  return row;
}

export function problemOf(row: { usedAt: Date | null; expiresAt: Date }, now: Date): TokenProblem | null {
  if (row.usedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return null;
}

export type ResetLinkLookup =
  | {
      status: "valid";
      workspaceName: string;
      email: string;
      policy: PasswordPolicy;
      context: PasswordContext;
      expiresAt: Date;
    }
  | { status: TokenProblem };

/** What the reset page shows for a link: the form (with the policy for the strength meter) or why not. */
export async function lookUpPasswordResetToken(slug: string, token: string, now = new Date()): Promise<ResetLinkLookup> {
  const row = await findToken(slug, token, "reset");
  if (!row) return { status: "unknown" };
  const problem = problemOf(row, now);
  if (problem) return { status: problem };
  const [{ context }, policyRow] = await Promise.all([passwordContextOf(row.tenantId, row.userId), getSecurityPolicy(row.tenantId)]);
  return {
    status: "valid",
    workspaceName: row.tenant.name,
    email: row.user.email,
    policy: policyFromSecurityPolicy(policyRow),
    context,
    expiresAt: row.expiresAt,
  };
}

/**
 * Marks a token used if and only if it is still unused and unexpired: one conditional UPDATE, so
 * of two concurrent submissions exactly one wins. Returns why not when it lost.
 */
export async function claimToken(row: { id: string; tenantId: string }, now: Date): Promise<TokenProblem | null> {
  const db = systemDb();
  const claimed = await db.passwordResetToken.updateMany({
    where: { tenantId: row.tenantId, id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count === 1) return null;
  const current = await db.passwordResetToken.findUnique({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } } });
  return current ? (problemOf(current, now) ?? "used") : "unknown";
}

// ── Completing a reset ─────────────────────────────────────────────────────────────────────────

export type CompleteResetResult =
  | { ok: true }
  | { ok: false; reason: TokenProblem }
  | { ok: false; reason: "password"; problems: PasswordProblem[] };

/**
 * Sets the new password through a reset link. Single use; the workspace's password policy applies
 * (when it refuses, the link stays usable and every problem is returned). On success every session
 * of the member ends, a sign-in lock is lifted, the change is audited and the member is emailed.
 * No session is created: the member signs in normally afterwards (so a reset never skips MFA).
 */
export async function completePasswordReset(input: {
  slug: string;
  token: string;
  newPassword: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
  /** Runs the "password changed" email; defaults to running it before returning. */
  defer?: Deferred;
}): Promise<CompleteResetResult> {
  const now = input.now ?? new Date();
  const db = systemDb();
  const row = await findToken(input.slug, input.token, "reset");
  if (!row) return { ok: false, reason: "unknown" };
  const problem = problemOf(row, now);
  if (problem) return { ok: false, reason: problem };

  const lost = await claimToken(row, now);
  if (lost) return { ok: false, reason: lost };

  // Gives the link back when the password is refused (or anything fails), so the member can try again.
  const release = () =>
    db.passwordResetToken.updateMany({ where: { tenantId: row.tenantId, id: row.id, usedAt: now }, data: { usedAt: null } });
  let result: Awaited<ReturnType<typeof setPassword>>;
  try {
    result = await setPassword({ tenantId: row.tenantId, userId: row.userId, newPassword: input.newPassword, now });
  } catch (error) {
    await release();
    throw error;
  }
  if (!result.ok) {
    await release();
    return { ok: false, reason: "password", problems: result.problems };
  }

  const tenantId = row.tenantId;
  const userId = row.userId;
  const meta: Meta = { ip: input.ip, userAgent: input.userAgent };
  const key = throttleKey(userId, "");
  const policy = await getSecurityPolicy(tenantId);
  const throttle = await readThrottle(tenantId, key, policy, now);
  const [, sessionsRevoked] = await Promise.all([
    // Any other reset link of this member dies with this one.
    db.passwordResetToken.deleteMany({ where: { tenantId, userId, purpose: "reset", usedAt: null } }),
    revokeAllSessionsOfUser(tenantId, userId, "password-reset"),
    clearSignInThrottle(tenantId, key),
    // A browser someone else remembered with the old password must ask for the second factor again.
    revokeAllRememberedDevices(tenantId, userId, now),
  ]);
  await recordAuditEvent({ tenantId, type: "password.reset", actorUserId: userId, targetUserId: userId, ...meta, data: { sessionsRevoked } });
  if (throttle.lockedUntil) {
    await recordAuditEvent({ tenantId, type: "account.unlocked", actorUserId: userId, targetUserId: userId, ...meta, data: { via: "password-reset" } });
  }

  const sendNotice = async () => {
    await sendEmail({
      to: row.user.email,
      locale: localeOf(row.user),
      tenantId,
      template: {
        name: "password-changed",
        data: {
          workspaceName: row.tenant.name,
          changedAt: now,
          ip: input.ip,
          device: deviceLabel(input.userAgent),
          forgotPasswordUrl: forgotPasswordUrl(row.tenant.slug),
        },
      },
    });
  };
  if (input.defer) {
    input.defer(() => sendNotice().catch((error) => void logError("password-reset:notice", error)));
  } else {
    // The password has changed whatever happens to the email; a failure is logged, not thrown.
    await sendNotice().catch((error) => void logError("password-reset:notice", error));
  }
  return { ok: true };
}
