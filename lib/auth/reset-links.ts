import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeFindPasswordResetToken } from "@/lib/db/unsafe-unscoped";
import { appUrl } from "@/lib/config";
import { sendEmail } from "@/lib/email/send-email";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { describeUserAgent } from "@/lib/user-agent";
import { generateToken, hashToken } from "./tokens";
import { recordAuditEvent } from "./audit";
import { getSecurityPolicy } from "./security-policy";
import { passwordContextOf } from "./set-password";
import type { RemovedSignInMethods } from "@/lib/email/templates/password-reset";
import { policyFromSecurityPolicy, type PasswordContext, type PasswordPolicy } from "./password-policy/policy";

// Password recovery by email, its links: issuing one (emailed, audited) and reading one. Asking for
// a link (request-password-reset.ts) and using it (complete-password-reset.ts) build on these, and
// so do "this wasn't me" (not-me.ts) and an admin's "require a new password"
// (require-password-reset.ts), which end in the same link.
//
// Links carry a 256-bit random token; only its SHA-256 is stored (PasswordResetToken.tokenHash).
// A token belongs to one workspace and one purpose: a reset token opened under another
// workspace's address, or a "not me" token opened as a reset link, is simply unknown.

/** How long a reset link works. */
export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** How long the "this wasn't me" link of a new-device alert works. */
export const NOT_ME_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

export type TokenPurpose = "reset" | "not-me";
export type ResetLinkReason = "requested" | "not-me" | "admin" | "reset-required";
export type TokenProblem = "unknown" | "expired" | "used";

export type Meta = { ip: string | null; userAgent: string | null };
/** Work that must not hold up the answer (emails); the caller passes Next's after(). */
export type Deferred = (task: () => Promise<void>) => void;

export function localeOf(user: { locale: string | null }, fallback?: string | null): Locale {
  if (isLocale(user.locale)) return user.locale;
  return isLocale(fallback) ? fallback : "en";
}

export function deviceLabel(userAgent: string | null): string | null {
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
  const db = tenantDb(input.tenant.id);
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

// ── Reading a link ─────────────────────────────────────────────────────────────────────────────

export async function findToken(slug: string, token: string, purpose: TokenPurpose) {
  if (!plausibleToken(token) || !slug || slug.length > 40) return null;
  // The link carries no workspace: looked up unscoped, then held to the address's workspace.
  const row = await unsafeFindPasswordResetToken(hashToken(token));
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
  const db = tenantDb(row.tenantId);
  const claimed = await db.passwordResetToken.updateMany({
    where: { tenantId: row.tenantId, id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count === 1) return null;
  const current = await db.passwordResetToken.findUnique({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } } });
  return current ? (problemOf(current, now) ?? "used") : "unknown";
}

