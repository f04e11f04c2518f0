// New-device alerts and "this wasn't me": who gets an email when, what the link does, and that
// the device cookie is a proper secret.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { generateToken, hashToken } from "./tokens";
import { createSession, validateSessionToken } from "./sessions";
import { signInWithPassword } from "./sign-in-with-password";
import { RESET_EMAIL_LIMIT, requestPasswordReset } from "./request-password-reset";
import { completePasswordReset } from "./complete-password-reset";
import { lookUpPasswordResetToken } from "./reset-links";
import { confirmNotMe, lookUpNotMeToken } from "./not-me";
import { NOTHING_REMOVED } from "./require-password-reset";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, KNOWN_DEVICE_DAYS, ensureDeviceCookie, noteSignInDevice, readDeviceToken } from "./known-devices";
import { TEST_PASSWORD, addMember, auditEvents, createWorkspace, emailsTo, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";

// A cookie jar standing in for next/headers' cookies() of one request.
const jar = vi.hoisted(() => new Map<string, { value: string; options: Record<string, unknown> }>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void jar.set(name, { value, options }),
  }),
}));

const DAY = 24 * 60 * 60_000;
const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const META = { ip: "192.0.2.44", userAgent: CHROME_WINDOWS };

let ws: TestWorkspace;
let lastOctet = 0;

beforeAll(async () => {
  ws = await createWorkspace();
});

beforeEach(() => {
  jar.clear();
});

function member(overrides: Parameters<typeof addMember>[2] = {}): Promise<User> {
  return addMember(ws.tenant.id, "SALES_REP", overrides);
}

/** A real sign-in (which records signin.success), then the device check the sign-in action runs. */
async function signInFrom(user: User, deviceToken: string, now?: Date) {
  lastOctet += 1;
  const result = await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: `198.51.100.${lastOctet}`, userAgent: CHROME_WINDOWS });
  expect(result).toMatchObject({ ok: true });
  return noteSignInDevice({ tenantId: ws.tenant.id, userId: user.id, deviceToken, ...META, locale: "en", now });
}

async function alerts(user: User) {
  return (await emailsTo(user.email)).filter((email) => email.template === "new-device");
}

function notMeTokensIn(text: string): string[] {
  return [...text.matchAll(new RegExp(`/${ws.tenant.slug}/not-me/([A-Za-z0-9_-]+)`, "g"))].map((match) => match[1]!);
}

/** A member who has signed in once from `home`, so later new devices are announced. */
async function memberWithHomeDevice(overrides: Parameters<typeof addMember>[2] = {}) {
  const user = await member(overrides);
  const home = generateToken(32);
  expect(await signInFrom(user, home)).toBe("first-sign-in");
  return { user, home };
}

describe("noteSignInDevice", () => {
  it("says nothing on a member's very first sign-in, but remembers the device (hashed)", async () => {
    const user = await member();
    const device = generateToken(32);
    expect(await signInFrom(user, device)).toBe("first-sign-in");
    expect(await alerts(user)).toHaveLength(0);
    expect(await auditEvents(ws.tenant.id, "device.new").then((events) => events.filter((e) => e.targetUserId === user.id))).toHaveLength(0);
    const rows = await systemDb().knownDevice.findMany({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(rows).toEqual([expect.objectContaining({ deviceHash: hashToken(device), userAgent: CHROME_WINDOWS })]);
    expect(JSON.stringify(rows)).not.toContain(device);
  });

  it("emails an alert with a 'This wasn't me' link from a new device, and audits it", async () => {
    const { user } = await memberWithHomeDevice({ locale: "en" });
    expect(await signInFrom(user, generateToken(32))).toBe("alerted");
    const [alert, ...more] = await alerts(user);
    expect(more).toHaveLength(0);
    expect(alert!.subject).toBe(`New sign-in to ${ws.tenant.name}`);
    expect(alert!.text).toContain(META.ip);
    expect(alert!.text).toContain("Chrome · Windows");
    const [token] = notMeTokensIn(alert!.text);
    expect(token).toBeDefined();
    expect(await lookUpNotMeToken(ws.tenant.slug, token!)).toEqual({ status: "valid", workspaceName: ws.tenant.name });
    const row = await systemDb().passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token!) } });
    expect(row).toMatchObject({ purpose: "not-me", userId: user.id, usedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * DAY);
    const audit = (await auditEvents(ws.tenant.id, "device.new")).filter((event) => event.targetUserId === user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ip: META.ip, data: { device: "Chrome · Windows" } });
  });

  it("writes the alert in the member's language", async () => {
    const { user } = await memberWithHomeDevice({ locale: "zh-CN" });
    await signInFrom(user, generateToken(32));
    const [alert] = await alerts(user);
    expect(alert!.subject).toBe(`「${ws.tenant.name}」有新的登录`);
    expect(alert!.html).toContain("这不是我");
  });

  it("stays quiet for a device seen within 30 days, and updates when it was last seen", async () => {
    const { user, home } = await memberWithHomeDevice();
    const later = new Date(Date.now() + (KNOWN_DEVICE_DAYS - 1) * DAY);
    expect(await signInFrom(user, home, later)).toBe("known");
    expect(await alerts(user)).toHaveLength(0);
    const row = await systemDb().knownDevice.findUniqueOrThrow({ where: { tenantId_userId_deviceHash: { tenantId: ws.tenant.id, userId: user.id, deviceHash: hashToken(home) } } });
    expect(row.lastSeenAt).toEqual(later);
  });

  it("announces a device again when it was last seen 31 days ago", async () => {
    const { user, home } = await memberWithHomeDevice();
    await systemDb().knownDevice.updateMany({ where: { tenantId: ws.tenant.id, userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 31 * DAY) } });
    expect(await signInFrom(user, home)).toBe("alerted");
    expect(await alerts(user)).toHaveLength(1);
    // ...and then it is known again.
    expect(await signInFrom(user, home)).toBe("known");
    expect(await alerts(user)).toHaveLength(1);
  });

  it("announces a new device to a member who signed in before this feature recorded devices", async () => {
    const user = await member();
    // Two sign-ins on record (an earlier one and the current one), no device rows.
    await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: "198.51.100.250", userAgent: null });
    expect(await signInFrom(user, generateToken(32))).toBe("alerted");
  });

  it("keeps devices per member: one member's device is new to another", async () => {
    const { home } = await memberWithHomeDevice();
    const { user: second } = await memberWithHomeDevice();
    expect(await signInFrom(second, home)).toBe("alerted");
  });
});

describe("the device cookie", () => {
  it("is created once, as a 256-bit HttpOnly SameSite=Lax cookie living 400 days, and then reused", async () => {
    expect(await readDeviceToken()).toBeNull();
    const token = await ensureDeviceCookie();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = jar.get("relay_device")!;
    expect(cookie.value).toBe(token);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS, secure: false });
    expect(DEVICE_COOKIE_MAX_AGE_SECONDS).toBe(400 * 24 * 60 * 60);
    expect(await readDeviceToken()).toBe(token);
    expect(await ensureDeviceCookie()).toBe(token);
  });

  it("replaces a malformed value", async () => {
    jar.set("relay_device", { value: "../../etc", options: {} });
    expect(await readDeviceToken()).toBeNull();
    const token = await ensureDeviceCookie();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is Secure with the __Host- prefix on an HTTPS deployment", async () => {
    vi.stubEnv("APP_URL", "https://crm.example.com");
    try {
      await ensureDeviceCookie();
      expect(jar.get("__Host-relay_device")?.options).toMatchObject({ secure: true, httpOnly: true, path: "/" });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("this wasn't me", () => {
  async function alertedMember() {
    const { user, home } = await memberWithHomeDevice();
    const intruder = generateToken(32);
    expect(await signInFrom(user, intruder)).toBe("alerted");
    const [token] = notMeTokensIn((await alerts(user))[0]!.text);
    return { user, home, intruder, token: token! };
  }

  it("ends every session, requires a reset, emails a reset link at once and audits", async () => {
    const { user, token } = await alertedMember();
    const extra = await createSession({ tenantId: ws.tenant.id, userId: user.id, policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 }, ip: null, userAgent: null });
    const live = await systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: user.id, revokedAt: null } });
    expect(live).toBeGreaterThanOrEqual(3);

    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ip: "203.0.113.80", userAgent: CHROME_WINDOWS })).toEqual({ ok: true, sessionsRevoked: live, removed: NOTHING_REMOVED });
    expect(await validateSessionToken(extra.token)).toBeNull();
    expect(await systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: user.id, revokedAt: null } })).toBe(0);
    const after = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(after.passwordResetRequired).toBe(true);
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: "198.51.100.240", userAgent: null })).toMatchObject({
      ok: false,
      reason: "passwordResetRequired",
    });

    const resets = (await emailsTo(user.email)).filter((email) => email.template === "password-reset");
    expect(resets).toHaveLength(1);
    expect(resets[0]!.text).toContain("wasn't you");
    const [resetToken] = [...resets[0]!.text.matchAll(new RegExp(`/${ws.tenant.slug}/reset-password/([A-Za-z0-9_-]+)`, "g"))].map((m) => m[1]!);
    expect((await lookUpPasswordResetToken(ws.tenant.slug, resetToken!)).status).toBe("valid");

    const audit = (await auditEvents(ws.tenant.id, "device.not_me")).filter((event) => event.targetUserId === user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ip: "203.0.113.80", data: { sessionsRevoked: live } });

    // The reset link from that email gets the member back in.
    expect(await completePasswordReset({ slug: ws.tenant.slug, token: resetToken!, newPassword: "seven quiet herons at dawn", ip: null, userAgent: null })).toEqual({ ok: true });
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: "seven quiet herons at dawn", ip: "198.51.100.241", userAgent: null })).toMatchObject({ ok: true });
  });

  it("works once", async () => {
    const { user, token } = await alertedMember();
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META })).toMatchObject({ ok: true });
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META })).toEqual({ ok: false, reason: "used" });
    expect(await lookUpNotMeToken(ws.tenant.slug, token)).toEqual({ status: "used" });
    expect((await emailsTo(user.email)).filter((email) => email.template === "password-reset")).toHaveLength(1);
  });

  it("is refused when expired, tampered, under another workspace, or used as a reset link", async () => {
    const { token } = await alertedMember();
    const later = new Date(Date.now() + 7 * DAY + 60_000);
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META, now: later })).toEqual({ ok: false, reason: "expired" });
    const tampered = token.slice(0, 5) + (token[5] === "x" ? "y" : "x") + token.slice(6);
    expect(await confirmNotMe({ slug: ws.tenant.slug, token: tampered, ...META })).toEqual({ ok: false, reason: "unknown" });
    const other = await createWorkspace();
    expect(await confirmNotMe({ slug: other.tenant.slug, token, ...META })).toEqual({ ok: false, reason: "unknown" });
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token)).status).toBe("unknown");
    expect(await completePasswordReset({ slug: ws.tenant.slug, token, newPassword: "a perfectly fine passphrase", ...META })).toEqual({ ok: false, reason: "unknown" });
    // None of that used it up.
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META })).toMatchObject({ ok: true });
  });

  it("sends the reset link even when the member has used up their reset emails", async () => {
    const { user, token } = await alertedMember();
    for (let i = 0; i < RESET_EMAIL_LIMIT.limit + 1; i++) await requestPasswordReset({ tenantId: ws.tenant.id, username: user.email, ...META });
    const before = (await emailsTo(user.email)).filter((email) => email.template === "password-reset").length;
    expect(before).toBeLessThanOrEqual(RESET_EMAIL_LIMIT.limit);
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META })).toMatchObject({ ok: true });
    expect((await emailsTo(user.email)).filter((email) => email.template === "password-reset")).toHaveLength(before + 1);
  });

  it("forgets the intruder's device, so it is announced again, but keeps the member's own older one", async () => {
    const { user, home, token } = await alertedMember();
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...META })).toMatchObject({ ok: true });
    const devices = await systemDb().knownDevice.findMany({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(devices.map((device) => device.deviceHash)).toEqual([hashToken(home)]);
  });
});
