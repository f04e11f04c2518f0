import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeFindEmailSignInLink } from "@/lib/db/unsafe-unscoped";
import { appUrl } from "@/lib/config";
import { sendEmail } from "@/lib/email/send-email";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { describeUserAgent } from "@/lib/user-agent";
import { logError } from "@/lib/log";
import type { RequestMeta } from "@/lib/dal/context";
import { generateToken, hashToken } from "./tokens";
import { safeReturnPath } from "./safe-return-path";
import { recordAuditEvent } from "./audit";
import { hitRateLimit } from "./rate-limit";
import { getMfaPolicy } from "./mfa-policy";
import { getSecurityPolicy } from "./security-policy";
import { clearSignInThrottle, readThrottle, recordSignInFailure, throttleKey, UNTIL_ADMIN_UNLOCKS } from "./sign-in-throttle";
import { notifyAccountLocked } from "./lockout-notice";
import { signInBlockOf } from "./sign-in-gate";
import { ssoRequiredFor } from "./sso/sso-required";
import { requestPasswordReset } from "./request-password-reset";

// "Email me a sign-in link": one factor (the mailbox), so a workspace that requires MFA still asks
// for the second one after it (completePrimarySignIn decides).
//
// - The link carries a 256-bit random token; only its SHA-256 is stored (EmailSignInToken). It
//   works once, for ten minutes, in the workspace it was asked for only.
// - Opening it shows a page with a button that POSTs: mail scanners that fetch every link in a
//   message don't burn it.
// - The tab that asked for it waits with a per-request key (an HttpOnly cookie; its hash is
//   requestKeyHash). Used in the same browser, the link's POST carries that cookie and the waiting
//   tab moves on into the app, which the new session cookie now opens. Used anywhere else, the
//   waiting tab only learns that it happened: it is never signed in, or whoever asked for a link
//   in someone else's name would be signed in by the victim's click.

export const EMAIL_LINK_TTL_MS = 10 * 60_000;
/** Link emails per member: beyond this a request is dropped without telling anyone. */
export const LINK_EMAIL_LIMIT = { limit: 3, windowSeconds: 15 * 60 };

export type LinkProblem = "unknown" | "expired" | "used" | "other-workspace";
export type LinkRefusal = LinkProblem | "locked" | "disabled" | "password-reset-required" | "sso-required";

/** Tokens and request keys are base64url; anything else cannot be one and is not even hashed. */
export function plausibleKey(value: string | null | undefined): value is string {
  return typeof value === "string" && value.length >= 16 && value.length <= 100 && /^[A-Za-z0-9_-]+$/.test(value);
}

/** The emailed link; `next` (a page of the workspace, else left off) is where it signs in to. */
export function signInLinkUrl(slug: string, token: string, next?: string | null): string {
  const returnTo = safeReturnPath(slug, next);
  return `${appUrl()}/${slug}/login/link/${token}${returnTo === `/${slug}` ? "" : `?next=${encodeURIComponent(returnTo)}`}`;
}

/** A fresh key for the tab that asks for a link (kept in an HttpOnly cookie, see email-link-cookie.ts). */
export function newRequestKey(): string {
  return generateToken(32);
}

function localeOf(user: { locale: string | null }): Locale {
  return isLocale(user.locale) ? user.locale : "en";
}

// ── Asking for a link ──────────────────────────────────────────────────────────────────────────

export type LinkRequestOutcome = "sent" | "no-account" | "rate-limited" | "disabled" | "reset-link-sent" | "sso-required";

/**
 * The login form's work, run after the answer has gone out (the answer is the same whatever
 * happens here). Finds the ACTIVE member by email or employee number and emails them a link bound
 * to `requestKey`. The outcome is for tests and logs only: never show it to the person asking.
 */
export async function requestEmailSignInLink(input: {
  tenantId: string;
  username: string;
  requestKey: string;
  /** The page asked for before signing in, which the link leads to. */
  next?: string | null;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<LinkRequestOutcome> {
  const now = input.now ?? new Date();
  const username = input.username.trim().toLowerCase().slice(0, 254);
  if (!username) return "no-account";
  const db = tenantDb(input.tenantId);
  const [policy, user] = await Promise.all([
    getMfaPolicy(input.tenantId),
    db.user.findFirst({
      where: { tenantId: input.tenantId, status: "ACTIVE", OR: [{ email: username }, { employeeNumberKey: username }] },
      include: { tenant: { select: { id: true, slug: true, name: true } } },
    }),
  ]);
  if (!policy.allowEmailLink) return "disabled";
  if (!user) return "no-account";
  // A link would be refused when used (sign-in-gate.ts): the mailbox gets the reset path instead,
  // under the reset emails' own limit. The page's answer is the same either way.
  if (user.passwordResetRequired) {
    const outcome = await requestPasswordReset({ tenantId: input.tenantId, username, ip: input.ip, userAgent: input.userAgent, reason: "reset-required", now });
    return outcome === "sent" ? "reset-link-sent" : "rate-limited";
  }
  // Company sign-in is required for this member's domain: no link goes out (the page's answer is
  // the same; the link would be refused anyway).
  if (await ssoRequiredFor(input.tenantId, user)) return "sso-required";
  const limit = await hitRateLimit(`sign-in-link:${input.tenantId}:${user.id}`, LINK_EMAIL_LIMIT.limit, LINK_EMAIL_LIMIT.windowSeconds, now);
  if (!limit.allowed) return "rate-limited";

  const token = generateToken(32);
  const expiresAt = new Date(now.getTime() + EMAIL_LINK_TTL_MS);
  await db.$transaction([
    // Long-dead links are only clutter.
    db.emailSignInToken.deleteMany({ where: { tenantId: input.tenantId, userId: user.id, expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } }),
    db.emailSignInToken.create({
      data: {
        tenantId: input.tenantId,
        userId: user.id,
        tokenHash: hashToken(token),
        requestKeyHash: plausibleKey(input.requestKey) ? hashToken(input.requestKey) : null,
        expiresAt,
        createdAt: now,
        ip: input.ip?.slice(0, 64) ?? null,
      },
    }),
  ]);
  await recordAuditEvent({ tenantId: input.tenantId, type: "signin.link_requested", targetUserId: user.id, ip: input.ip, userAgent: input.userAgent });
  await sendEmail({
    to: user.email,
    locale: localeOf(user),
    tenantId: input.tenantId,
    template: {
      name: "sign-in-link",
      data: {
        workspaceName: user.tenant.name,
        signInUrl: signInLinkUrl(user.tenant.slug, token, input.next),
        expiresAt,
        requestedAt: now,
        ip: input.ip,
        device: input.userAgent ? describeUserAgent(input.userAgent) : null,
      },
    },
  });
  return "sent";
}

// ── Reading and using a link ───────────────────────────────────────────────────────────────────

// The link carries no workspace: it is looked up unscoped, and its workspace checked against the
// address it was opened under by the callers ("other-workspace").
async function findLink(token: string) {
  if (!plausibleKey(token)) return null;
  return unsafeFindEmailSignInLink(hashToken(token));
}

function problemOf(row: { usedAt: Date | null; expiresAt: Date }, now: Date): LinkProblem | null {
  if (row.usedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return null;
}

/** What the link page shows: the "Sign in" button, or why the link can't be used. Changes nothing. */
export async function lookUpEmailSignInLink(slug: string, token: string, now = new Date()): Promise<{ status: "valid"; expiresAt: Date } | { status: LinkProblem }> {
  const row = await findLink(token);
  if (!row || row.user.status !== "ACTIVE") return { status: "unknown" };
  if (row.tenant.slug !== slug) return { status: "other-workspace" };
  const problem = problemOf(row, now);
  return problem ? { status: problem } : { status: "valid", expiresAt: row.expiresAt };
}

export type ConsumeLinkResult =
  | {
      ok: true;
      tenant: { id: string; slug: string; sessionIdleMinutes: number; sessionAbsoluteMinutes: number };
      userId: string;
      /** The link was opened in the browser that asked for it. */
      sameBrowser: boolean;
    }
  | { ok: false; reason: LinkRefusal };

/**
 * The link page's "Sign in" button. Claims the token with one conditional UPDATE (of two
 * concurrent clicks exactly one wins). A refused link the member can be named for (expired, used,
 * opened under another workspace's address) counts as a failed sign-in of that member for the
 * lockout policy; an unknown or altered token names nobody and is only refused. A locked account
 * is not signed in by a link either. The caller turns a success into a session
 * (completePrimarySignIn with method "email-link").
 */
export async function consumeEmailSignInLink(input: {
  slug: string;
  token: string;
  /** The waiting tab's key from this browser's cookie, if any. */
  requestKey: string | null;
  meta: RequestMeta;
  now?: Date;
}): Promise<ConsumeLinkResult> {
  const now = input.now ?? new Date();
  const row = await findLink(input.token);
  if (!row || row.user.status !== "ACTIVE") {
    const workspace = await systemDb().tenant.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (workspace) {
      await recordAuditEvent({ tenantId: workspace.id, type: "signin.link_refused", ...input.meta, data: { method: "email-link", reason: "unknown" } });
    }
    return { ok: false, reason: "unknown" };
  }
  const { tenantId, userId } = row;
  const db = tenantDb(tenantId);
  const refuse = async (reason: LinkRefusal, countsAsFailure: boolean): Promise<ConsumeLinkResult> => {
    await recordAuditEvent({ tenantId, type: "signin.link_refused", targetUserId: userId, ...input.meta, data: { method: "email-link", reason } });
    if (countsAsFailure) await countFailure(tenantId, userId, input.meta, now);
    return { ok: false, reason };
  };

  if (row.tenant.slug !== input.slug) return refuse("other-workspace", true);
  const problem = problemOf(row, now);
  if (problem) return refuse(problem, true);
  const [mfaPolicy, securityPolicy] = await Promise.all([getMfaPolicy(tenantId), getSecurityPolicy(tenantId)]);
  if (!mfaPolicy.allowEmailLink) return refuse("disabled", false);
  const key = throttleKey(userId, "");
  if ((await readThrottle(tenantId, key, securityPolicy, now)).lockedUntil) return refuse("locked", false);
  // Not a failure to count: the link is genuine, but only a new password reopens this account.
  if ((await signInBlockOf(tenantId, userId)) === "password-reset-required") return refuse("password-reset-required", false);
  // A link sent before the workspace required company sign-in for this member's domain.
  if (await ssoRequiredFor(tenantId, row.user)) return refuse("sso-required", false);

  const sameBrowser = plausibleKey(input.requestKey) && row.requestKeyHash === hashToken(input.requestKey);
  const claimed = await db.emailSignInToken.updateMany({
    where: { tenantId, id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, approvedAt: now, claimedAt: sameBrowser ? now : null },
  });
  if (claimed.count !== 1) {
    const current = await db.emailSignInToken.findUnique({ where: { tenantId_id: { tenantId, id: row.id } } });
    return refuse((current && problemOf(current, now)) ?? "used", true);
  }
  await clearSignInThrottle(tenantId, key);
  return {
    ok: true,
    tenant: { id: row.tenant.id, slug: row.tenant.slug, sessionIdleMinutes: row.tenant.sessionIdleMinutes, sessionAbsoluteMinutes: row.tenant.sessionAbsoluteMinutes },
    userId,
    sameBrowser,
  };
}

async function countFailure(tenantId: string, userId: string, meta: RequestMeta, now: Date) {
  const policy = await getSecurityPolicy(tenantId);
  const state = await recordSignInFailure(tenantId, throttleKey(userId, ""), policy, meta, now);
  if (!state.lockedNow) return;
  await recordAuditEvent({ tenantId, type: "account.locked", targetUserId: userId, ...meta, data: { lockedUntil: state.lockedUntil?.toISOString() ?? null, lockNumber: state.lockCount } });
  const lockedUntil = state.lockedUntil && state.lockedUntil.getTime() === UNTIL_ADMIN_UNLOCKS.getTime() ? null : state.lockedUntil;
  await notifyAccountLocked({ tenantId, userId, lockedUntil, attemptedAt: now, ...meta }).catch((error) => void logError("sign-in-link:lock-notice", error));
}

// ── The waiting tab ────────────────────────────────────────────────────────────────────────────

export type WaitingTabStatus = "waiting" | "signed-in" | "elsewhere";

/**
 * What the tab that asked for a link learns when it polls with its request key: still waiting,
 * used in this browser (go on into the app), or used somewhere else. A key that names no link
 * (including every request for an account that doesn't exist) waits like a real one, and expiry is
 * the tab's own ten-minute clock, so the answers never tell real accounts from unknown ones.
 *
 * `sessionWorkspaceSlug`: the workspace of the session cookie this poll carried, if any. The link
 * is marked used a moment before its page's answer stores the session cookie in the browser; a tab
 * told "signed-in" in that moment would open the workspace without the cookie and land on the
 * login page. So "signed-in" waits until the poll itself arrives with this workspace's session.
 */
export async function waitingTabStatus(slug: string, requestKey: string | null, sessionWorkspaceSlug: string | null): Promise<WaitingTabStatus> {
  if (!plausibleKey(requestKey)) return "waiting";
  const workspace = await systemDb().tenant.findUnique({ where: { slug }, select: { id: true } });
  if (!workspace) return "waiting";
  const row = await tenantDb(workspace.id).emailSignInToken.findFirst({
    where: { requestKeyHash: hashToken(requestKey) },
    orderBy: { createdAt: "desc" },
    select: { usedAt: true, claimedAt: true },
  });
  if (!row?.usedAt) return "waiting";
  if (!row.claimedAt) return "elsewhere";
  return sessionWorkspaceSlug === slug ? "signed-in" : "waiting";
}
