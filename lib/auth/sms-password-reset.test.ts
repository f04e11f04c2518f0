// Resetting a forgotten password by SMS, as the member and as an attacker see it: the form answers
// the same for every username, and so does the code check; codes expire, run out of tries, are
// single use and belong to one workspace; texts are limited per number and per address; the admin
// can turn it off; and the phone never resets the password of an account it would then guard alone.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { systemDb } from "@/lib/db/prisma";
import { initialFormState } from "@/lib/forms/form-state";
import { smsOutboxTransport } from "@/lib/sms/transports/outbox";
import { createCaptchaChallenge } from "./captcha";
import { createSession, validateSessionToken } from "./sessions";
import { verifyPassword } from "./password-hash";
import {
  SMS_RESET_IP_LIMIT,
  SMS_RESET_PROOF_MAX_ATTEMPTS,
  checkSmsResetCode,
  completeSmsPasswordReset,
  emailResetLinkInstead,
  lookUpSmsResetTicket,
  requestSmsPasswordReset,
} from "./sms-password-reset";
import { SMS_NUMBER_LIMIT } from "./sms-codes";
import { completePasswordReset } from "./complete-password-reset";
import { enrolPasskey, enrolPhone, enrolTotp, giveRecoveryCodes, setMfaPolicy } from "./mfa-test-helpers";
import { TEST_PASSWORD, addMember, auditEvents, createWorkspace, emailsTo, uniqueSuffix, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";

// The server action runs outside a request here: after() queues its task for the test to run.
const deferred = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void deferred.push(task),
}));
const requestIp = vi.hoisted(() => ({ value: "203.0.113.60" }));
vi.mock("@/lib/auth/request-info", () => ({
  requestInfo: async () => ({ ip: requestIp.value, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" }),
  ipLimitChargedByProxy: async () => false,
}));
const { requestSmsResetCodeAction } = await import("@/app/[tenant]/forgot-password/sms/actions");

const NEW_PASSWORD = "violet lantern under seven bridges";
const outbox = { transport: smsOutboxTransport };
// In the future (tickets and sessions are also checked against the real clock) and on the hour:
// the rate limits count in fixed windows, and a test that sends five texts over five minutes must
// not straddle a window's edge.
const HOUR_MS = 60 * 60_000;
const T0 = new Date((Math.floor(Date.now() / HOUR_MS) + 2) * HOUR_MS);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let ws: TestWorkspace;
let other: TestWorkspace;
let counter = 0;

// A distinct number and client address per use, so one test's per-number and per-IP limits don't
// leak into another's.
function freshPhone(): string {
  counter++;
  return `+86139${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(5, "0")}`;
}
function freshMeta() {
  counter++;
  return { ip: `198.51.${Math.floor(counter / 250)}.${counter % 250}`, userAgent: "vitest" };
}

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

beforeEach(() => {
  deferred.length = 0;
});

async function runDeferred() {
  const tasks = deferred.splice(0);
  for (const task of tasks) await task();
  return tasks.length;
}

/** A member with a verified phone and recovery codes (a first factor brings them). */
async function memberWithPhone(overrides: Parameters<typeof addMember>[2] = {}, tenantId = ws.tenant.id) {
  const user = await addMember(tenantId, "SALES_REP", overrides);
  const phone = freshPhone();
  await enrolPhone(tenantId, user.id, phone);
  const recoveryCodes = await giveRecoveryCodes(tenantId, user.id);
  return { user, phone, recoveryCodes };
}

async function textsTo(phone: string) {
  return systemDb().smsMessage.findMany({ where: { to: phone }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

async function lastCodeTo(phone: string): Promise<string> {
  const texts = await textsTo(phone);
  const match = /\b(\d{6})\b/.exec(texts.at(-1)?.body ?? "");
  if (!match) throw new Error(`No code texted to ${phone}`);
  return match[1]!;
}

function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

async function request(username: string, now = T0, meta = freshMeta(), tenantId = ws.tenant.id) {
  return requestSmsPasswordReset({ tenantId, username, ...meta }, { now, ...outbox });
}

/** Asks for a code, types it back, and returns the ticket. */
async function ticketFor(user: User, phone: string, now = T0): Promise<string> {
  expect(await request(user.email, now, freshMeta(), user.tenantId)).toBe("sent");
  const result = await checkSmsResetCode({ tenantId: user.tenantId, username: user.email, code: await lastCodeTo(phone), now });
  if (!result.ok) throw new Error(`code refused: ${result.reason}`);
  return result.ticket;
}

function complete(ticket: string, extra: { proof?: { kind: "recovery-code" | "totp"; code: string }; now?: Date; password?: string; slug?: string } = {}) {
  return completeSmsPasswordReset({
    slug: extra.slug ?? ws.tenant.slug,
    ticket,
    newPassword: extra.password ?? NEW_PASSWORD,
    proof: extra.proof ?? null,
    now: extra.now ?? T0,
    ...freshMeta(),
  });
}

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

describe("asking for a code", () => {
  it("answers a real, an unknown, a phoneless, an unverified-phone and a deactivated member identically, and texts only the real one", async () => {
    const real = await memberWithPhone();
    const deactivated = await memberWithPhone({ status: "DEACTIVATED" });
    const phoneless = await addMember(ws.tenant.id, "SALES_REP");
    const unverified = await addMember(ws.tenant.id, "SALES_REP");
    const unverifiedPhone = freshPhone();
    await systemDb().phoneFactor.create({ data: { tenantId: ws.tenant.id, userId: unverified.id, phone: unverifiedPhone, verifiedAt: null } });
    const unknown = `nobody-${uniqueSuffix()}@example.test`;

    const states = [];
    for (const username of [real.user.email, unknown, phoneless.email, unverified.email, deactivated.user.email]) {
      requestIp.value = freshMeta().ip;
      states.push(await requestSmsResetCodeAction(ws.tenant.slug, initialFormState, form({ username, captcha: await solvedCaptcha() })));
    }
    expect(states[0]).toStrictEqual({ status: "success", fieldErrors: {}, values: {} });
    for (const state of states) expect(state).toStrictEqual(states[0]);

    // The lookup and the text happen after the answer, for all of them alike.
    expect(await textsTo(real.phone)).toHaveLength(0);
    expect(await runDeferred()).toBe(5);
    expect(await textsTo(real.phone)).toHaveLength(1);
    expect(await textsTo(deactivated.phone)).toHaveLength(0);
    expect(await textsTo(unverifiedPhone)).toHaveLength(0);
    // Every request left a row, so the code check meets the same thing for each username.
    expect(await systemDb().smsPasswordReset.count({ where: { tenantId: ws.tenant.id, createdAt: { gte: new Date(Date.now() - 60_000) } } })).toBeGreaterThanOrEqual(5);
  });

  it("always requires the captcha", async () => {
    const { user } = await memberWithPhone();
    const state = await requestSmsResetCodeAction(ws.tenant.slug, initialFormState, form({ username: user.email }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { captcha: ["smsReset.captchaRequired"] }, values: { username: user.email } });
    expect(deferred).toHaveLength(0);
  });

  it("texts a code with the workspace's name in the member's language and stores only an HMAC", async () => {
    const { user, phone } = await memberWithPhone({ locale: "zh-CN" });
    expect(await request(user.email)).toBe("sent");
    const [text] = await textsTo(phone);
    expect(text!.body).toContain(ws.tenant.name);
    expect(text!.body).toContain("重置");
    const code = await lastCodeTo(phone);
    const row = await systemDb().smsPasswordReset.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.usernameKey).not.toContain(user.email);
    expect((await auditEvents(ws.tenant.id, "password.reset_requested")).filter((event) => event.targetUserId === user.id).at(-1)?.data).toEqual({ via: "sms" });
  });

  it("finds the member by employee number too, case and spaces aside", async () => {
    // Kept as typed ("E…"), typed back in lower case.
    const { user, phone } = await memberWithPhone({ employeeNumber: `E${uniqueSuffix()}` });
    expect(await request(`  ${user.employeeNumber!.toLowerCase()} `)).toBe("sent");
    expect(await textsTo(phone)).toHaveLength(1);
  });

  it("refuses a new code within 60 seconds, then replaces the earlier one", async () => {
    const { user, phone } = await memberWithPhone();
    expect(await request(user.email, T0)).toBe("sent");
    const first = await lastCodeTo(phone);
    expect(await request(user.email, at(59))).toBe("cooldown");
    expect(await textsTo(phone)).toHaveLength(1);
    expect(await request(user.email, at(60))).toBe("sent");
    const second = await lastCodeTo(phone);
    if (first !== second) {
      expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code: first, now: at(61) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect((await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code: second, now: at(62) })).ok).toBe(true);
  });

  it("stops texting one number after the per-number limit", async () => {
    const { user, phone } = await memberWithPhone();
    for (let i = 0; i < SMS_NUMBER_LIMIT.limit; i++) expect(await request(user.email, at(i * 61))).toBe("sent");
    expect(await request(user.email, at(SMS_NUMBER_LIMIT.limit * 61))).toBe("number-limit");
    expect(await textsTo(phone)).toHaveLength(SMS_NUMBER_LIMIT.limit);
  });

  it("stops one client address after the per-address limit, whatever the usernames", async () => {
    const meta = freshMeta();
    const members = await Promise.all(Array.from({ length: SMS_RESET_IP_LIMIT.limit + 1 }, () => memberWithPhone()));
    for (const [i, { user }] of members.entries()) {
      expect(await request(user.email, T0, meta)).toBe(i < SMS_RESET_IP_LIMIT.limit ? "sent" : "ip-limit");
    }
    expect(await textsTo(members.at(-1)!.phone)).toHaveLength(0);
    // Another address still gets its text.
    expect(await request(members.at(-1)!.user.email, T0)).toBe("sent");
  });

  it("is refused, on the form and underneath, when an admin turned it off", async () => {
    const own = await createWorkspace();
    const { user, phone } = await memberWithPhone({}, own.tenant.id);
    expect(await request(user.email, T0, freshMeta(), own.tenant.id)).toBe("sent");
    const code = await lastCodeTo(phone);
    await setMfaPolicy(own.tenant.id, { allowSmsPasswordReset: false });

    const state = await requestSmsResetCodeAction(own.tenant.slug, initialFormState, form({ username: user.email, captcha: await solvedCaptcha() }));
    expect(state).toMatchObject({ status: "error", formError: "smsReset.disabled", values: { username: user.email } });
    expect(deferred).toHaveLength(0);
    expect(await request(user.email, at(120), freshMeta(), own.tenant.id)).toBe("disabled");
    // A code sent before the switch was turned off no longer works either.
    expect(await checkSmsResetCode({ tenantId: own.tenant.id, username: user.email, code, now: at(1) })).toEqual({ ok: false, reason: "disabled" });
    expect(await textsTo(phone)).toHaveLength(1);
  });
});

describe("the code", () => {
  it("works until just before 5 minutes and has expired at 5 minutes", async () => {
    const { user, phone } = await memberWithPhone();
    expect(await request(user.email, T0)).toBe("sent");
    const code = await lastCodeTo(phone);
    expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code, now: at(300) })).toEqual({ ok: false, reason: "expired" });

    const second = await memberWithPhone();
    expect(await request(second.user.email, T0)).toBe("sent");
    const accepted = await checkSmsResetCode({ tenantId: ws.tenant.id, username: second.user.email, code: await lastCodeTo(second.phone), now: new Date(at(300).getTime() - 1) });
    expect(accepted.ok).toBe(true);
  });

  it("is single use", async () => {
    const { user, phone } = await memberWithPhone();
    expect(await request(user.email)).toBe("sent");
    const code = await lastCodeTo(phone);
    expect((await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code, now: at(1) })).ok).toBe(true);
    expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code, now: at(2) })).toEqual({ ok: false, reason: "no-code" });
  });

  it("burns on the fifth wrong try, even for the right code afterwards", async () => {
    const { user, phone } = await memberWithPhone();
    expect(await request(user.email)).toBe("sent");
    const code = await lastCodeTo(phone);
    for (let i = 0; i < 4; i++) {
      expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code: otherCode(code), now: at(1) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code: otherCode(code), now: at(1) })).toEqual({ ok: false, reason: "too-many-attempts" });
    expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code, now: at(1) })).toEqual({ ok: false, reason: "too-many-attempts" });
  });

  it("belongs to its workspace: the same code under another workspace, and its ticket there, are unknown", async () => {
    const { user, phone } = await memberWithPhone();
    expect(await request(user.email)).toBe("sent");
    const code = await lastCodeTo(phone);
    expect(await checkSmsResetCode({ tenantId: other.tenant.id, username: user.email, code, now: at(1) })).toEqual({ ok: false, reason: "no-code" });
    const result = await checkSmsResetCode({ tenantId: ws.tenant.id, username: user.email, code, now: at(2) });
    if (!result.ok) throw new Error(result.reason);
    expect(await lookUpSmsResetTicket(other.tenant.slug, result.ticket, at(3))).toEqual({ status: "unknown" });
    expect(await complete(result.ticket, { slug: other.tenant.slug, now: at(3) })).toEqual({ ok: false, reason: "unknown" });
  });

  it("answers the same sequence for a real account and an unknown username: wrong, then burnt, then expired", async () => {
    const { user } = await memberWithPhone();
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    const sequences: string[][] = [];
    for (const username of [user.email, unknown]) {
      expect(["sent", "no-account"]).toContain(await request(username, T0));
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const result = await checkSmsResetCode({ tenantId: ws.tenant.id, username, code: "000000", now: at(1) });
        seen.push(result.ok ? "ok" : result.reason);
      }
      expect(await request(username, at(120))).not.toBe("cooldown");
      const expired = await checkSmsResetCode({ tenantId: ws.tenant.id, username, code: "000000", now: at(120 + 300) });
      seen.push(expired.ok ? "ok" : expired.reason);
      sequences.push(seen);
    }
    // (A real code of "000000" would make the first sequence start with "ok": one in a million.)
    expect(sequences[0]).toEqual(["invalid", "invalid", "invalid", "invalid", "too-many-attempts", "too-many-attempts", "expired"]);
    expect(sequences[1]).toEqual(sequences[0]);
  });

  it("texted to an unverified phone or a deactivated member never opens a ticket", async () => {
    const unverified = await addMember(ws.tenant.id, "SALES_REP");
    await systemDb().phoneFactor.create({ data: { tenantId: ws.tenant.id, userId: unverified.id, phone: freshPhone(), verifiedAt: null } });
    expect(await request(unverified.email)).toBe("no-account");
    const { user: deactivated } = await memberWithPhone({ status: "DEACTIVATED" });
    expect(await request(deactivated.email)).toBe("no-account");
    // Their rows exist, with codes nobody was sent; every guess is just wrong.
    for (const username of [unverified.email, deactivated.email]) {
      expect(await checkSmsResetCode({ tenantId: ws.tenant.id, username, code: "123456", now: at(1) })).toEqual({ ok: false, reason: "invalid" });
    }
  });
});

describe("the new password", () => {
  it("asks a member whose phone is the only second factor for one more proof, and refuses without it", async () => {
    const { user, phone } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    const lookup = await lookUpSmsResetTicket(ws.tenant.slug, ticket, T0);
    expect(lookup).toMatchObject({ status: "valid", email: user.email, proof: { required: true, offered: ["recovery-code", "email-link"], resetByEmailRequired: false } });
    expect(await complete(ticket)).toEqual({ ok: false, reason: "proof-required" });
    // An authenticator app the member doesn't have is no proof.
    expect(await complete(ticket, { proof: { kind: "totp", code: "123456" } })).toEqual({ ok: false, reason: "proof-required" });
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: "aaaa-bbbb-cccc" } })).toEqual({ ok: false, reason: "proof-invalid" });
    const row = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("accepts a recovery code as the extra proof, and uses it up", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: true });
    const row = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await systemDb().recoveryCode.count({ where: { tenantId: ws.tenant.id, userId: user.id, usedAt: { not: null } } })).toBe(1);
    const reset = (await auditEvents(ws.tenant.id, "password.reset")).filter((event) => event.targetUserId === user.id);
    expect(reset.at(-1)?.data).toMatchObject({ via: "sms", extraProof: "recovery-code" });
  });

  it("accepts the authenticator app as the extra proof while SMS is also a second factor", async () => {
    const { user, phone } = await memberWithPhone();
    const totp = await enrolTotp(ws.tenant.id, user.id);
    const ticket = await ticketFor(user, phone);
    expect(await lookUpSmsResetTicket(ws.tenant.slug, ticket, T0)).toMatchObject({ proof: { required: true, offered: ["recovery-code", "totp", "email-link"] } });
    expect(await complete(ticket, { proof: { kind: "totp", code: otherCode(totp.codeAt(T0)) } })).toEqual({ ok: false, reason: "proof-invalid" });
    expect(await complete(ticket, { proof: { kind: "totp", code: totp.codeAt(T0) } })).toEqual({ ok: true });
  });

  it("accepts an emailed link instead: the ticket ends and the ordinary reset link goes to the account's address", async () => {
    const { user, phone } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    const result = await emailResetLinkInstead({ slug: ws.tenant.slug, ticket, ...freshMeta(), now: T0 });
    expect(result).toEqual({ ok: true, email: `${user.email[0]}•••${user.email.slice(user.email.indexOf("@"))}` });
    const emails = await emailsTo(user.email);
    expect(emails.at(-1)!.text).toContain(`/${ws.tenant.slug}/reset-password/`);
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: "whatever" } })).toEqual({ ok: false, reason: "used" });
  });

  it("asks nothing more when SMS is not a second factor the workspace accepts and the member has an app", async () => {
    const own = await createWorkspace();
    const { user, phone } = await memberWithPhone({}, own.tenant.id);
    await enrolTotp(own.tenant.id, user.id);
    await setMfaPolicy(own.tenant.id, { allowSms: false });
    const ticket = await ticketFor(user, phone);
    expect(await lookUpSmsResetTicket(own.tenant.slug, ticket, T0)).toMatchObject({ proof: { required: false } });
    expect(await complete(ticket, { slug: own.tenant.slug })).toEqual({ ok: true });
  });

  it("still asks when the member's other factor is a passkey but SMS still completes sign-in", async () => {
    const { user, phone } = await memberWithPhone();
    await enrolPasskey(ws.tenant.id, user.id);
    const ticket = await ticketFor(user, phone);
    expect(await complete(ticket)).toEqual({ ok: false, reason: "proof-required" });
  });

  it("burns the ticket after five wrong proofs", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    for (let i = 1; i < SMS_RESET_PROOF_MAX_ATTEMPTS; i++) {
      expect(await complete(ticket, { proof: { kind: "recovery-code", code: `wrong-code-${i}` } })).toEqual({ ok: false, reason: "proof-invalid" });
    }
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: "wrong-code-last" } })).toEqual({ ok: false, reason: "proof-too-many-attempts" });
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: false, reason: "expired" });
  });

  it("applies the workspace's password policy, keeping the ticket and the proof already given", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    const refused = await complete(ticket, { password: "short", proof: { kind: "recovery-code", code: recoveryCodes[0]! } });
    expect(refused).toMatchObject({ ok: false, reason: "password" });
    expect(await lookUpSmsResetTicket(ws.tenant.slug, ticket, T0)).toMatchObject({ status: "valid", proofGiven: true });
    expect(await complete(ticket)).toEqual({ ok: true });
    expect(await systemDb().recoveryCode.count({ where: { tenantId: ws.tenant.id, userId: user.id, usedAt: { not: null } } })).toBe(1);
  });

  it("ends every session, emails 'password changed', is single use and audited as the emailed reset is", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const policy = { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 };
    const sessions = await Promise.all([1, 2].map(() => createSession({ tenantId: ws.tenant.id, userId: user.id, policy, ip: null, userAgent: null })));
    const ticket = await ticketFor(user, phone, new Date());
    expect(await complete(ticket, { now: new Date(), proof: { kind: "recovery-code", code: recoveryCodes[1]! } })).toEqual({ ok: true });
    for (const session of sessions) expect(await validateSessionToken(session.token)).toBeNull();
    const emails = await emailsTo(user.email);
    expect(emails.at(-1)!.subject).toMatch(/password/i);
    expect(await complete(ticket, { now: new Date() })).toEqual({ ok: false, reason: "used" });
    const reset = (await auditEvents(ws.tenant.id, "password.reset")).filter((event) => event.targetUserId === user.id);
    expect(reset).toHaveLength(1);
    expect(reset[0]!.data).toEqual({ sessionsRevoked: 2, via: "sms", extraProof: "recovery-code" });
  });

  it("dies when the password is reset by the emailed link meanwhile", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const ticket = await ticketFor(user, phone, new Date());
    const link = await emailResetLinkInstead({ slug: ws.tenant.slug, ticket: await ticketFor(user, phone, new Date(Date.now() + 61_000)), ...freshMeta() });
    expect(link.ok).toBe(true);
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec((await emailsTo(user.email)).at(-1)!.text)![1]!;
    expect(await completePasswordReset({ slug: ws.tenant.slug, token, newPassword: NEW_PASSWORD, ...freshMeta() })).toEqual({ ok: true });
    expect(await complete(ticket, { now: new Date(), proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: false, reason: "used" });
  });

  it("expires 10 minutes after the code was right", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    expect(await lookUpSmsResetTicket(ws.tenant.slug, ticket, at(600))).toEqual({ status: "expired" });
    expect(await complete(ticket, { now: at(600), proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused for a member deactivated after the code was right", async () => {
    const { user, phone } = await memberWithPhone();
    const ticket = await ticketFor(user, phone);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { status: "DEACTIVATED" } });
    expect(await complete(ticket)).toEqual({ ok: false, reason: "unknown" });
  });

  it("is refused once an admin turns SMS reset off", async () => {
    const own = await createWorkspace();
    const { user, phone, recoveryCodes } = await memberWithPhone({}, own.tenant.id);
    const ticket = await ticketFor(user, phone);
    await setMfaPolicy(own.tenant.id, { allowSmsPasswordReset: false });
    expect(await complete(ticket, { slug: own.tenant.slug, proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: false, reason: "disabled" });
  });

  it("sends a member owing a forced reset to the emailed link, whatever proof they give", async () => {
    const { user, phone, recoveryCodes } = await memberWithPhone();
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { passwordResetRequired: true } });
    const ticket = await ticketFor(user, phone);
    expect(await lookUpSmsResetTicket(ws.tenant.slug, ticket, T0)).toMatchObject({ proof: { required: true, offered: ["email-link"], resetByEmailRequired: true } });
    expect(await complete(ticket, { proof: { kind: "recovery-code", code: recoveryCodes[0]! } })).toEqual({ ok: false, reason: "reset-by-email-required" });
    const row = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(row.passwordResetRequired).toBe(true);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(true);
    expect((await emailResetLinkInstead({ slug: ws.tenant.slug, ticket, ...freshMeta(), now: T0 })).ok).toBe(true);
  });
});
