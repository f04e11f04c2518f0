import "server-only";
import { cookies } from "next/headers";
import { tenantDb } from "@/lib/db/tenant-db";
import { isHttpsDeployment } from "@/lib/config";
import { generateToken, hashToken } from "./tokens";

// "Remember this device for 30 days": after a second factor, the browser gets a random token (the
// database keeps only its SHA-256, bound to one member of one workspace). A later sign-in of that
// member from that browser skips the second factor while the token is unexpired, unrevoked and the
// workspace still allows remembering. The cookie can hold tokens of a few members (people who use
// several workspaces in one browser); each is only ever checked against its own row.

export const REMEMBER_DEVICE_DAYS = 30;
const REMEMBER_MS = REMEMBER_DEVICE_DAYS * 24 * 60 * 60_000;
const MAX_TOKENS_PER_COOKIE = 5;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function rememberCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_mfa_remember" : "relay_mfa_remember";
}

function rememberCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, secure: isHttpsDeployment(), path: "/", maxAge: REMEMBER_MS / 1000 };
}

/** The well-formed tokens in a cookie value (anything else is ignored). */
export function parseRememberCookie(value: string | undefined | null): string[] {
  if (!value || value.length > 300) return [];
  return value.split(".").filter((part) => TOKEN_PATTERN.test(part)).slice(0, MAX_TOKENS_PER_COOKIE);
}

/** This browser's remember-device tokens (call where cookies are readable). */
export async function readRememberedDeviceTokens(): Promise<string[]> {
  return parseRememberCookie((await cookies()).get(rememberCookieName())?.value);
}

/**
 * The remembered device among `tokens` that is valid for this member right now, or null. Does not
 * check whether the workspace allows remembering: the caller decides that from the policy.
 */
export async function findRememberedDevice(
  input: { tenantId: string; userId: string; tokens: readonly string[] },
  now = new Date(),
): Promise<{ id: string } | null> {
  if (input.tokens.length === 0) return null;
  const row = await tenantDb(input.tenantId).rememberedDevice.findFirst({
    where: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: { in: input.tokens.map(hashToken) },
      revokedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true },
  });
  return row;
}

export async function markRememberedDeviceUsed(tenantId: string, id: string, now = new Date()) {
  await tenantDb(tenantId).rememberedDevice.updateMany({ where: { tenantId, id }, data: { lastUsedAt: now } });
}

/** Creates a remembered device; returns the token for the cookie. */
export async function createRememberedDevice(
  input: { tenantId: string; userId: string; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const token = generateToken(32);
  await tenantDb(input.tenantId).rememberedDevice.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + REMEMBER_MS),
    },
  });
  return token;
}

/** Adds a token to this browser's cookie (keeping a few others, newest first). */
export async function addRememberedDeviceCookie(token: string) {
  const store = await cookies();
  const others = parseRememberCookie(store.get(rememberCookieName())?.value).filter((t) => t !== token);
  store.set(rememberCookieName(), [token, ...others].slice(0, MAX_TOKENS_PER_COOKIE).join("."), rememberCookieOptions());
}

export type RememberedDeviceRow = { id: string; userAgent: string | null; ip: string | null; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date; current: boolean };

/** A member's live remembered devices, newest first; `current` marks this browser's. */
export async function listRememberedDevices(tenantId: string, userId: string, currentTokens: readonly string[] = [], now = new Date()): Promise<RememberedDeviceRow[]> {
  const hashes = new Set(currentTokens.map(hashToken));
  const rows = await tenantDb(tenantId).rememberedDevice.findMany({
    where: { tenantId, userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    current: hashes.has(row.tokenHash),
  }));
}

/** Revokes one of the member's remembered devices (only their own). Returns whether one was revoked. */
export async function revokeRememberedDevice(tenantId: string, userId: string, id: string, now = new Date()): Promise<boolean> {
  const result = await tenantDb(tenantId).rememberedDevice.updateMany({ where: { tenantId, userId, id, revokedAt: null }, data: { revokedAt: now } });
  return result.count > 0;
}

/** Revokes all of a member's remembered devices: on "forget all", a factor reset, a password reset. */
export async function revokeAllRememberedDevices(tenantId: string, userId: string, now = new Date()): Promise<number> {
  const result = await tenantDb(tenantId).rememberedDevice.updateMany({ where: { tenantId, userId, revokedAt: null }, data: { revokedAt: now } });
  return result.count;
}
