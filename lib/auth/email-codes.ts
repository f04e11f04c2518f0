import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { tenantDb } from "@/lib/db/tenant-db";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendEmail, type SendEmailOptions } from "@/lib/email/send-email";
import { isLocale } from "@/lib/i18n/locales";
import { logError } from "@/lib/log";
import { hitRateLimit } from "./rate-limit";
import { mfaSubkey } from "./secret-box";

// Six-digit codes sent to the member's own email address: as a second factor at sign-in, to
// re-verify before a sensitive change, and to prove the mailbox works when turning them on. A code
// is valid for 10 minutes (mail is slower than SMS) and 5 tries (the fifth wrong try burns it),
// single use, and a new one replaces the earlier one after a 60-second wait. Stored as an HMAC under
// a server key of its own: a bare hash of 6 digits is reversed by trying a million values. Like
// sms-codes.ts these functions don't move the sign-in lockout; the sign-in step does.

export type EmailCodePurpose = "enable" | "sign-in" | "reverify";
export const EMAIL_CODE_PURPOSES: readonly EmailCodePurpose[] = ["enable", "sign-in", "reverify"];

export const EMAIL_CODE_TTL_SECONDS = 10 * 60;
export const EMAIL_CODE_MAX_ATTEMPTS = 5;
export const EMAIL_RESEND_AFTER_SECONDS = 60;
/** Code emails to one member per hour: a stolen password must not turn the app into a mail bomb. */
export const EMAIL_CODE_MEMBER_LIMIT = { limit: 10, windowSeconds: 60 * 60 };

export type SendEmailCodeResult =
  | { ok: true; resendAfterSeconds: number }
  | { ok: false; reason: "cooldown"; retryAfterSeconds: number }
  | { ok: false; reason: "member-limit" | "provider" };

export type EmailCodeVerdict = "ok" | "invalid" | "expired" | "too-many-attempts" | "no-code";

function hashEmailCode(tenantId: string, userId: string, purpose: EmailCodePurpose, code: string): string {
  return createHmac("sha256", mfaSubkey("email-code"))
    .update(`${tenantId}\u0000${userId}\u0000${purpose}\u0000${code}`, "utf8")
    .digest("hex");
}

/**
 * Creates a code for the member and emails it to the member's own address (never to one given by
 * the caller). The code only counts once the email has gone out: if delivery fails it is deleted.
 */
export async function sendEmailCode(
  input: { tenantId: string; userId: string; purpose: EmailCodePurpose; ip: string | null; userAgent: string | null },
  options: { now?: Date; transport?: SendEmailOptions["transport"] } = {},
): Promise<SendEmailCodeResult> {
  const { tenantId, userId, purpose } = input;
  const now = options.now ?? new Date();
  if (!EMAIL_CODE_PURPOSES.includes(purpose)) throw new Error(`Unknown email code purpose: ${String(purpose)}`);
  const user = await tenantDb(tenantId).user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { email: true, locale: true, tenant: { select: { name: true } } },
  });
  if (!user) throw new Error("sendEmailCode needs a member of the workspace");
  const db = tenantDb(tenantId);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const created = await db.$transaction(async (tx) => {
    // One sender at a time per member, so two clicks can't both slip past the cooldown.
    await tx.$tenantExecute((tenant) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended('email-code:' || ${tenant} || ':' || ${userId}, 0))`);
    const latest = await tx.emailCode.findFirst({
      where: { userId, purpose },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { createdAt: true },
    });
    if (latest) {
      const elapsedSeconds = (now.getTime() - latest.createdAt.getTime()) / 1000;
      if (elapsedSeconds < EMAIL_RESEND_AFTER_SECONDS) {
        return { ok: false as const, reason: "cooldown" as const, retryAfterSeconds: Math.max(1, Math.ceil(EMAIL_RESEND_AFTER_SECONDS - elapsedSeconds)) };
      }
    }
    const perMember = await hitRateLimit(`email-code:${tenantId}:${userId}`, EMAIL_CODE_MEMBER_LIMIT.limit, EMAIL_CODE_MEMBER_LIMIT.windowSeconds, now);
    if (!perMember.allowed) return { ok: false as const, reason: "member-limit" as const };
    // A new code replaces any earlier one for the same purpose.
    await tx.emailCode.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
    const row = await tx.emailCode.create({
      data: {
        tenantId,
        userId,
        purpose,
        codeHash: hashEmailCode(tenantId, userId, purpose, code),
        expiresAt: new Date(now.getTime() + EMAIL_CODE_TTL_SECONDS * 1000),
        createdAt: now,
      },
      select: { id: true },
    });
    return { ok: true as const, id: row.id };
  });
  if (!created.ok) return created;

  try {
    await sendEmail(
      {
        to: user.email,
        locale: isLocale(user.locale) ? user.locale : "en",
        tenantId,
        template: {
          name: "email-code",
          data: { workspaceName: user.tenant.name, code, purpose, minutes: EMAIL_CODE_TTL_SECONDS / 60, requestedAt: now, ip: input.ip, device: input.userAgent },
        },
      },
      { transport: options.transport },
    );
  } catch (error) {
    // Nobody received this code: drop it, so the member can ask again at once.
    await db.emailCode.deleteMany({ where: { id: created.id } });
    logError("email-codes:send", error);
    return { ok: false, reason: "provider" };
  }
  return { ok: true, resendAfterSeconds: EMAIL_RESEND_AFTER_SECONDS };
}

/**
 * Checks a code and uses it up. Looks only at the member's newest code for this purpose in this
 * workspace (a code from another workspace or for another member is simply not there). Each try
 * counts before the comparison, so concurrent guesses can't exceed the limit.
 */
export async function verifyEmailCode(input: { tenantId: string; userId: string; purpose: EmailCodePurpose; code: string; now?: Date }): Promise<EmailCodeVerdict> {
  const { tenantId, userId, purpose } = input;
  const now = input.now ?? new Date();
  const db = tenantDb(tenantId);
  const latest = await db.emailCode.findFirst({ where: { userId, purpose }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!latest || latest.usedAt) return "no-code";
  if (latest.expiresAt.getTime() <= now.getTime()) return "expired";
  if (latest.attempts >= EMAIL_CODE_MAX_ATTEMPTS) return "too-many-attempts";

  const [counted] = await db.emailCode.updateManyAndReturn({
    where: { id: latest.id, usedAt: null, attempts: { lt: EMAIL_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  if (!counted) return "too-many-attempts";

  const typed = input.code.replace(/[\s-]/g, "");
  const expected = Buffer.from(latest.codeHash, "hex");
  const actual = Buffer.from(/^\d{6}$/.test(typed) ? hashEmailCode(tenantId, userId, purpose, typed) : "00".repeat(32), "hex");
  if (!timingSafeEqual(expected, actual)) return counted.attempts >= EMAIL_CODE_MAX_ATTEMPTS ? "too-many-attempts" : "invalid";
  const used = await db.emailCode.updateMany({ where: { id: latest.id, usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? "ok" : "no-code";
}
