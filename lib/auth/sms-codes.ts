import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { Prisma } from "@/lib/generated/prisma/client";
import { translatorFor } from "@/lib/i18n/translator";
import { logError } from "@/lib/log";
import { sendSms } from "@/lib/sms/send-sms";
import type { SmsTransport } from "@/lib/sms/types";
import { hitRateLimit } from "./rate-limit";
import { mfaSubkey } from "./secret-box";

// Six-digit codes sent by SMS: to verify a phone number, as a second factor at sign-in, and to
// re-verify before a sensitive change. A code is valid for 5 minutes and 5 tries (the fifth wrong
// try burns it), a new one can be requested after 60 seconds (which replaces the earlier one),
// and sending is limited per number (texts cost money and can be used to harass) and per workspace.
// Codes are stored as an HMAC under a server key: a bare SHA-256 of 6 digits is reversed by trying
// a million values. These functions do not move the sign-in lockout counters; the sign-in step does.

export type SmsCodePurpose = "verify-phone" | "sign-in" | "reverify";
export const SMS_CODE_PURPOSES: readonly SmsCodePurpose[] = ["verify-phone", "sign-in", "reverify"];

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_AFTER_SECONDS = 60;
/** Texts to one number per hour, across workspaces (toll fraud and harassment). */
export const SMS_NUMBER_LIMIT = { limit: 5, windowSeconds: 60 * 60 };
/** Texts one workspace may send per hour. */
export const SMS_WORKSPACE_LIMIT = { limit: 200, windowSeconds: 60 * 60 };

export type SendSmsCodeResult =
  | { ok: true; resendAfterSeconds: number }
  | { ok: false; reason: "cooldown"; retryAfterSeconds: number }
  | { ok: false; reason: "number-limit" | "workspace-limit" | "provider" };

export type SmsCodeVerdict = "ok" | "invalid" | "expired" | "too-many-attempts" | "no-code";

function hashSmsCode(tenantId: string, userId: string, purpose: SmsCodePurpose, code: string): string {
  return createHmac("sha256", mfaSubkey("sms-code"))
    .update(`${tenantId}\u0000${userId}\u0000${purpose}\u0000${code}`, "utf8")
    .digest("hex");
}

function smsBody(purpose: SmsCodePurpose, code: string, workspaceName: string, locale: string): string {
  const { t } = translatorFor(locale);
  const key = purpose === "verify-phone" ? "mfa.smsText.verifyPhone" : purpose === "sign-in" ? "mfa.smsText.signIn" : "mfa.smsText.reverify";
  // Loosely typed: the keys live in this area's file (messages/<locale>/mfa.json).
  return (t as unknown as (key: string, values: Record<string, string | number>) => string)(key, {
    code,
    workspace: workspaceName,
    minutes: SMS_CODE_TTL_SECONDS / 60,
  });
}

/**
 * Creates a code for the member and texts it to `phone` (E.164). For "sign-in" and "reverify" the
 * number must be the member's verified phone. The code only counts once the text has gone out:
 * if the provider refuses it, the code is deleted and "provider" is returned.
 */
export async function sendSmsCode(
  input: { tenantId: string; userId: string; phone: string; purpose: SmsCodePurpose; locale: string },
  options: { now?: Date; transport?: SmsTransport } = {},
): Promise<SendSmsCodeResult> {
  const { tenantId, userId, phone, purpose } = input;
  const now = options.now ?? new Date();
  if (!SMS_CODE_PURPOSES.includes(purpose)) throw new Error(`Unknown SMS code purpose: ${String(purpose)}`);
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) throw new Error("sendSmsCode needs an E.164 phone number");
  const db = tenantDb(tenantId);

  if (purpose !== "verify-phone") {
    const factor = await db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
    if (!factor?.verifiedAt || factor.phone !== phone) throw new Error("SMS sign-in codes go only to the member's verified phone");
  }

  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const created = await db.$transaction(async (tx) => {
    // One sender at a time per member, so two clicks can't both slip past the cooldown.
    await tx.$tenantExecute((tenant) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended('sms-code:' || ${tenant} || ':' || ${userId}, 0))`);
    const latest = await tx.smsCode.findFirst({
      where: { userId, purpose },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { createdAt: true },
    });
    if (latest) {
      const elapsedSeconds = (now.getTime() - latest.createdAt.getTime()) / 1000;
      if (elapsedSeconds < SMS_RESEND_AFTER_SECONDS) {
        return { ok: false as const, reason: "cooldown" as const, retryAfterSeconds: Math.max(1, Math.ceil(SMS_RESEND_AFTER_SECONDS - elapsedSeconds)) };
      }
    }
    const perNumber = await hitRateLimit(`sms-number:${phone}`, SMS_NUMBER_LIMIT.limit, SMS_NUMBER_LIMIT.windowSeconds, now);
    if (!perNumber.allowed) return { ok: false as const, reason: "number-limit" as const };
    const perWorkspace = await hitRateLimit(`sms-workspace:${tenantId}`, SMS_WORKSPACE_LIMIT.limit, SMS_WORKSPACE_LIMIT.windowSeconds, now);
    if (!perWorkspace.allowed) return { ok: false as const, reason: "workspace-limit" as const };
    // A new code replaces any earlier one for the same purpose.
    await tx.smsCode.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
    const row = await tx.smsCode.create({
      data: {
        tenantId,
        userId,
        phone,
        purpose,
        codeHash: hashSmsCode(tenantId, userId, purpose, code),
        expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
        createdAt: now,
      },
      select: { id: true },
    });
    return { ok: true as const, id: row.id };
  });
  if (!created.ok) return created;

  const tenant = await systemDb().tenant.findUnique({ where: { id: tenantId }, select: { name: true } });
  try {
    await sendSms({ to: phone, body: smsBody(purpose, code, tenant?.name ?? "", input.locale), tenantId }, { transport: options.transport });
  } catch (error) {
    // Nobody received this code: drop it, so the member can ask again at once.
    await db.smsCode.deleteMany({ where: { id: created.id } });
    logError("sms-codes:send", error);
    return { ok: false, reason: "provider" };
  }
  return { ok: true, resendAfterSeconds: SMS_RESEND_AFTER_SECONDS };
}

/**
 * Checks a code and uses it up. Looks only at the member's newest code for this purpose. Each try
 * counts before the comparison, so concurrent guesses can't exceed the limit.
 */
export async function verifySmsCode(input: {
  tenantId: string;
  userId: string;
  purpose: SmsCodePurpose;
  code: string;
  now?: Date;
}): Promise<SmsCodeVerdict> {
  return (await checkSmsCode(input)).verdict;
}

/** verifySmsCode, also returning the number the code was sent to (to record a verified phone). */
export async function checkSmsCode(input: {
  tenantId: string;
  userId: string;
  purpose: SmsCodePurpose;
  code: string;
  now?: Date;
}): Promise<{ verdict: SmsCodeVerdict; phone: string | null }> {
  const { tenantId, userId, purpose } = input;
  const now = input.now ?? new Date();
  const db = tenantDb(tenantId);
  const latest = await db.smsCode.findFirst({
    where: { userId, purpose },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!latest || latest.usedAt) return { verdict: "no-code", phone: null };
  if (latest.expiresAt.getTime() <= now.getTime()) return { verdict: "expired", phone: null };
  if (latest.attempts >= SMS_CODE_MAX_ATTEMPTS) return { verdict: "too-many-attempts", phone: null };

  const [counted] = await db.smsCode.updateManyAndReturn({
    where: { id: latest.id, usedAt: null, attempts: { lt: SMS_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  if (!counted) return { verdict: "too-many-attempts", phone: null };

  const typed = input.code.replace(/[\s-]/g, "");
  const expected = Buffer.from(latest.codeHash, "hex");
  const actual = Buffer.from(/^\d{6}$/.test(typed) ? hashSmsCode(tenantId, userId, purpose, typed) : "00".repeat(32), "hex");
  if (!timingSafeEqual(expected, actual)) {
    return { verdict: counted.attempts >= SMS_CODE_MAX_ATTEMPTS ? "too-many-attempts" : "invalid", phone: null };
  }
  const used = await db.smsCode.updateMany({ where: { id: latest.id, usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? { verdict: "ok", phone: latest.phone } : { verdict: "no-code", phone: null };
}
