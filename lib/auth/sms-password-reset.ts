import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeFindSmsPasswordResetTicket } from "@/lib/db/unsafe-unscoped";
import { Prisma } from "@/lib/generated/prisma/client";
import { translatorFor } from "@/lib/i18n/translator";
import { isLocale } from "@/lib/i18n/locales";
import { logError } from "@/lib/log";
import { sendSms } from "@/lib/sms/send-sms";
import type { SmsTransport } from "@/lib/sms/types";
import { recordAuditEvent } from "./audit";
import { getMfaPolicy } from "./mfa-policy";
import { hitRateLimit } from "./rate-limit";
import { mfaSubkey } from "./secret-box";
import { generateToken, hashToken } from "./tokens";
import { SMS_NUMBER_LIMIT, SMS_WORKSPACE_LIMIT } from "./sms-codes";
import { consumeRecoveryCode, countUnusedRecoveryCodes } from "./recovery-codes";
import { verifyTotpForUser } from "./totp-factor";
import { filterByPolicy, listEnrolledFactors } from "./second-factors";
import { passwordContextOf, setPasswordOrRelease } from "./set-password";
import { getSecurityPolicy } from "./security-policy";
import { RESET_EMAIL_LIMIT } from "./request-password-reset";
import { afterPasswordReset } from "./complete-password-reset";
import { issueResetLink, type Deferred, type TokenProblem } from "./reset-links";
import { policyFromSecurityPolicy, type PasswordContext, type PasswordPolicy, type PasswordProblem } from "./password-policy/policy";

// Resetting a forgotten password with a code texted to the member's verified phone ("Text me a
// code" on /<workspace>/forgot-password), in three steps:
//
// 1. requestSmsPasswordReset (run after the answer has gone out, like the emailed link): a row is
//    written for EVERY accepted request, whether or not the username names an active member with a
//    verified phone; only for such a member is the code texted (and the row's userId set). So the
//    code check of step 2 meets the same rows, expiry, tries and "replaced by a newer code" for a
//    real account as for an unknown one, and its answers tell nothing about which it was.
// 2. checkSmsResetCode: 6 digits, 5 minutes, 5 tries (the fifth wrong one burns the code), single
//    use, stored as an HMAC; the right code returns a ticket (10 minutes, single use).
// 3. completeSmsPasswordReset: the new password under the workspace's policy, and, where the phone
//    would otherwise be all that protects the account, one more proof (extraProofFor). Then, like
//    the emailed reset, every session ends and a "password changed" email goes out.
//
// Never the phone alone: a verified phone is also an SMS second factor, so whoever holds it (a
// stolen phone, a ported number) and can set the password can also pass the second step, unless
// the workspace doesn't accept SMS as a second factor and the member has another one. Everyone
// else also gives a recovery code, a code from their authenticator app, or takes an emailed link
// instead. A member owing a forced reset ("this wasn't me", an admin's "require a new password")
// is only let through the emailed link: lib/auth/sign-in-gate.ts lifts that block only for a
// password chosen through the account's mailbox.

export const SMS_RESET_CODE_TTL_SECONDS = 5 * 60;
export const SMS_RESET_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESET_RESEND_AFTER_SECONDS = 60;
/** Reset texts asked for from one client address per hour, across workspaces (texts cost money). */
export const SMS_RESET_IP_LIMIT = { limit: 10, windowSeconds: 60 * 60 };
/** How long the page for the new password works once the code was right. */
export const SMS_RESET_TICKET_TTL_MS = 10 * 60_000;
/** Wrong recovery codes or app codes on one ticket before it is burnt. */
export const SMS_RESET_PROOF_MAX_ATTEMPTS = 5;

export type ExtraProof = "recovery-code" | "totp" | "email-link";

export type SmsResetRequestOutcome =
  | "sent"
  | "no-account"
  | "cooldown"
  | "ip-limit"
  | "number-limit"
  | "workspace-limit"
  | "disabled"
  | "provider";

type Meta = { ip: string | null; userAgent: string | null };

/** Whether the workspace offers "Text me a code" on its forgot-password page. */
export async function smsPasswordResetEnabled(tenantId: string): Promise<boolean> {
  return (await getMfaPolicy(tenantId)).allowSmsPasswordReset;
}

function normaliseUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 254);
}

/** The row key of a typed username: an HMAC, so usernames of nobody are not kept readable. */
function usernameKeyOf(tenantId: string, username: string): string {
  return createHmac("sha256", mfaSubkey("sms-reset-username")).update(`${tenantId}\u0000${username}`, "utf8").digest("hex");
}

function hashResetCode(tenantId: string, usernameKey: string, code: string): string {
  return createHmac("sha256", mfaSubkey("sms-reset-code")).update(`${tenantId}\u0000${usernameKey}\u0000${code}`, "utf8").digest("hex");
}

function smsText(code: string, workspaceName: string, locale: string | null): string {
  const { t } = translatorFor(isLocale(locale) ? locale : "en");
  // Loosely typed: the key lives in messages/<locale>/mfa.json beside the other texts.
  return (t as unknown as (key: string, values: Record<string, string | number>) => string)("mfa.smsText.passwordReset", {
    code,
    workspace: workspaceName,
    minutes: SMS_RESET_CODE_TTL_SECONDS / 60,
  });
}

// ── 1. Asking for a code ────────────────────────────────────────────────────────────────────────

/**
 * The "Text me a code" form's work, run after the answer has gone out (the answer is the same
 * whatever happens here). Finds the ACTIVE member by email or employee number with a verified
 * phone and texts them a code. Within 60 seconds of the last request for the same username
 * nothing happens; beyond the per-address, per-number or per-workspace limits no text goes out.
 * The outcome is for tests and logs only: never show it to the person asking.
 */
export async function requestSmsPasswordReset(
  input: { tenantId: string; username: string; ip: string | null; userAgent: string | null },
  options: { now?: Date; transport?: SmsTransport } = {},
): Promise<SmsResetRequestOutcome> {
  const now = options.now ?? new Date();
  const username = normaliseUsername(input.username);
  if (!username) return "no-account";
  const { tenantId } = input;
  const db = tenantDb(tenantId);
  const [policy, tenant, user] = await Promise.all([
    getMfaPolicy(tenantId),
    systemDb().tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    db.user.findFirst({
      where: { tenantId, status: "ACTIVE", OR: [{ email: username }, { employeeNumberKey: username }] },
      select: { id: true, locale: true, phoneFactor: { select: { phone: true, verifiedAt: true } } },
    }),
  ]);
  if (!policy.allowSmsPasswordReset || !tenant) return "disabled";
  const phone = user?.phoneFactor?.verifiedAt ? user.phoneFactor.phone : null;
  const usernameKey = usernameKeyOf(tenantId, username);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");

  const created = await tenantDb(tenantId).$transaction(async (tx) => {
    // One request at a time per username, so two clicks can't both slip past the cooldown.
    await tx.$tenantExecute((tenant) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended('sms-reset:' || ${tenant} || ':' || ${usernameKey}, 0))`);
    const latest = await tx.smsPasswordReset.findFirst({
      where: { tenantId, usernameKey },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { createdAt: true },
    });
    if (latest && now.getTime() - latest.createdAt.getTime() < SMS_RESET_RESEND_AFTER_SECONDS * 1000) return { outcome: "cooldown" as const };
    const perAddress = await hitRateLimit(`sms-reset-ip:${input.ip ?? "unknown"}`, SMS_RESET_IP_LIMIT.limit, SMS_RESET_IP_LIMIT.windowSeconds, now);
    if (!perAddress.allowed) return { outcome: "ip-limit" as const };
    let outcome: SmsResetRequestOutcome = "no-account";
    if (user && phone) {
      const perNumber = await hitRateLimit(`sms-number:${phone}`, SMS_NUMBER_LIMIT.limit, SMS_NUMBER_LIMIT.windowSeconds, now);
      const perWorkspace = perNumber.allowed
        ? await hitRateLimit(`sms-workspace:${tenantId}`, SMS_WORKSPACE_LIMIT.limit, SMS_WORKSPACE_LIMIT.windowSeconds, now)
        : null;
      outcome = !perNumber.allowed ? "number-limit" : !perWorkspace?.allowed ? "workspace-limit" : "sent";
    }
    // A new request replaces the earlier code, for real and unknown usernames alike.
    await tx.smsPasswordReset.updateMany({ where: { tenantId, usernameKey, usedAt: null }, data: { usedAt: now } });
    const row = await tx.smsPasswordReset.create({
      data: {
        tenantId,
        usernameKey,
        // Only a row whose code was texted can ever be completed.
        userId: outcome === "sent" ? user!.id : null,
        phone: outcome === "sent" ? phone : null,
        codeHash: hashResetCode(tenantId, usernameKey, code),
        expiresAt: new Date(now.getTime() + SMS_RESET_CODE_TTL_SECONDS * 1000),
        createdAt: now,
        ip: input.ip?.slice(0, 64) ?? null,
      },
      select: { id: true },
    });
    return { outcome, id: row.id };
  });
  if (created.outcome !== "sent") return created.outcome;

  try {
    await sendSms({ to: phone!, body: smsText(code, tenant.name, user!.locale), tenantId }, { transport: options.transport });
  } catch (error) {
    // Nobody received this code: drop it, so the member can ask again at once.
    await db.smsPasswordReset.deleteMany({ where: { tenantId, id: created.id } });
    logError("sms-password-reset:send", error);
    return "provider";
  }
  await recordAuditEvent({
    tenantId,
    type: "password.reset_requested",
    actorUserId: null,
    targetUserId: user!.id,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { via: "sms" },
  });
  return "sent";
}

// ── 2. Checking the code ────────────────────────────────────────────────────────────────────────

export type SmsResetCodeResult =
  | { ok: true; ticket: string }
  | { ok: false; reason: "invalid" | "expired" | "too-many-attempts" | "no-code" | "disabled" };

/**
 * Checks the code typed for a username and, when right, uses it up and returns the ticket for the
 * new password. Looks only at the newest request for that username in this workspace (another
 * workspace's code is not there). Each try counts before the comparison, so concurrent guesses
 * can't exceed the limit. Answers the same for every username: a request for somebody unknown has
 * a row too, whose code nobody knows.
 */
export async function checkSmsResetCode(input: { tenantId: string; username: string; code: string; now?: Date }): Promise<SmsResetCodeResult> {
  const now = input.now ?? new Date();
  const { tenantId } = input;
  if (!(await smsPasswordResetEnabled(tenantId))) return { ok: false, reason: "disabled" };
  const usernameKey = usernameKeyOf(tenantId, normaliseUsername(input.username));
  const db = tenantDb(tenantId);
  const latest = await db.smsPasswordReset.findFirst({ where: { tenantId, usernameKey }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!latest || latest.usedAt) return { ok: false, reason: "no-code" };
  if (latest.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (latest.attempts >= SMS_RESET_CODE_MAX_ATTEMPTS) return { ok: false, reason: "too-many-attempts" };

  const [counted] = await db.smsPasswordReset.updateManyAndReturn({
    where: { tenantId, id: latest.id, usedAt: null, attempts: { lt: SMS_RESET_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  if (!counted) return { ok: false, reason: "too-many-attempts" };

  const typed = input.code.replace(/[\s-]/g, "");
  const expected = Buffer.from(latest.codeHash, "hex");
  const actual = Buffer.from(/^\d{6}$/.test(typed) ? hashResetCode(tenantId, usernameKey, typed) : "00".repeat(32), "hex");
  if (!timingSafeEqual(expected, actual) || !latest.userId) {
    return { ok: false, reason: counted.attempts >= SMS_RESET_CODE_MAX_ATTEMPTS ? "too-many-attempts" : "invalid" };
  }
  const ticket = generateToken(32);
  const used = await db.smsPasswordReset.updateMany({
    where: { tenantId, id: latest.id, usedAt: null },
    data: { usedAt: now, ticketHash: hashToken(ticket), ticketExpiresAt: new Date(now.getTime() + SMS_RESET_TICKET_TTL_MS) },
  });
  return used.count === 1 ? { ok: true, ticket } : { ok: false, reason: "no-code" };
}

// ── 3. The new password ─────────────────────────────────────────────────────────────────────────

export type ExtraProofNeed = {
  /** Whether the new password needs one more proof besides the phone. */
  required: boolean;
  /** What the member can give (only meaningful when required). */
  offered: ExtraProof[];
  /** A forced reset is owed: only the emailed link will do. */
  resetByEmailRequired: boolean;
};

/**
 * Whether, after this reset, the phone would be all that protects the account: true unless the
 * workspace doesn't take SMS as a second factor and the member has another allowed factor that
 * sign-in will ask for. The offered proofs are what the member actually has: recovery codes left,
 * a confirmed authenticator app, and always the emailed link. A passkey is not offered here: the
 * member who has one can sign in with it and change the password from the security page.
 */
export async function extraProofFor(tenantId: string, userId: string): Promise<ExtraProofNeed> {
  const [enrolled, policy, user, recoveryCodesLeft] = await Promise.all([
    listEnrolledFactors(tenantId, userId),
    getMfaPolicy(tenantId),
    tenantDb(tenantId).user.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: userId } }, select: { passwordResetRequired: true } }),
    countUnusedRecoveryCodes(tenantId, userId),
  ]);
  if (user.passwordResetRequired) return { required: true, offered: ["email-link"], resetByEmailRequired: true };
  const allowed = filterByPolicy(enrolled, policy);
  const otherFactor = allowed.totp || allowed.passkeys > 0 || allowed.emailCode;
  const phoneStandsAlone = allowed.phone !== null || !otherFactor;
  const offered: ExtraProof[] = [];
  if (recoveryCodesLeft > 0) offered.push("recovery-code");
  if (enrolled.totp) offered.push("totp");
  offered.push("email-link");
  return { required: phoneStandsAlone, offered, resetByEmailRequired: false };
}

async function findTicket(slug: string, ticket: string) {
  if (ticket.length < 16 || ticket.length > 100 || !/^[A-Za-z0-9_-]+$/.test(ticket) || !slug || slug.length > 40) return null;
  // The ticket carries no workspace: looked up unscoped, then held to the address's workspace.
  const row = await unsafeFindSmsPasswordResetTicket(hashToken(ticket));
  // Another workspace's ticket is not a ticket here; nor is one whose member was deactivated since.
  if (!row || row.tenant.slug !== slug || !row.user || row.user.status !== "ACTIVE") return null;
  return { ...row, user: row.user };
}

function ticketProblem(row: { completedAt: Date | null; ticketExpiresAt: Date | null }, now: Date): TokenProblem | null {
  if (row.completedAt) return "used";
  if (!row.ticketExpiresAt || row.ticketExpiresAt <= now) return "expired";
  return null;
}

export type SmsResetTicketLookup =
  | {
      status: "valid";
      email: string;
      policy: PasswordPolicy;
      context: PasswordContext;
      proof: ExtraProofNeed;
      /** The extra proof was already given on this ticket (a refused password doesn't ask again). */
      proofGiven: boolean;
    }
  | { status: TokenProblem };

/** What the new-password step shows for a ticket: the form (policy, extra proof) or why not. */
export async function lookUpSmsResetTicket(slug: string, ticket: string, now = new Date()): Promise<SmsResetTicketLookup> {
  const row = await findTicket(slug, ticket);
  if (!row) return { status: "unknown" };
  const problem = ticketProblem(row, now);
  if (problem) return { status: problem };
  const [{ context }, policyRow, proof] = await Promise.all([
    passwordContextOf(row.tenantId, row.user.id),
    getSecurityPolicy(row.tenantId),
    extraProofFor(row.tenantId, row.user.id),
  ]);
  return { status: "valid", email: row.user.email, policy: policyFromSecurityPolicy(policyRow), context, proof, proofGiven: Boolean(row.proofAt) };
}

export type CompleteSmsResetResult =
  | { ok: true }
  | { ok: false; reason: TokenProblem | "disabled" | "proof-required" | "proof-invalid" | "proof-too-many-attempts" | "reset-by-email-required" }
  | { ok: false; reason: "password"; problems: PasswordProblem[] };

/**
 * Sets the new password with a ticket. When extraProofFor says so, a recovery code or an
 * authenticator-app code must come too (5 wrong ones burn the ticket); once given it holds for the
 * ticket, so a password the policy refuses doesn't spend a second recovery code. Single use; on
 * success everything afterPasswordReset does happens. No session is created: the member signs in
 * with the new password and their second factor as usual.
 */
export async function completeSmsPasswordReset(input: {
  slug: string;
  ticket: string;
  newPassword: string;
  proof?: { kind: "recovery-code" | "totp"; code: string } | null;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
  defer?: Deferred;
}): Promise<CompleteSmsResetResult> {
  const now = input.now ?? new Date();
  const row = await findTicket(input.slug, input.ticket);
  if (!row) return { ok: false, reason: "unknown" };
  const problem = ticketProblem(row, now);
  if (problem) return { ok: false, reason: problem };
  const { tenantId } = row;
  const db = tenantDb(tenantId);
  const userId = row.user.id;
  if (!(await smsPasswordResetEnabled(tenantId))) return { ok: false, reason: "disabled" };

  const need = await extraProofFor(tenantId, userId);
  if (need.resetByEmailRequired) return { ok: false, reason: "reset-by-email-required" };
  if (need.required && !row.proofAt) {
    const proof = input.proof;
    if (!proof || !proof.code.trim() || !need.offered.includes(proof.kind)) return { ok: false, reason: "proof-required" };
    // Counted before checking, so concurrent guesses can't exceed the limit.
    const [counted] = await db.smsPasswordReset.updateManyAndReturn({
      where: { tenantId, id: row.id, completedAt: null, proofAttempts: { lt: SMS_RESET_PROOF_MAX_ATTEMPTS } },
      data: { proofAttempts: { increment: 1 } },
      select: { proofAttempts: true },
    });
    if (!counted) return { ok: false, reason: "proof-too-many-attempts" };
    const right =
      proof.kind === "recovery-code"
        ? await consumeRecoveryCode(tenantId, userId, proof.code, now)
        : (await verifyTotpForUser(tenantId, userId, proof.code, now)) === "ok";
    if (!right) {
      if (counted.proofAttempts >= SMS_RESET_PROOF_MAX_ATTEMPTS) {
        await db.smsPasswordReset.updateMany({ where: { tenantId, id: row.id }, data: { ticketExpiresAt: now } });
        return { ok: false, reason: "proof-too-many-attempts" };
      }
      return { ok: false, reason: "proof-invalid" };
    }
    await db.smsPasswordReset.updateMany({ where: { tenantId, id: row.id }, data: { proofAt: now, proofKind: proof.kind } });
    row.proofKind = proof.kind;
  }

  // One conditional UPDATE claims the ticket: of two concurrent submissions exactly one wins.
  const claimed = await db.smsPasswordReset.updateMany({
    where: { tenantId, id: row.id, completedAt: null, ticketExpiresAt: { gt: now } },
    data: { completedAt: now },
  });
  if (claimed.count !== 1) return { ok: false, reason: "used" };
  const release = () => db.smsPasswordReset.updateMany({ where: { tenantId, id: row.id, completedAt: now }, data: { completedAt: null } });
  const result = await setPasswordOrRelease({ tenantId, userId, newPassword: input.newPassword, now }, release);
  // Refused: the ticket stays usable, with the proof already given, so the member tries another password.
  if (!result.ok) return { ok: false, reason: "password", problems: result.problems };
  const via = { sms: need.required ? ((row.proofKind as "recovery-code" | "totp" | null) ?? null) : null };
  await afterPasswordReset({ tenant: row.tenant, user: row.user, via, ip: input.ip, userAgent: input.userAgent, now, defer: input.defer });
  return { ok: true };
}

export type EmailLinkInsteadResult = { ok: true; email: string } | { ok: false; reason: TokenProblem | "rate-limited" };

/**
 * The extra proof by email: the ticket ends and the ordinary 30-minute reset link goes to the
 * account's own address (the emailed reset on its own, as the forgot-password page sends it;
 * within the same per-member limit). The member finishes there, so whoever holds only the phone
 * gets no further. Returns the address, masked, for the "check your email" message.
 */
export async function emailResetLinkInstead(input: { slug: string; ticket: string; ip: string | null; userAgent: string | null; now?: Date }): Promise<EmailLinkInsteadResult> {
  const now = input.now ?? new Date();
  const row = await findTicket(input.slug, input.ticket);
  if (!row) return { ok: false, reason: "unknown" };
  const problem = ticketProblem(row, now);
  if (problem) return { ok: false, reason: problem };
  // The forgot-password page's per-member limit counts these emails too; when reached, the ticket stays.
  const limit = await hitRateLimit(`password-reset:${row.tenantId}:${row.user.id}`, RESET_EMAIL_LIMIT.limit, RESET_EMAIL_LIMIT.windowSeconds, now);
  if (!limit.allowed) return { ok: false, reason: "rate-limited" };
  const claimed = await tenantDb(row.tenantId).smsPasswordReset.updateMany({
    where: { tenantId: row.tenantId, id: row.id, completedAt: null },
    data: { completedAt: now },
  });
  if (claimed.count !== 1) return { ok: false, reason: "used" };
  const meta: Meta = { ip: input.ip, userAgent: input.userAgent };
  await issueResetLink({ tenant: row.tenant, user: row.user, reason: "requested", ...meta, now });
  return { ok: true, email: maskEmail(row.user.email) };
}

/** "o•••@demo.relay-crm.test": enough to know which mailbox to open. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
