import "server-only";
import { createHash, randomInt } from "node:crypto";
import { tenantDb } from "@/lib/db/tenant-db";
import { hasAnySecondFactor, listEnrolledFactors } from "./second-factors";

// Ten single-use recovery codes per member, for when the authenticator app is lost. Each is 10
// characters of Crockford base32 (50 random bits), shown as "xxxxx-xxxxx"; the database keeps
// only SHA-256 of the normalised code: at 50 bits an offline guess costs 2^49 hashes on average
// for one code, and online guessing is limited by the sign-in lockout.

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 10;
// Crockford's alphabet: no I, L, O, U, so nothing reads as another symbol.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function randomCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A code as typed to its canonical form: case, spaces and dashes ignored, and the letters people
 * confuse with digits (o → 0, i/l → 1) mapped the way Crockford base32 does. Null when it cannot be a code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input
    .toLowerCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  if (compact.length !== CODE_LENGTH) return null;
  for (const ch of compact) if (!ALPHABET.includes(ch)) return null;
  return compact;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(`relay-recovery:${normalised}`, "utf8").digest("hex");
}

/** Replaces all of the member's recovery codes with ten new ones and returns them (shown once). */
export async function generateRecoveryCodes(tenantId: string, userId: string): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(randomCode());
  const list = [...codes];
  const db = tenantDb(tenantId);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({
      data: list.map((code) => ({ tenantId, userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!) })),
    }),
  ]);
  return list;
}

/**
 * Ten recovery codes for a member who has just added their first second factor of any kind
 * (authenticator app, phone, passkey, codes by email), returned to show once; null when they had
 * codes already (used or not: new ones are then the member's own decision on the security page).
 */
export async function issueRecoveryCodesForFirstFactor(tenantId: string, userId: string): Promise<string[] | null> {
  if ((await tenantDb(tenantId).recoveryCode.count({ where: { userId } })) > 0) return null;
  return generateRecoveryCodes(tenantId, userId);
}

/** Uses up one recovery code. True only for an unused code of this member; at most once, even concurrently. */
export async function consumeRecoveryCode(tenantId: string, userId: string, code: string, now: Date = new Date()): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return false;
  const { count } = await tenantDb(tenantId).recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalised), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}

export async function countUnusedRecoveryCodes(tenantId: string, userId: string): Promise<number> {
  return tenantDb(tenantId).recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * Recovery codes stand in for the member's second factors: when the last one goes (app, phone,
 * passkey, codes by email), so do they, and the next first factor comes with a fresh set.
 */
export async function deleteRecoveryCodesIfNoFactorLeft(tenantId: string, userId: string): Promise<void> {
  if (!hasAnySecondFactor(await listEnrolledFactors(tenantId, userId))) await deleteRecoveryCodes(tenantId, userId);
}

/** Deletes every recovery code of the member (when the authenticator app is switched off or reset). */
export async function deleteRecoveryCodes(tenantId: string, userId: string): Promise<void> {
  await tenantDb(tenantId).recoveryCode.deleteMany({ where: { userId } });
}
