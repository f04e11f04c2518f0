// Forgotten password, as the member and as an attacker see it: the form answers the same for every
// username, links are single-use, short-lived, tied to one workspace and unguessable, the policy
// applies to the new password, and a reset ends every session and lifts a lock.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { systemDb } from "@/lib/db/prisma";
import { initialFormState } from "@/lib/forms/form-state";
import { createCaptchaChallenge } from "./captcha";
import { createSession, validateSessionToken } from "./sessions";
import { getSecurityPolicy } from "./security-policy";
import { readThrottle, recordSignInFailure, throttleKey } from "./sign-in-throttle";
import { signInWithPassword } from "./sign-in-with-password";
import { hashToken } from "./tokens";
import { RESET_EMAIL_LIMIT, requestPasswordReset } from "./request-password-reset";
import { completePasswordReset } from "./complete-password-reset";
import { RESET_TOKEN_TTL_MS, lookUpPasswordResetToken } from "./reset-links";
import { TEST_PASSWORD, addMember, auditEvents, createWorkspace, emailsTo, uniqueSuffix, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";

// The server action runs outside a request here: after() queues its task for the test to run,
// and the request's origin is fixed.
const deferred = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void deferred.push(task),
}));
vi.mock("@/lib/auth/request-info", () => ({
  requestInfo: async () => ({ ip: "203.0.113.50", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" }),
  // Called directly, as here, an action's request was not counted by proxy.ts: the action counts it.
  ipLimitChargedByProxy: async () => false,
}));
const { requestPasswordResetAction } = await import("@/app/[tenant]/forgot-password/actions");

async function runDeferred() {
  const tasks = deferred.splice(0);
  for (const task of tasks) await task();
  return tasks.length;
}

const NEW_PASSWORD = "violet lantern under seven bridges";
// A real Safari user agent (Safari names itself with Version/…), as the device line is read from it.
const META = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15" };

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

beforeEach(() => {
  deferred.length = 0;
});

function member(overrides: Parameters<typeof addMember>[2] = {}): Promise<User> {
  return addMember(ws.tenant.id, "SALES_REP", overrides);
}

/** Exactly what the captcha widget posts, for a freshly solved (easy) challenge. */
async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge({ maxCounter: 8 });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
  if (!solution) throw new Error("test captcha not solved");
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function resetTokensIn(text: string, slug: string): string[] {
  return [...text.matchAll(new RegExp(`/${slug}/reset-password/([A-Za-z0-9_-]+)`, "g"))].map((match) => match[1]!);
}

/** Requests a reset for the member and returns the token from the email it produced. */
async function resetTokenFor(user: User, now?: Date): Promise<string> {
  const before = (await emailsTo(user.email)).length;
  expect(await requestPasswordReset({ tenantId: user.tenantId, username: user.email, ...META, now })).toBe("sent");
  const emails = await emailsTo(user.email);
  expect(emails).toHaveLength(before + 1);
  const tokens = resetTokensIn(emails.at(-1)!.text, ws.tenant.slug);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
}

function complete(token: string, newPassword = NEW_PASSWORD, extra: { slug?: string; now?: Date } = {}) {
  return completePasswordReset({ slug: extra.slug ?? ws.tenant.slug, token, newPassword, now: extra.now, ...META });
}

/** The same token with one character changed (still base64url, still the same length). */
function tamper(token: string, at = 10): string {
  const replacement = token[at] === "A" ? "B" : "A";
  return token.slice(0, at) + replacement + token.slice(at + 1);
}

describe("the forgot-password form", () => {
  it("answers a real, an unknown and a deactivated member's username identically, and emails only the real one", async () => {
    const real = await member();
    const deactivated = await member({ status: "DEACTIVATED" });
    const unknown = `nobody-${uniqueSuffix()}@example.test`;

    const states = [];
    for (const username of [real.email, unknown, deactivated.email]) {
      states.push(await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username, captcha: await solvedCaptcha() })));
    }
    expect(states[0]).toMatchObject({ status: "success" });
    expect(states[1]).toStrictEqual(states[0]);
    expect(states[2]).toStrictEqual(states[0]);
    // Nothing typed comes back, so the answer cannot differ by account either.
    expect(JSON.stringify(states[0])).not.toContain(real.email);

    // The lookup and the email happen after the answer, for all three alike.
    expect(await emailsTo(real.email)).toHaveLength(0);
    expect(await runDeferred()).toBe(3);
    expect(await emailsTo(real.email)).toHaveLength(1);
    expect(await emailsTo(unknown)).toHaveLength(0);
    expect(await emailsTo(deactivated.email)).toHaveLength(0);
    expect(await systemDb().passwordResetToken.count({ where: { tenantId: ws.tenant.id, userId: deactivated.id } })).toBe(0);
  });

  it("always requires the captcha, and accepts each solution once", async () => {
    const user = await member();
    const missing = await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username: user.email }));
    expect(missing).toMatchObject({ status: "error", fieldErrors: { captcha: ["recoveryCaptchaRequired"] }, values: { username: user.email } });
    const captcha = await solvedCaptcha();
    expect(await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username: user.email, captcha }))).toMatchObject({ status: "success" });
    const replayed = await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username: user.email, captcha }));
    expect(replayed).toMatchObject({ status: "error", fieldErrors: { captcha: ["captchaReplayed"] } });
    expect(await runDeferred()).toBe(1);
  });

  it("refuses an empty username before anything else", async () => {
    const state = await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username: "   " }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { username: ["usernameRequired"] } });
    expect(deferred).toHaveLength(0);
  });
});

describe("requestPasswordReset", () => {
  it("emails a 30-minute link in the member's language, stores only the token's hash and audits the request", async () => {
    const user = await member({ locale: "zh-CN" });
    const now = new Date();
    const token = await resetTokenFor(user, now);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

    const rows = await systemDb().passwordResetToken.findMany({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(token), purpose: "reset", usedAt: null, ip: META.ip });
    expect(rows[0]!.expiresAt.getTime()).toBe(now.getTime() + RESET_TOKEN_TTL_MS);
    expect(RESET_TOKEN_TTL_MS).toBe(30 * 60_000);
    expect(JSON.stringify(rows)).not.toContain(token);

    const [email] = await emailsTo(user.email);
    expect(email).toMatchObject({ template: "password-reset", tenantId: ws.tenant.id, transport: "outbox" });
    expect(email!.subject).toContain("重置");
    expect(email!.html).toContain(`/${ws.tenant.slug}/reset-password/${token}`);

    const audit = await auditEvents(ws.tenant.id, "password.reset_requested");
    expect(audit.filter((event) => event.targetUserId === user.id)).toHaveLength(1);
  });

  it("finds the member by employee number too, trimmed and in any case", async () => {
    const employeeNumber = `Emp-${uniqueSuffix()}`;
    const user = await member({ employeeNumber });
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: `  ${employeeNumber.toLowerCase()} `, ...META })).toBe("sent");
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: ` ${user.email.toUpperCase()}`, ...META })).toBe("sent");
    expect(await emailsTo(user.email)).toHaveLength(2);
  });

  it("does not find a member of another workspace", async () => {
    const outsider = await addMember(other.tenant.id, "SALES_REP");
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: outsider.email, ...META })).toBe("no-account");
    expect(await emailsTo(outsider.email)).toHaveLength(0);
  });

  it("keeps only the newest link: an earlier unused one stops working", async () => {
    const user = await member();
    const first = await resetTokenFor(user);
    const second = await resetTokenFor(user);
    expect((await lookUpPasswordResetToken(ws.tenant.slug, first)).status).toBe("unknown");
    expect((await lookUpPasswordResetToken(ws.tenant.slug, second)).status).toBe("valid");
    expect(await complete(first)).toEqual({ ok: false, reason: "unknown" });
  });

  it(`sends at most ${RESET_EMAIL_LIMIT.limit} emails per member in 15 minutes, silently`, async () => {
    const user = await member();
    const bystander = await member();
    // One fixed window, so the test never straddles two.
    const windowMs = RESET_EMAIL_LIMIT.windowSeconds * 1000;
    const now = new Date(Math.floor(Date.now() / windowMs) * windowMs + 1000);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await requestPasswordReset({ tenantId: ws.tenant.id, username: user.email, ...META, now }));
    expect(outcomes).toEqual(["sent", "sent", "sent", "rate-limited", "rate-limited"]);
    expect(await emailsTo(user.email)).toHaveLength(3);
    // The limit is per member, not global.
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: bystander.email, ...META, now })).toBe("sent");
    // The next window starts from zero.
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: user.email, ...META, now: new Date(now.getTime() + windowMs) })).toBe("sent");
  });

  it("through the form, the limit gives the same answer as always", async () => {
    const user = await member();
    const states = [];
    for (let i = 0; i < RESET_EMAIL_LIMIT.limit + 1; i++) {
      states.push(await requestPasswordResetAction(ws.tenant.slug, initialFormState, form({ username: user.email, captcha: await solvedCaptcha() })));
    }
    for (const state of states) expect(state).toStrictEqual(states[0]);
    await runDeferred();
    expect((await emailsTo(user.email)).length).toBeLessThanOrEqual(RESET_EMAIL_LIMIT.limit);
  });
});

describe("the reset link", () => {
  it("is valid once: a second completion with the same link fails", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    expect(await lookUpPasswordResetToken(ws.tenant.slug, token)).toMatchObject({ status: "valid", email: user.email });
    expect(await complete(token)).toEqual({ ok: true });
    expect(await complete(token, "another quite long passphrase here")).toEqual({ ok: false, reason: "used" });
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token)).status).toBe("used");
  });

  it("expires after 30 minutes", async () => {
    const user = await member();
    const issued = new Date();
    const token = await resetTokenFor(user, issued);
    const later = new Date(issued.getTime() + 31 * 60_000);
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token, later)).status).toBe("expired");
    expect(await complete(token, NEW_PASSWORD, { now: later })).toEqual({ ok: false, reason: "expired" });
    // Still valid a minute before the end.
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token, new Date(issued.getTime() + 29 * 60_000))).status).toBe("valid");
  });

  it("is unknown when one character is changed", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    for (const at of [0, 10, token.length - 1]) {
      const tampered = tamper(token, at);
      expect(tampered).not.toBe(token);
      expect((await lookUpPasswordResetToken(ws.tenant.slug, tampered)).status).toBe("unknown");
      expect(await complete(tampered)).toEqual({ ok: false, reason: "unknown" });
    }
    expect((await lookUpPasswordResetToken(ws.tenant.slug, "not a token/../x")).status).toBe("unknown");
    // The real one still works afterwards.
    expect(await complete(token)).toEqual({ ok: true });
  });

  it("is unknown under another workspace's address", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    expect((await lookUpPasswordResetToken(other.tenant.slug, token)).status).toBe("unknown");
    expect(await complete(token, NEW_PASSWORD, { slug: other.tenant.slug })).toEqual({ ok: false, reason: "unknown" });
    expect(await complete(token)).toEqual({ ok: true });
  });

  it("is unknown once the member has been deactivated", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { status: "DEACTIVATED" } });
    expect(await complete(token)).toEqual({ ok: false, reason: "unknown" });
  });

  it("lets exactly one of several concurrent completions succeed", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    const results = await Promise.all(
      ["first concurrent passphrase ok", "second concurrent passphrase ok", "third concurrent passphrase ok"].map((password) => complete(token, password)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([
      { ok: false, reason: "used" },
      { ok: false, reason: "used" },
    ]);
    expect(await auditEvents(ws.tenant.id, "password.reset").then((events) => events.filter((e) => e.targetUserId === user.id))).toHaveLength(1);
  });
});

describe("completing a reset", () => {
  it("applies the workspace's password policy, and a refused password leaves the link usable", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    const before = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });

    expect(await complete(token, "password1234567")).toEqual({ ok: false, reason: "password", problems: [{ key: "passwordCommon" }] });
    // Every problem at once, not only the first.
    const several = await complete(token, "password1");
    expect(several.ok).toBe(false);
    if (!several.ok && several.reason === "password") {
      expect(several.problems.map((problem) => problem.key)).toEqual(expect.arrayContaining(["passwordTooShort", "passwordCommon"]));
    } else {
      throw new Error(`expected password problems, got ${JSON.stringify(several)}`);
    }

    const after = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token)).status).toBe("valid");
    expect(await auditEvents(ws.tenant.id, "password.reset").then((events) => events.filter((e) => e.targetUserId === user.id))).toHaveLength(0);

    expect(await complete(token)).toEqual({ ok: true });
  });

  it("sets the password, ends every session, lifts a lock, emails and audits; it signs nobody in", async () => {
    const user = await member({ locale: "en" });
    const sessions = await Promise.all(
      [1, 2].map(() => createSession({ tenantId: ws.tenant.id, userId: user.id, policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 }, ip: null, userAgent: null })),
    );
    const policy = await getSecurityPolicy(ws.tenant.id);
    const key = throttleKey(user.id, "");
    for (let i = 0; i < 10; i++) await recordSignInFailure(ws.tenant.id, key, policy, { ip: "198.51.100.66", userAgent: null });
    expect((await readThrottle(ws.tenant.id, key, policy)).lockedUntil).not.toBeNull();

    const token = await resetTokenFor(user);
    const sessionsBefore = await systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(await complete(token)).toEqual({ ok: true });

    for (const session of sessions) expect(await validateSessionToken(session.token)).toBeNull();
    const rows = await systemDb().session.findMany({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(rows).toHaveLength(sessionsBefore);
    expect(rows.every((row) => row.revokedReason === "password-reset")).toBe(true);
    expect((await readThrottle(ws.tenant.id, key, policy)).lockedUntil).toBeNull();

    const reset = (await auditEvents(ws.tenant.id, "password.reset")).filter((event) => event.targetUserId === user.id);
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({ ip: META.ip, data: { sessionsRevoked: 2 } });
    const unlocked = (await auditEvents(ws.tenant.id, "account.unlocked")).filter((event) => event.targetUserId === user.id);
    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]!.data).toEqual({ via: "password-reset" });

    const changed = (await emailsTo(user.email)).filter((email) => email.template === "password-changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.text).toContain(META.ip);
    expect(changed[0]!.text).toContain("Safari · macOS");
    expect(changed[0]!.text).toContain(`/${ws.tenant.slug}/forgot-password`);
    expect(changed[0]!.text).toMatch(/admin/);

    // The old password is gone, the new one works (the sign-in is the member's own, afterwards).
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: "198.51.100.67", userAgent: null })).toMatchObject({ ok: false });
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: NEW_PASSWORD, ip: "198.51.100.68", userAgent: null })).toMatchObject({ ok: true });
  });

  it("audits no unlock when the member was not locked", async () => {
    const user = await member();
    const token = await resetTokenFor(user);
    expect(await complete(token)).toEqual({ ok: true });
    expect((await auditEvents(ws.tenant.id, "account.unlocked")).filter((event) => event.targetUserId === user.id)).toHaveLength(0);
  });

  it("clears passwordResetRequired, so password sign-in works again", async () => {
    const user = await member();
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { passwordResetRequired: true } });
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: "198.51.100.70", userAgent: null })).toMatchObject({
      ok: false,
      reason: "passwordResetRequired",
    });
    const token = await resetTokenFor(user);
    expect(await complete(token)).toEqual({ ok: true });
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: NEW_PASSWORD, ip: "198.51.100.71", userAgent: null })).toMatchObject({ ok: true });
  });
});

describe("the recovery emails", () => {
  const evil = `<script>alert("x")</script>`;
  const at = new Date("2026-03-05T15:45:00Z");

  it("escape the workspace name and device, keep subjects on one line and refuse non-http links", async () => {
    const { renderEmailTemplate } = await import("@/lib/email/templates");
    const rendered = await Promise.all([
      renderEmailTemplate({ name: "password-reset", data: { workspaceName: `${evil}\nBcc: x`, resetUrl: "https://relay.example/a/reset-password/t", expiresAt: at, reason: "requested", ip: "203.0.113.1", device: evil } }, "en"),
      renderEmailTemplate({ name: "password-changed", data: { workspaceName: `${evil}\nBcc: x`, changedAt: at, ip: null, device: evil, forgotPasswordUrl: "https://relay.example/a/forgot-password" } }, "en"),
      renderEmailTemplate({ name: "new-device", data: { workspaceName: `${evil}\nBcc: x`, signedInAt: at, ip: "203.0.113.1", device: evil, notMeUrl: "https://relay.example/a/not-me/t", notMeExpiresAt: at } }, "zh-CN"),
    ]);
    for (const email of rendered) {
      expect(email.html).not.toContain("<script>");
      expect(email.html).toContain("&lt;script&gt;");
      expect(email.subject).not.toMatch(/[\r\n]/);
    }
    expect(rendered[1]!.text).toContain("IP address: unknown");
    expect(rendered[2]!.html).toMatch(/<html [^>]*lang="zh-CN"/);
    expect(rendered[2]!.text).toContain("2026年3月5日");
    await expect(
      renderEmailTemplate({ name: "new-device", data: { workspaceName: "A", signedInAt: at, ip: null, device: null, notMeUrl: "javascript:alert(1)", notMeExpiresAt: at } }, "en"),
    ).rejects.toThrow(/http or https/);
  });
});
