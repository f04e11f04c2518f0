// Every time limit of the sign-in rules, at its exact edge, with the clock under the test's control
// (each function's `now`, or Vitest's fake Date where the code reads the clock itself). The rule in
// every case: a thing that lasts L is accepted at L − 1 ms and refused from L on (exactly at the
// limit counts as expired: the code compares `expiresAt <= now`, and a claim matches only
// `expiresAt > now`). A lock that lasts until T still refuses at T − 1 ms and lets in at T.
//
//   emailed sign-in link   10 minutes   lib/auth/email-sign-in-link.ts
//   password reset link    30 minutes   lib/auth/reset-links.ts
//   invitation             7 days       lib/dal/invitations/
//   SMS code               5 minutes    lib/auth/sms-codes.ts
//   lockout                15 minutes   lib/auth/sign-in-throttle.ts (the workspace's first lock)
//   session, idle          the workspace's sessionIdleMinutes since the last request
//   session, absolute      the workspace's sessionAbsoluteMinutes since sign-in
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { smsOutboxTransport } from "@/lib/sms/transports/outbox";
import { TEST_META, addMember, createWorkspace, emailsTo, invitationTokensIn, memberContext, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { EMAIL_LINK_TTL_MS, consumeEmailSignInLink, lookUpEmailSignInLink, newRequestKey, requestEmailSignInLink } from "./email-sign-in-link";
import { requestPasswordReset } from "./request-password-reset";
import { completePasswordReset } from "./complete-password-reset";
import { RESET_TOKEN_TTL_MS, lookUpPasswordResetToken } from "./reset-links";
import { SMS_CODE_TTL_SECONDS, checkSmsCode, sendSmsCode } from "./sms-codes";
import { readThrottle, recordSignInFailure, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { signInWithPassword } from "./sign-in-with-password";
import { createSession, validateSessionToken, type SessionPolicy } from "./sessions";
import { INVITATION_TTL_MS, inviteMember } from "@/lib/dal/invitations/invite-member";
import { acceptInvitation, lookUpInvitation } from "@/lib/dal/invitations/accept-invitation";

const MINUTE = 60_000;
const NEW_PASSWORD = "a brand new passphrase for the test";

let ws: TestWorkspace;
let policy: SessionPolicy;

beforeAll(async () => {
  ws = await createWorkspace();
  policy = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id }, select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true } });
});

afterEach(() => {
  vi.useRealTimers();
});

const plus = (t: Date, ms: number) => new Date(t.getTime() + ms);

describe("the limits themselves", () => {
  it("are the documented ones", () => {
    expect(EMAIL_LINK_TTL_MS).toBe(10 * MINUTE);
    expect(RESET_TOKEN_TTL_MS).toBe(30 * MINUTE);
    expect(INVITATION_TTL_MS).toBe(7 * 24 * 60 * MINUTE);
    expect(SMS_CODE_TTL_SECONDS).toBe(5 * 60);
  });
});

describe("an emailed sign-in link (10 minutes)", () => {
  async function linkFor(user: User, now: Date) {
    expect(await requestEmailSignInLink({ tenantId: ws.tenant.id, username: user.email, requestKey: newRequestKey(), ...TEST_META, now })).toBe("sent");
    return (await emailsTo(user.email)).at(-1)!.text.match(/\/login\/link\/([A-Za-z0-9_-]+)/)![1]!;
  }
  const consume = (token: string, now: Date) => consumeEmailSignInLink({ slug: ws.tenant.slug, token, requestKey: null, meta: TEST_META, now });

  it("signs in 1 ms before the limit", async () => {
    const t0 = new Date();
    const token = await linkFor(await addMember(ws.tenant.id, "SALES_REP"), t0);
    const edge = plus(t0, EMAIL_LINK_TTL_MS - 1);
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token, edge)).toMatchObject({ status: "valid" });
    expect(await consume(token, edge)).toMatchObject({ ok: true });
  });

  it("is refused as expired exactly at the limit, and after it", async () => {
    const t0 = new Date();
    const token = await linkFor(await addMember(ws.tenant.id, "SALES_REP"), t0);
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token, plus(t0, EMAIL_LINK_TTL_MS))).toEqual({ status: "expired" });
    expect(await consume(token, plus(t0, EMAIL_LINK_TTL_MS))).toEqual({ ok: false, reason: "expired" });
    expect(await consume(token, plus(t0, EMAIL_LINK_TTL_MS + 1))).toEqual({ ok: false, reason: "expired" });
  });
});

describe("a password reset link (30 minutes)", () => {
  async function resetTokenFor(user: User, now: Date) {
    expect(await requestPasswordReset({ tenantId: ws.tenant.id, username: user.email, ...TEST_META, now })).toBe("sent");
    return (await emailsTo(user.email)).at(-1)!.text.match(new RegExp(`/${ws.tenant.slug}/reset-password/([A-Za-z0-9_-]+)`))![1]!;
  }
  const complete = (token: string, now: Date) => completePasswordReset({ slug: ws.tenant.slug, token, newPassword: NEW_PASSWORD, now, ...TEST_META });

  it("sets the new password 1 ms before the limit", async () => {
    const t0 = new Date();
    const token = await resetTokenFor(await addMember(ws.tenant.id, "SALES_REP"), t0);
    const edge = plus(t0, RESET_TOKEN_TTL_MS - 1);
    expect(await lookUpPasswordResetToken(ws.tenant.slug, token, edge)).toMatchObject({ status: "valid" });
    expect(await complete(token, edge)).toEqual({ ok: true });
  });

  it("is refused as expired exactly at the limit, and after it", async () => {
    const t0 = new Date();
    const token = await resetTokenFor(await addMember(ws.tenant.id, "SALES_REP"), t0);
    expect((await lookUpPasswordResetToken(ws.tenant.slug, token, plus(t0, RESET_TOKEN_TTL_MS))).status).toBe("expired");
    expect(await complete(token, plus(t0, RESET_TOKEN_TTL_MS))).toEqual({ ok: false, reason: "expired" });
    expect(await complete(token, plus(t0, RESET_TOKEN_TTL_MS + 1))).toEqual({ ok: false, reason: "expired" });
  });
});

describe("an invitation (7 days)", () => {
  // inviteMember and acceptInvitation read the clock themselves: only Date is faked, so the
  // database driver's own timers keep running.
  async function invite(at: Date) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at);
    const email = `invitee-${at.getTime()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    expect(await inviteMember(memberContext(ws.owner, ws.tenant), { email, role: "SALES_REP", employeeNumber: null, locale: "en" }, TEST_META)).toMatchObject({ ok: true });
    const [token] = invitationTokensIn((await emailsTo(email)).at(-1)!.text, ws.tenant.slug);
    return token!;
  }
  const accept = (token: string) => acceptInvitation({ slug: ws.tenant.slug, token, name: "New Member", password: NEW_PASSWORD, locale: "en" }, TEST_META);

  it("can be accepted 1 ms before the limit", async () => {
    const t0 = new Date();
    const token = await invite(t0);
    vi.setSystemTime(plus(t0, INVITATION_TTL_MS - 1));
    expect(await lookUpInvitation(ws.tenant.slug, token)).toMatchObject({ status: "valid" });
    expect(await accept(token)).toMatchObject({ ok: true });
  });

  it("is refused as expired exactly at the limit, and after it", async () => {
    const t0 = new Date();
    const token = await invite(t0);
    vi.setSystemTime(plus(t0, INVITATION_TTL_MS));
    expect(await lookUpInvitation(ws.tenant.slug, token)).toEqual({ status: "expired" });
    expect(await accept(token)).toEqual({ ok: false, reason: "expired" });
    vi.setSystemTime(plus(t0, INVITATION_TTL_MS + 1));
    expect(await accept(token)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("an SMS code (5 minutes)", () => {
  let counter = 0;
  async function codeSent(now: Date) {
    counter += 1;
    const phone = `+86139${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(5, "0")}`;
    const input = { tenantId: ws.tenant.id, userId: (await addMember(ws.tenant.id, "SALES_REP")).id, phone, purpose: "verify-phone" as const, locale: "en" };
    expect(await sendSmsCode(input, { now, transport: smsOutboxTransport })).toMatchObject({ ok: true });
    const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to: phone }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    return { ...input, code: /\b(\d{6})\b/.exec(message.body)![1]! };
  }

  it("is accepted 1 ms before the limit", async () => {
    const t0 = new Date();
    const sent = await codeSent(t0);
    expect(await checkSmsCode({ ...sent, now: plus(t0, SMS_CODE_TTL_SECONDS * 1000 - 1) })).toEqual({ verdict: "ok", phone: sent.phone });
  });

  it("is refused as expired exactly at the limit, and after it", async () => {
    const t0 = new Date();
    const sent = await codeSent(t0);
    expect(await checkSmsCode({ ...sent, now: plus(t0, SMS_CODE_TTL_SECONDS * 1000) })).toEqual({ verdict: "expired", phone: null });
    expect(await checkSmsCode({ ...sent, now: plus(t0, SMS_CODE_TTL_SECONDS * 1000 + 1) })).toEqual({ verdict: "expired", phone: null });
  });
});

describe("a lockout (15 minutes for the first)", () => {
  /** Locks the member out with the workspace's number of failures; returns when the lock ends. */
  async function lockOut(user: User, t0: Date) {
    const securityPolicy = await getSecurityPolicy(ws.tenant.id);
    let lockedUntil: Date | null = null;
    for (let i = 0; i < securityPolicy.lockoutThreshold; i += 1) {
      lockedUntil = (await recordSignInFailure(ws.tenant.id, throttleKey(user.id, ""), securityPolicy, TEST_META, plus(t0, i))).lockedUntil;
    }
    const lockAt = plus(t0, securityPolicy.lockoutThreshold - 1);
    expect(lockedUntil).toEqual(plus(lockAt, 15 * MINUTE));
    return { lockedUntil: lockedUntil!, securityPolicy };
  }
  const signIn = (user: User, now: Date) =>
    signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: ws.password, ip: "198.51.100.77", userAgent: "vitest", now, defer: () => {} });

  it("still refuses the right password 1 ms before it ends", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { lockedUntil, securityPolicy } = await lockOut(user, new Date());
    const edge = plus(lockedUntil, -1);
    expect((await readThrottle(ws.tenant.id, throttleKey(user.id, ""), securityPolicy, edge)).lockedUntil).toEqual(lockedUntil);
    expect(await signIn(user, edge)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("lets the right password in exactly when it ends", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { lockedUntil, securityPolicy } = await lockOut(user, new Date());
    expect((await readThrottle(ws.tenant.id, throttleKey(user.id, ""), securityPolicy, lockedUntil)).lockedUntil).toBeNull();
    expect(await signIn(user, lockedUntil)).toMatchObject({ ok: true });
  });
});

describe("a session", () => {
  const start = (user: User, now: Date) => createSession({ tenantId: ws.tenant.id, userId: user.id, policy, ip: "192.0.2.30", userAgent: "vitest expiry", now });
  const idle = () => policy.sessionIdleMinutes * MINUTE;
  const lifetime = () => policy.sessionAbsoluteMinutes * MINUTE;

  it("idle: accepted 1 ms before the idle limit", async () => {
    const t0 = new Date();
    const { token } = await start(await addMember(ws.tenant.id, "SALES_REP"), t0);
    expect(await validateSessionToken(token, plus(t0, idle() - 1))).not.toBeNull();
  });

  it("idle: refused exactly at the idle limit (and stays refused)", async () => {
    const t0 = new Date();
    const { token, sessionId } = await start(await addMember(ws.tenant.id, "SALES_REP"), t0);
    expect(await validateSessionToken(token, plus(t0, idle()))).toBeNull();
    expect(await systemDb().session.findFirstOrThrow({ where: { id: sessionId } })).toMatchObject({ revokedReason: "idle" });
    expect(await validateSessionToken(token, plus(t0, 1))).toBeNull();
  });

  it("idle: the limit counts from the last request the session was seen at", async () => {
    const t0 = new Date();
    const { token } = await start(await addMember(ws.tenant.id, "SALES_REP"), t0);
    const seen = plus(t0, 10 * MINUTE);
    expect(await validateSessionToken(token, seen)).not.toBeNull();
    expect(await validateSessionToken(token, plus(seen, idle() - 1))).not.toBeNull();
    const again = plus(seen, idle() - 1);
    expect(await validateSessionToken(token, plus(again, idle()))).toBeNull();
  });

  /** Uses the session every (idle − 1 minute) from t0 on, so only the absolute limit can end it; returns its last use. */
  async function keepActive(token: string, t0: Date, until: number) {
    let now = t0.getTime();
    while (now + idle() - MINUTE < until) {
      now += idle() - MINUTE;
      expect(await validateSessionToken(token, new Date(now))).not.toBeNull();
    }
  }

  it("absolute: accepted 1 ms before the lifetime ends, however active", async () => {
    const t0 = new Date();
    const { token } = await start(await addMember(ws.tenant.id, "SALES_REP"), t0);
    await keepActive(token, t0, t0.getTime() + lifetime() - 1);
    expect(await validateSessionToken(token, plus(t0, lifetime() - 1))).not.toBeNull();
  });

  it("absolute: refused exactly when the lifetime ends, however active", async () => {
    const t0 = new Date();
    const { token, sessionId } = await start(await addMember(ws.tenant.id, "SALES_REP"), t0);
    await keepActive(token, t0, t0.getTime() + lifetime() - 1);
    expect(await validateSessionToken(token, plus(t0, lifetime()))).toBeNull();
    expect(await systemDb().session.findFirstOrThrow({ where: { id: sessionId } })).toMatchObject({ revokedReason: "expired" });
  });
});
