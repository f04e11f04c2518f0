// Codes by email as a second factor, as a member and an attacker meet them: every refusal
// (expired, reused, replaced, another workspace, another member, too many tries, not turned on,
// switched off by the workspace, after an emailed link), the lockout they feed, the resend wait,
// and whether they satisfy a workspace's requirement of two-step sign-in.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, emailsTo, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import { EmailDeliveryError } from "@/lib/email/errors";
import { EMAIL_CODE_MEMBER_LIMIT, sendEmailCode, verifyEmailCode } from "./email-codes";
import { attemptSecondFactorCode } from "./second-factor-attempt";
import { decideSignIn } from "./complete-sign-in";
import { readThrottle, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { setMfaPolicy } from "./mfa-test-helpers";
import { confirmEmailCodeFactor, disableEmailCodeFactor, startEmailCodeFactor } from "@/lib/dal/mfa/own-mfa";
import type { User } from "@/lib/generated/prisma/client";
import { resetMemberMfa } from "@/lib/dal/members/reset-member-mfa";
import { removeSignInMethodsAddedSince } from "./require-password-reset";

let ws: TestWorkspace;
let member: User;
const T0 = new Date("2026-12-07T04:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

async function lastCodeTo(address: string): Promise<string> {
  const emails = await emailsTo(address);
  // The code stands on a line of its own (a workspace name could hold six digits too).
  const match = /^(\d{6})$/m.exec(emails.at(-1)?.text ?? "");
  if (!match) throw new Error(`No code in the last email to ${address}`);
  return match[1]!;
}

function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

async function turnOnEmailCodes(user: User, workspace = ws) {
  await systemDb().emailCodeFactor.create({ data: { tenantId: workspace.tenant.id, userId: user.id } });
}

function attempt(user: User, code: string, now: Date, extra: { amr?: string[]; tenantId?: string } = {}) {
  return attemptSecondFactorCode({ tenantId: extra.tenantId ?? ws.tenant.id, userId: user.id, method: "email", code, purpose: "sign-in", amr: extra.amr, ip: meta.ip, userAgent: meta.userAgent, defer: () => {}, now });
}

async function failures(user: User, now: Date) {
  return (await readThrottle(ws.tenant.id, throttleKey(user.id, ""), await getSecurityPolicy(ws.tenant.id), now)).failures;
}

beforeEach(async () => {
  ws = await createWorkspace();
  await setMfaPolicy(ws.tenant.id, { allowEmailCode: true });
  member = await addMember(ws.tenant.id, "SALES_REP");
});

describe("sendEmailCode", () => {
  it("emails a 6-digit code to the member's own address, valid 10 minutes, and stores only an HMAC", async () => {
    expect(await sendEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", ...meta }, { now: T0 })).toEqual({ ok: true, resendAfterSeconds: 60 });
    const [email] = await emailsTo(member.email);
    expect(email).toMatchObject({ template: "email-code", tenantId: ws.tenant.id });
    expect(email!.subject).toContain(ws.tenant.name);
    const code = await lastCodeTo(member.email);
    const row = await systemDb().emailCode.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: member.id } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.expiresAt).toEqual(at(600));
  });

  it("writes the email in Chinese for a Chinese-speaking member", async () => {
    const zh = await addMember(ws.tenant.id, "SALES_REP", { locale: "zh-CN" });
    await sendEmailCode({ tenantId: ws.tenant.id, userId: zh.id, purpose: "sign-in", ...meta }, { now: T0 });
    const [email] = await emailsTo(zh.email);
    expect(email!.subject).toContain("验证码");
  });

  it("makes the member wait 60 seconds, then replaces the earlier code", async () => {
    const input = { tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in" as const, ...meta };
    await sendEmailCode(input, { now: T0 });
    const first = await lastCodeTo(member.email);
    expect(await sendEmailCode(input, { now: at(30) })).toEqual({ ok: false, reason: "cooldown", retryAfterSeconds: 30 });
    expect(await emailsTo(member.email)).toHaveLength(1);
    expect(await sendEmailCode(input, { now: at(60) })).toMatchObject({ ok: true });
    const second = await lastCodeTo(member.email);
    if (first !== second) expect(await verifyEmailCode({ ...input, code: first, now: at(61) })).toBe("invalid");
    expect(await verifyEmailCode({ ...input, code: second, now: at(62) })).toBe("ok");
  });

  it("stops at the hourly limit per member, so a stolen password can't flood the mailbox", async () => {
    const input = { tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in" as const, ...meta };
    for (let i = 0; i < EMAIL_CODE_MEMBER_LIMIT.limit; i++) expect(await sendEmailCode(input, { now: at(i * 61) })).toMatchObject({ ok: true });
    expect(await sendEmailCode(input, { now: at(EMAIL_CODE_MEMBER_LIMIT.limit * 61) })).toEqual({ ok: false, reason: "member-limit" });
  });

  it("drops the code when the email can't be delivered", async () => {
    const failing = { name: "resend" as const, send: async () => Promise.reject(new EmailDeliveryError("refused", { emailMessageId: "none", statusCode: 503, providerErrorName: null, attempts: 1 })) };
    expect(await sendEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", ...meta }, { now: T0, transport: failing })).toEqual({ ok: false, reason: "provider" });
    expect(await systemDb().emailCode.count({ where: { tenantId: ws.tenant.id, userId: member.id } })).toBe(0);
  });
});

describe("an emailed code as the second step of signing in", () => {
  beforeEach(async () => {
    await turnOnEmailCodes(member);
    await sendEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", ...meta }, { now: T0 });
  });

  it("is accepted once, then refused when used again", async () => {
    const code = await lastCodeTo(member.email);
    expect(await attempt(member, code, at(10))).toEqual({ ok: true });
    expect(await attempt(member, code, at(11))).toEqual({ ok: false, error: "codeNotSent", lockedUntil: null });
  });

  it("is refused after 10 minutes, and the refusal counts as a wrong try", async () => {
    const code = await lastCodeTo(member.email);
    expect(await attempt(member, code, at(600))).toEqual({ ok: false, error: "codeExpired", lockedUntil: null });
    expect(await failures(member, at(600))).toBe(1);
  });

  it("burns the code on the fifth wrong try: the right one no longer works, and each try counts in the lockout", async () => {
    const code = await lastCodeTo(member.email);
    for (let i = 1; i <= 4; i++) expect(await attempt(member, otherCode(code), at(i))).toMatchObject({ ok: false, error: "codeInvalid" });
    expect(await attempt(member, otherCode(code), at(5))).toMatchObject({ ok: false });
    expect(await attempt(member, code, at(6))).toMatchObject({ ok: false });
    expect(await failures(member, at(6))).toBeGreaterThanOrEqual(5);
    expect(await verifyEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", code, now: at(7) })).toBe("too-many-attempts");
  });

  it("is refused for another member of the workspace, even one who also has codes by email", async () => {
    const code = await lastCodeTo(member.email);
    const other = await addMember(ws.tenant.id, "SALES_REP");
    await turnOnEmailCodes(other);
    expect(await attempt(other, code, at(10))).toMatchObject({ ok: false, error: "codeNotSent" });
    expect(await attempt(member, code, at(11))).toEqual({ ok: true });
  });

  it("is refused in another workspace, for the same person's account there", async () => {
    const code = await lastCodeTo(member.email);
    const elsewhere = await createWorkspace();
    await setMfaPolicy(elsewhere.tenant.id, { allowEmailCode: true });
    const twin = await addMember(elsewhere.tenant.id, "SALES_REP", { email: `twin-${member.email}` });
    await turnOnEmailCodes(twin, elsewhere);
    expect(await attemptSecondFactorCode({ tenantId: elsewhere.tenant.id, userId: twin.id, method: "email", code, purpose: "sign-in", ip: null, userAgent: null, defer: () => {}, now: at(10) })).toMatchObject({ ok: false, error: "codeNotSent" });
    // The member's id in the wrong workspace finds nothing either (tenantDb scopes every query).
    expect(await verifyEmailCode({ tenantId: elsewhere.tenant.id, userId: member.id, purpose: "sign-in", code, now: at(10) })).toBe("no-code");
    expect(await attempt(member, code, at(11))).toEqual({ ok: true });
  });

  it("is refused for the other purpose: a sign-in code doesn't confirm a sensitive change", async () => {
    const code = await lastCodeTo(member.email);
    expect(await attemptSecondFactorCode({ tenantId: ws.tenant.id, userId: member.id, method: "email", code, purpose: "reverify", ip: null, userAgent: null, defer: () => {}, now: at(10) })).toMatchObject({ ok: false, error: "codeNotSent" });
  });

  it("is refused once the workspace switches codes by email off", async () => {
    const code = await lastCodeTo(member.email);
    await setMfaPolicy(ws.tenant.id, { allowEmailCode: false });
    expect(await attempt(member, code, at(10))).toEqual({ ok: false, error: "factorUnavailable", lockedUntil: null });
  });

  it("is refused after an emailed sign-in link: the same mailbox would be both steps", async () => {
    const code = await lastCodeTo(member.email);
    expect(await attempt(member, code, at(10), { amr: ["email-link"] })).toEqual({ ok: false, error: "factorUnavailable", lockedUntil: null });
  });

  it("is refused for a member who never turned codes by email on", async () => {
    const other = await addMember(ws.tenant.id, "SALES_REP");
    await sendEmailCode({ tenantId: ws.tenant.id, userId: other.id, purpose: "sign-in", ...meta }, { now: T0 });
    expect(await attempt(other, await lastCodeTo(other.email), at(10))).toEqual({ ok: false, error: "factorUnavailable", lockedUntil: null });
  });
});

describe("turning codes by email on and off", () => {
  it("needs the emailed code, gives recovery codes with the first factor, and is audited", async () => {
    const ctx = memberContext(member, ws.tenant);
    expect(await startEmailCodeFactor(ctx, TEST_META)).toMatchObject({ ok: true });
    const code = await lastCodeTo(member.email);
    expect(await confirmEmailCodeFactor(ctx, otherCode(code), TEST_META)).toEqual({ ok: false, reason: "invalid" });
    const confirmed = await confirmEmailCodeFactor(ctx, code, TEST_META);
    expect(confirmed.ok && confirmed.recoveryCodes).toHaveLength(10);
    expect(await systemDb().auditEvent.count({ where: { tenantId: ws.tenant.id, type: "mfa.email_code.enabled", targetUserId: member.id } })).toBe(1);
    expect(await startEmailCodeFactor(ctx, TEST_META)).toEqual({ ok: false, reason: "already-on" });
  });

  it("is refused while the workspace doesn't allow it", async () => {
    await setMfaPolicy(ws.tenant.id, { allowEmailCode: false });
    expect(await startEmailCodeFactor(memberContext(member, ws.tenant), TEST_META)).toEqual({ ok: false, reason: "not-allowed" });
  });

  it("turning it off needs a recent verification", async () => {
    await turnOnEmailCodes(member);
    const stale = memberContext(member, ws.tenant, { verifiedAt: new Date(Date.now() - 60 * 60_000) });
    expect(await disableEmailCodeFactor(stale, TEST_META)).toEqual({ ok: false, reason: "reverify" });
    expect(await systemDb().emailCodeFactor.count({ where: { tenantId: ws.tenant.id, userId: member.id } })).toBe(1);
  });
});

describe("codes by email and the workspace's requirement", () => {
  it("asks a member who turned them on for the code at sign-in", async () => {
    await turnOnEmailCodes(member);
    expect(await decideSignIn({ tenantId: ws.tenant.id, user: member, method: "password", now: T0 })).toMatchObject({ steps: ["second-factor"] });
  });

  it("don't ask for a code after an emailed link", async () => {
    await turnOnEmailCodes(member);
    expect(await decideSignIn({ tenantId: ws.tenant.id, user: member, method: "email-link", now: T0 })).toMatchObject({ steps: [] });
  });

  it("satisfy 'everyone' for a sales rep, but not 'Owners and Admins' for an admin past the grace period", async () => {
    await setMfaPolicy(ws.tenant.id, { requirement: "EVERYONE", requirementSince: new Date("2026-01-01"), graceDays: 0 });
    const old = { createdAt: new Date("2026-01-01") };
    await turnOnEmailCodes(member);
    expect(await decideSignIn({ tenantId: ws.tenant.id, user: { ...member, ...old }, method: "password", now: T0 })).toMatchObject({ steps: ["second-factor"] });
    const admin = await addMember(ws.tenant.id, "ADMIN");
    await turnOnEmailCodes(admin);
    expect(await decideSignIn({ tenantId: ws.tenant.id, user: { ...admin, ...old }, method: "password", now: T0 })).toMatchObject({ steps: ["second-factor", "mfa-enrol"] });
  });
});

describe("codes by email when the account is taken back", () => {
  it("go with an admin's reset of the member's second factors, codes in flight included", async () => {
    await turnOnEmailCodes(member);
    await sendEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", ...meta }, { now: T0 });
    const code = await lastCodeTo(member.email);
    const owner = memberContext(ws.owner, ws.tenant);
    expect(await resetMemberMfa(owner, member.id, TEST_META)).toMatchObject({ ok: true });
    expect(await systemDb().emailCodeFactor.count({ where: { tenantId: ws.tenant.id, userId: member.id } })).toBe(0);
    expect(await verifyEmailCode({ tenantId: ws.tenant.id, userId: member.id, purpose: "sign-in", code, now: at(10) })).toBe("no-code");
  });

  it("turned on after a sign-in the member reports as \"this wasn't me\" are removed; turned on before, they stay", async () => {
    const since = new Date(Date.now() - 60_000);
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: member.id, enabledAt: new Date() } });
    await removeSignInMethodsAddedSince({ tenantId: ws.tenant.id, userId: member.id, since, meta });
    expect(await systemDb().emailCodeFactor.count({ where: { tenantId: ws.tenant.id, userId: member.id } })).toBe(0);
    expect(await systemDb().auditEvent.count({ where: { tenantId: ws.tenant.id, type: "mfa.email_code.disabled", targetUserId: member.id } })).toBe(1);

    const older = await addMember(ws.tenant.id, "SALES_REP");
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: older.id, enabledAt: new Date(Date.now() - 120_000) } });
    await removeSignInMethodsAddedSince({ tenantId: ws.tenant.id, userId: older.id, since, meta });
    expect(await systemDb().emailCodeFactor.count({ where: { tenantId: ws.tenant.id, userId: older.id } })).toBe(1);
  });
});
