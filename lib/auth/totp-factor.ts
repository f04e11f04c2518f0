import "server-only";
import { timingSafeEqual } from "node:crypto";
import { tenantDb } from "@/lib/db/tenant-db";
import { openSecret, sealSecret } from "./secret-box";
import { decodeTotpSecret, hotp, normaliseTotpCode, totpStep, TOTP_WINDOW } from "./totp";

// A member's authenticator-app factor: the sealed secret and the last 30-second step accepted.
// Every successful use moves lastUsedStep forward with a conditional update, so a code (or any
// code of an earlier step) is accepted at most once even when two servers check it at the same
// moment. These functions do not count failures: the sign-in step (lockout policy) does.

export type TotpVerdict = "ok" | "invalid" | "replayed" | "not-enrolled";

/** The associated data that binds a sealed secret to its member. */
export function totpSealContext(tenantId: string, userId: string): string {
  return `totp:${tenantId}:${userId}`;
}

export function sealTotpSecret(tenantId: string, userId: string, secret: string): string {
  return sealSecret(secret, totpSealContext(tenantId, userId));
}

export function openTotpSecret(tenantId: string, userId: string, sealed: string): string {
  return openSecret(sealed, totpSealContext(tenantId, userId));
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Which step in the window [t-1, t+1] the code belongs to, given the last step already used.
 * "replayed" when it matches only steps at or before lastUsedStep.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: bigint | null,
): { verdict: "ok"; step: bigint } | { verdict: "invalid" | "replayed" } {
  const typed = normaliseTotpCode(code);
  if (!typed) return { verdict: "invalid" };
  const key = decodeTotpSecret(secret);
  const current = totpStep(now);
  let matchedEarlier = false;
  for (let offset = -TOTP_WINDOW; offset <= TOTP_WINDOW; offset++) {
    const step = current + BigInt(offset);
    if (!sameCode(hotp(key, step), typed)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) {
      matchedEarlier = true;
      continue;
    }
    return { verdict: "ok", step };
  }
  return { verdict: matchedEarlier ? "replayed" : "invalid" };
}

/** Checks a code from the member's confirmed authenticator app and, if right, uses it up. */
export async function verifyTotpForUser(tenantId: string, userId: string, code: string, now: Date = new Date()): Promise<TotpVerdict> {
  const db = tenantDb(tenantId);
  const factor = await db.totpFactor.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!factor || !factor.confirmedAt) return "not-enrolled";
  const match = matchTotpStep(openTotpSecret(tenantId, userId, factor.secretSealed), code, now, factor.lastUsedStep);
  if (match.verdict !== "ok") return match.verdict;
  // Conditional on the step still being new: of two concurrent uses only one row update happens.
  const { count } = await db.totpFactor.updateMany({
    where: {
      userId,
      confirmedAt: { not: null },
      OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: match.step } }],
    },
    data: { lastUsedStep: match.step, lastUsedAt: now },
  });
  return count === 1 ? "ok" : "replayed";
}

export async function hasConfirmedTotp(tenantId: string, userId: string): Promise<boolean> {
  const factor = await tenantDb(tenantId).totpFactor.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: { confirmedAt: true },
  });
  return Boolean(factor?.confirmedAt);
}
