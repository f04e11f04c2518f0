import "server-only";
import { cookies } from "next/headers";
import { tenantDb } from "@/lib/db/tenant-db";
import { isHttpsDeployment } from "@/lib/config";
import { sendEmail } from "@/lib/email/send-email";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { describeUserAgent } from "@/lib/user-agent";
import { generateToken, hashToken } from "./tokens";
import { recordAuditEvent } from "./audit";
import { createNotMeToken, notMeUrl } from "./not-me";

// "New sign-in to <workspace>" alerts. Each browser gets a long-lived random cookie; the
// database keeps only its hash per member (KnownDevice). A sign-in from a browser this member
// hasn't used in 30 days is announced by email with a "This wasn't me" link
// (lib/auth/password-reset.ts, confirmNotMe), unless it is the member's very first sign-in.

/** A device not seen for this long is announced again. */
export const KNOWN_DEVICE_DAYS = 30;
const KNOWN_DEVICE_MS = KNOWN_DEVICE_DAYS * 24 * 60 * 60_000;
/** The longest lifetime browsers allow a cookie (Chrome caps Max-Age at 400 days). */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/**
 * `relay_device`; over HTTPS `__Host-relay_device`, like the session cookie: the prefix forces
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant a device id it knows (which
 * would let its own browser pass as the member's known device).
 */
export function deviceCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_device" : "relay_device";
}

export function deviceCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isHttpsDeployment(),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  };
}

/** generateToken(32) makes 43 base64url characters; anything else in the cookie is ignored. */
export function isDeviceToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** This browser's device id, or null when it has none (or a malformed one). */
export async function readDeviceToken(): Promise<string | null> {
  const value = (await cookies()).get(deviceCookieName())?.value;
  return isDeviceToken(value) ? value : null;
}

/**
 * This browser's device id, creating it when missing, and (re)setting the cookie so it lives 400
 * days from the latest sign-in. Call from a server action or route handler (cookies are writable
 * there), at sign-in, before handing the token to noteSignInDevice.
 */
export async function ensureDeviceCookie(): Promise<string> {
  const store = await cookies();
  const existing = store.get(deviceCookieName())?.value;
  const token = isDeviceToken(existing) ? existing : generateToken(32);
  store.set(deviceCookieName(), token, deviceCookieOptions());
  return token;
}

export type DeviceCheck =
  /** Seen for this member within 30 days: lastSeenAt updated, nothing sent. */
  | "known"
  /** New (or not seen for 30 days) but the member has never signed in before: recorded quietly. */
  | "first-sign-in"
  /** New (or not seen for 30 days): recorded, alert emailed, `device.new` audited. */
  | "alerted";

/**
 * Records a successful sign-in's device and announces it when it is new to this member.
 *
 * Call after the sign-in has been recorded (startSession writes its `signin.success`), so "signed
 * in before" means another known device, this device seen more than 30 days ago, or at least one
 * `signin.success` besides the current one. Sends email: run it in after() so the sign-in does
 * not wait for it.
 */
export async function noteSignInDevice(input: {
  tenantId: string;
  userId: string;
  deviceToken: string;
  ip: string | null;
  userAgent: string | null;
  /** The request's UI language, used when the member has not chosen one. */
  locale?: string | null;
  now?: Date;
}): Promise<DeviceCheck> {
  const now = input.now ?? new Date();
  const db = tenantDb(input.tenantId);
  const deviceHash = hashToken(input.deviceToken);
  const userAgent = input.userAgent?.slice(0, 512) ?? null;
  const id = { tenantId: input.tenantId, userId: input.userId, deviceHash };

  // Known and recent: one conditional update, no read needed.
  const recent = await db.knownDevice.updateMany({
    where: { ...id, lastSeenAt: { gt: new Date(now.getTime() - KNOWN_DEVICE_MS) } },
    data: { lastSeenAt: now, userAgent },
  });
  if (recent.count > 0) return "known";

  const [stale, otherDevices, signIns] = await Promise.all([
    db.knownDevice.findUnique({ where: { tenantId_userId_deviceHash: id }, select: { lastSeenAt: true } }),
    db.knownDevice.count({ where: { tenantId: input.tenantId, userId: input.userId, deviceHash: { not: deviceHash } } }),
    db.auditEvent.count({ where: { tenantId: input.tenantId, targetUserId: input.userId, type: "signin.success" }, take: 2 }),
  ]);
  await db.knownDevice.upsert({
    where: { tenantId_userId_deviceHash: id },
    create: { ...id, firstSeenAt: now, lastSeenAt: now, userAgent },
    update: { lastSeenAt: now, userAgent },
  });
  const signedInBefore = stale !== null || otherDevices > 0 || signIns >= 2;
  if (!signedInBefore) return "first-sign-in";

  const user = await db.user.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: input.tenantId, id: input.userId } },
    include: { tenant: true },
  });
  // Created at `now`, the instant written to lastSeenAt above: "this wasn't me" forgets every
  // device seen from then on.
  const notMe = await createNotMeToken({ tenantId: input.tenantId, userId: input.userId, ip: input.ip, now });
  const device = userAgent ? describeUserAgent(userAgent) : null;
  await recordAuditEvent({
    tenantId: input.tenantId,
    type: "device.new",
    actorUserId: input.userId,
    targetUserId: input.userId,
    ip: input.ip,
    userAgent,
    data: { device, ...(stale ? { lastSeenAt: stale.lastSeenAt.toISOString() } : {}) },
  });
  const locale: Locale = isLocale(user.locale) ? user.locale : isLocale(input.locale) ? input.locale : "en";
  await sendEmail({
    to: user.email,
    locale,
    tenantId: input.tenantId,
    template: {
      name: "new-device",
      data: {
        workspaceName: user.tenant.name,
        signedInAt: now,
        ip: input.ip,
        device,
        notMeUrl: notMeUrl(user.tenant.slug, notMe.token),
        notMeExpiresAt: notMe.expiresAt,
      },
    },
  });
  return "alerted";
}
