import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeDeleteExpiredChallengesOfEveryWorkspace } from "@/lib/db/unsafe-unscoped";
import { generateToken } from "@/lib/auth/tokens";

// WebAuthn challenges live in PostgreSQL (any app server may receive the answer), are 256-bit
// random, expire after five minutes and are consumed by one conditional UPDATE, so a response
// can be verified at most once however many times it is sent.

export const CHALLENGE_TTL_MS = 5 * 60_000;

export type ChallengePurpose = "registration" | "authentication" | "second-factor";

export async function issueChallenge(input: { tenantId: string; userId: string | null; purpose: ChallengePurpose; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const challenge = generateToken(32);
  await tenantDb(input.tenantId).webAuthnChallenge.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      purpose: input.purpose,
      challenge,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
  });
  if (Math.random() < 0.02) {
    // Dead challenges are only clutter; sweep them now and then rather than on a schedule.
    await unsafeDeleteExpiredChallengesOfEveryWorkspace(new Date(now.getTime() - 60 * 60_000));
  }
  return challenge;
}

export type ChallengeProblem = "expired" | "used" | "unknown";

/**
 * Marks the challenge used if it belongs to this workspace, purpose and user, is unused and
 * unexpired. Returns null when it did, or why not. A challenge of another workspace, or one
 * issued for another purpose or member, is "unknown".
 */
export async function consumeChallenge(input: {
  tenantId: string;
  challenge: string;
  purpose: ChallengePurpose;
  /** The member the challenge was issued to (registration, second factor); null for a username-less sign-in. */
  userId: string | null;
  now?: Date;
}): Promise<ChallengeProblem | null> {
  const now = input.now ?? new Date();
  if (!input.challenge || input.challenge.length > 100) return "unknown";
  const db = tenantDb(input.tenantId);
  const where = { tenantId: input.tenantId, challenge: input.challenge, purpose: input.purpose, userId: input.userId };
  const claimed = await db.webAuthnChallenge.updateMany({ where: { ...where, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count === 1) return null;
  const row = await db.webAuthnChallenge.findFirst({ where });
  if (!row) return "unknown";
  return row.usedAt ? "used" : "expired";
}

/** When a challenge was handed out (used or not), to tell a race between two ceremonies from a copied passkey. */
export async function challengeIssuedAt(input: { tenantId: string; challenge: string }): Promise<Date | null> {
  if (!input.challenge || input.challenge.length > 100) return null;
  const row = await tenantDb(input.tenantId).webAuthnChallenge.findFirst({ where: { tenantId: input.tenantId, challenge: input.challenge }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}
