import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SecurityPolicy } from "@/lib/generated/prisma/client";

// Lockout bookkeeping per workspace and username. Unknown usernames are counted and locked
// exactly like real ones, so neither the answer nor its timing tells them apart.

/** "Locked until an admin unlocks" is stored as a lock that never runs out by itself. */
export const UNTIL_ADMIN_UNLOCKS = new Date("9999-12-31T00:00:00Z");

export function throttleKey(userId: string | null, normalizedUsername: string): string {
  return userId ? `user:${userId}` : `name:${normalizedUsername.slice(0, 254)}`;
}

export type ThrottleState = {
  /** null when not locked; UNTIL_ADMIN_UNLOCKS when only an admin (or a reset) can lift it. */
  lockedUntil: Date | null;
  failures: number;
  captchaRequired: boolean;
};

type LockoutPolicy = Pick<
  SecurityPolicy,
  "captchaAfterFailures" | "lockoutThreshold" | "lockoutWindowMinutes" | "lockoutDurationMinutes" | "lockoutMaxMinutes" | "lockoutMode"
>;

function failuresInWindow(row: { failures: number; windowStart: Date }, policy: LockoutPolicy, now: Date) {
  return row.windowStart.getTime() + policy.lockoutWindowMinutes * 60_000 > now.getTime() ? row.failures : 0;
}

export async function readThrottle(tenantId: string, key: string, policy: LockoutPolicy, now = new Date()): Promise<ThrottleState> {
  const row = await tenantDb(tenantId).signInThrottle.findUnique({ where: { tenantId_usernameKey: { tenantId, usernameKey: key } } });
  if (!row) return { lockedUntil: null, failures: 0, captchaRequired: false };
  const failures = failuresInWindow(row, policy, now);
  const lockedUntil = row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  return { lockedUntil, failures, captchaRequired: failures >= policy.captchaAfterFailures };
}

/** How long the n-th lockout lasts: the base duration, doubling each time, capped. */
export function lockoutMinutes(policy: LockoutPolicy, lockNumber: number): number {
  const doubled = policy.lockoutDurationMinutes * 2 ** Math.min(Math.max(lockNumber - 1, 0), 20);
  return Math.min(doubled, policy.lockoutMaxMinutes);
}

/** Counts a failed attempt; returns the new state and whether this attempt caused a lock. */
export async function recordSignInFailure(
  tenantId: string,
  key: string,
  policy: LockoutPolicy,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<ThrottleState & { lockedNow: boolean; lockCount: number }> {
  const db = tenantDb(tenantId);
  return db.$transaction(async (tx) => {
    await tx.signInThrottle.createMany({ data: [{ tenantId, usernameKey: key, windowStart: now }], skipDuplicates: true });
    // Row lock: concurrent failures for one username are counted one after another, never lost.
    await tx.$tenantQuery((tenant) => Prisma.sql`SELECT 1 FROM "SignInThrottle" WHERE "tenantId" = ${tenant} AND "usernameKey" = ${key} FOR UPDATE`);
    const row = await tx.signInThrottle.findUniqueOrThrow({ where: { tenantId_usernameKey: { tenantId, usernameKey: key } } });
    const inWindow = failuresInWindow(row, policy, now) > 0;
    let failures = (inWindow ? row.failures : 0) + 1;
    const windowStart = inWindow ? row.windowStart : now;
    let lockedUntil = row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
    let lockCount = row.lockCount;
    let lockedNow = false;
    if (!lockedUntil && failures >= policy.lockoutThreshold) {
      lockCount += 1;
      lockedUntil =
        policy.lockoutMode === "ADMIN_UNLOCK" ? UNTIL_ADMIN_UNLOCKS : new Date(now.getTime() + lockoutMinutes(policy, lockCount) * 60_000);
      lockedNow = true;
      failures = 0;
    }
    await tx.signInThrottle.update({
      where: { tenantId_usernameKey: { tenantId, usernameKey: key } },
      data: {
        failures,
        windowStart,
        lockedUntil,
        lockCount,
        lastFailureAt: now,
        lastIp: meta.ip?.slice(0, 64) ?? null,
        lastUserAgent: meta.userAgent?.slice(0, 512) ?? null,
      },
    });
    return {
      lockedUntil,
      failures,
      lockCount,
      lockedNow,
      captchaRequired: lockedNow || failures >= policy.captchaAfterFailures,
    };
  });
}

/** A successful sign-in (or a password reset, or an admin's unlock) starts from zero. */
export async function clearSignInThrottle(tenantId: string, key: string): Promise<boolean> {
  const result = await tenantDb(tenantId).signInThrottle.deleteMany({ where: { tenantId, usernameKey: key } });
  return result.count > 0;
}

export type LockedMember = { userId: string; lockedUntil: Date; lastFailureAt: Date | null; lastIp: string | null };

/** Members whose sign-in is locked right now, for the admins' members page. */
export async function listLockedMembers(tenantId: string, now = new Date()): Promise<LockedMember[]> {
  const rows = await tenantDb(tenantId).signInThrottle.findMany({
    where: { tenantId, usernameKey: { startsWith: "user:" }, lockedUntil: { gt: now } },
  });
  return rows.map((row) => ({
    userId: row.usernameKey.slice("user:".length),
    lockedUntil: row.lockedUntil!,
    lastFailureAt: row.lastFailureAt,
    lastIp: row.lastIp,
  }));
}
