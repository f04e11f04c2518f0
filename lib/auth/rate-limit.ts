import "server-only";
import { systemDb } from "@/lib/db/prisma";

// Fixed-window counters in PostgreSQL, so every app server behind the load balancer counts
// together. One round trip per hit: an upsert that returns the new count.

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hitRateLimit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const expiresAt = new Date(windowStart.getTime() + windowMs);
  const rows = await systemDb().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count", "expiresAt")
    VALUES (${key}, ${windowStart}, 1, ${expiresAt})
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  if (Math.random() < 0.01) {
    // Expired windows are dead weight; sweep them now and then rather than on a schedule.
    await systemDb().rateLimitCounter.deleteMany({ where: { expiresAt: { lt: now } } });
  }
  return {
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** The current count without adding to it. */
export async function peekRateLimit(key: string, windowSeconds: number, now = new Date()): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await systemDb().rateLimitCounter.findUnique({ where: { key_windowStart: { key, windowStart } } });
  return row?.count ?? 0;
}

/** Per-IP ceiling on sign-in-like requests across all usernames and workspaces (credential stuffing). */
export const AUTH_IP_LIMIT = {
  limit: Number(process.env.AUTH_IP_LIMIT_PER_MINUTE ?? 30),
  windowSeconds: 60,
};

/** Failed sign-ins from one IP that make the captcha appear for everyone signing in from it. */
export const CAPTCHA_IP_FAILURES = { threshold: 5, windowSeconds: 15 * 60 };
