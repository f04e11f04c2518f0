// The second-factor step and everything around it, as a member and as an attacker would meet it:
// wrong codes move the lockout (and eventually lock), a replayed TOTP code is refused, the session
// is rotated (the old token is worthless), a restricted session can do nothing else, the
// re-verification window, the MFA policy's validation, and an admin's reset.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, TEST_META, TEST_PASSWORD, emailsTo, type TestWorkspace } from "@/test/factories";
import { z } from "zod";
import { attemptSecondFactorCode } from "./second-factor-attempt";
import { rotateAfterSecondFactor } from "./complete-second-factor";
import { establishSignIn } from "./complete-sign-in";
import { validateSessionToken } from "./sessions";
import { readThrottle, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { needsReverification, reverifyWithPassword } from "./reverify";
import { enrolPasskey, enrolPhone, enrolTotp, giveRecoveryCodes } from "./mfa-test-helpers";
import { findRememberedDevice } from "./remembered-devices";
import { mfaPolicySchema } from "@/lib/validation/mfa-policy";
import { updateMfaPolicy } from "@/lib/dal/security-policy/update-mfa-policy";
import { resetMemberMfa } from "@/lib/dal/members/reset-member-mfa";
import { listEnrolledAuthenticators } from "@/lib/dal/access-review/enrolled-authenticators";
import { tenantDb } from "@/lib/db/tenant-db";

// The request's cookie, as next/headers would report it (memberAction and requireMember read it).
const request = vi.hoisted(() => ({ token: undefined as string | undefined, set: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name.endsWith("relay_session") && request.token ? { name, value: request.token } : undefined),
    set: (name: string, value: string) => void request.set.set(name, value),
  }),
  headers: async () => new Headers({ "x-relay-client-ip": "203.0.113.7", "user-agent": "vitest" }),
}));
const { memberAction } = await import("@/lib/actions/member-action");
const { requireMember } = await import("./current-member");
const { verifySignInCodeAction } = await import("@/app/[tenant]/login/verify/actions");

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

async function tenantRow() {
  return systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
}

async function restrictedSession(userId: string) {
  return establishSignIn({ tenant: await tenantRow(), userId, method: "password", ip: "203.0.113.7", userAgent: "vitest" });
}

function attempt(userId: string, method: "totp" | "sms" | "recovery-code", code: string, now?: Date) {
  return attemptSecondFactorCode({ tenantId: ws.tenant.id, userId, method, code, purpose: "sign-in", ip: "203.0.113.7", userAgent: "vitest", defer: () => {}, now });
}

function redirectOf(error: unknown): string | null {
  const digest = (error as { digest?: string })?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") ? digest.split(";")[2]! : null;
}

describe("codes", () => {
  it("a right TOTP code passes once; the same code (a replay) is refused as replayed", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    const totp = await enrolTotp(ws.tenant.id, member.id);
    const now = new Date();
    expect(await attempt(member.id, "totp", totp.codeAt(now), now)).toEqual({ ok: true });
    expect(await attempt(member.id, "totp", totp.codeAt(now), now)).toEqual({ ok: false, error: "codeReplayed", lockedUntil: null });
    // An earlier step's code is a replay too.
    expect(await attempt(member.id, "totp", totp.codeAt(new Date(now.getTime() - 30_000)), now)).toMatchObject({ ok: false, error: "codeReplayed" });
  });

  it("wrong codes move the lockout counter and eventually lock; a locked member is refused even the right code", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    const totp = await enrolTotp(ws.tenant.id, member.id);
    const policy = await getSecurityPolicy(ws.tenant.id);
    const session = await restrictedSession(member.id);
    const now = new Date();
    const wrong = totp.codeAt(now) === "000000" ? "111111" : "000000";
    expect(await attempt(member.id, "totp", wrong, now)).toEqual({ ok: false, error: "codeInvalid", lockedUntil: null });
    expect((await readThrottle(ws.tenant.id, throttleKey(member.id, ""), policy, now)).failures).toBe(1);
    let last;
    for (let i = 1; i < policy.lockoutThreshold; i++) last = await attempt(member.id, "totp", wrong, now);
    expect(last).toMatchObject({ ok: false, error: "locked" });
    expect(await attempt(member.id, "totp", totp.codeAt(now), now)).toMatchObject({ ok: false, error: "locked" });
    // The lock ended the session that was waiting for its second factor, and was audited.
    expect(await validateSessionToken(session.token)).toBeNull();
    expect(await systemDb().auditEvent.count({ where: { tenantId: ws.tenant.id, targetUserId: member.id, type: "account.locked" } })).toBe(1);
    expect(await systemDb().auditEvent.count({ where: { tenantId: ws.tenant.id, targetUserId: member.id, type: "signin.second_factor_failed" } })).toBeGreaterThanOrEqual(policy.lockoutThreshold);
  });

  it("recovery codes work once each; SMS without a sent code says so without counting a failure", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    const [code] = await giveRecoveryCodes(ws.tenant.id, member.id);
    expect(await attempt(member.id, "recovery-code", code!)).toEqual({ ok: true });
    expect(await attempt(member.id, "recovery-code", code!)).toMatchObject({ ok: false, error: "codeInvalid" });
    expect(await attempt(member.id, "sms", "123456")).toMatchObject({ ok: false, error: "factorUnavailable" });
    await enrolPhone(ws.tenant.id, member.id);
    expect(await attempt(member.id, "sms", "123456")).toMatchObject({ ok: false, error: "codeNotSent" });
  });
});

describe("completing the step", () => {
  it("rotates the session: new token with the factor in amr, the old token is refused (a replayed cookie gets nothing)", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    const old = await restrictedSession(member.id);
    const rotated = await rotateAfterSecondFactor({ tenantId: ws.tenant.id, userId: member.id, sessionId: old.sessionId, method: "totp", rememberDevice: true }, TEST_META);
    expect(rotated.token).not.toBe(old.token);
    expect(await validateSessionToken(old.token)).toBeNull();
    expect(await validateSessionToken(rotated.token)).toMatchObject({ restriction: null, amr: ["pwd", "totp"] });
    expect(rotated.rememberToken).not.toBeNull();
    expect(await findRememberedDevice({ tenantId: ws.tenant.id, userId: member.id, tokens: [rotated.rememberToken!] })).not.toBeNull();
    // Completing twice (a replayed request) is refused.
    await expect(rotateAfterSecondFactor({ tenantId: ws.tenant.id, userId: member.id, sessionId: old.sessionId, method: "totp", rememberDevice: false }, TEST_META)).rejects.toThrow();
  });

  it("keeps a pending password change as the next step", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    const old = await establishSignIn({ tenant: await tenantRow(), userId: member.id, method: "password", passwordChange: true, ip: null, userAgent: null });
    const rotated = await rotateAfterSecondFactor({ tenantId: ws.tenant.id, userId: member.id, sessionId: old.sessionId, method: "totp", rememberDevice: false }, TEST_META);
    expect(rotated).toMatchObject({ restriction: "password-change", step: "password-change", rememberToken: null });
  });
});

describe("a restricted session can do nothing else", () => {
  it("requireMember sends it to its step, memberAction refuses to run the action", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    request.token = (await restrictedSession(member.id)).token;
    const ran = vi.fn(async () => ({ status: "success" as const, fieldErrors: {}, values: {} }));
    const action = memberAction(z.object({}), "workspace.view", ran);
    const slug = ws.tenant.slug;
    let caught: unknown = null;
    await requireMember(slug).catch((error) => (caught = error));
    expect(redirectOf(caught)).toBe(`/${slug}/login/verify`);
    caught = null;
    await action(slug, { status: "idle", fieldErrors: {}, values: {} }, new FormData()).catch((error) => (caught = error));
    expect(redirectOf(caught)).toBe(`/${slug}/login/verify`);
    expect(ran).not.toHaveBeenCalled();
    // The step's own action runs; a forced-enrolment session is sent to the enrolment page.
    const stepAction = memberAction(z.object({}), "workspace.view", ran, { allowRestricted: "second-factor" });
    await stepAction(slug, { status: "idle", fieldErrors: {}, values: {} }, new FormData());
    expect(ran).toHaveBeenCalledTimes(1);
    await systemDb().session.updateMany({ where: { userId: member.id, revokedAt: null }, data: { restriction: "mfa-enrol" } });
    caught = null;
    await requireMember(slug).catch((error) => (caught = error));
    expect(redirectOf(caught)).toBe(`/${slug}/login/enrol`);
    request.token = undefined;
  });
});

describe("re-verification", () => {
  it("is needed once the last proof is older than ten minutes; a wrong password counts toward the lockout", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    const ctx = memberContext(member, ws.tenant);
    expect(await needsReverification({ verifiedAt: new Date() })).toBe(false);
    expect(await needsReverification({ verifiedAt: new Date(Date.now() - 9 * 60_000) })).toBe(false);
    expect(await needsReverification({ verifiedAt: new Date(Date.now() - 11 * 60_000) })).toBe(true);
    const session = await restrictedSession(member.id);
    const realCtx = { ...ctx, sessionId: session.sessionId };
    await systemDb().session.updateMany({ where: { id: session.sessionId }, data: { verifiedAt: new Date(Date.now() - 3600_000) } });
    expect(await reverifyWithPassword(realCtx, "not the password", TEST_META)).toMatchObject({ ok: false, error: "passwordWrong" });
    const policy = await getSecurityPolicy(ws.tenant.id);
    expect((await readThrottle(ws.tenant.id, throttleKey(member.id, ""), policy)).failures).toBe(1);
    expect(await reverifyWithPassword(realCtx, TEST_PASSWORD, TEST_META)).toEqual({ ok: true });
    const row = await systemDb().session.findFirstOrThrow({ where: { id: session.sessionId } });
    expect(Date.now() - row.verifiedAt.getTime()).toBeLessThan(60_000);
  });
});

describe("the MFA policy's validation", () => {
  it("refuses bad input with specific keys and writes nothing", async () => {
    const base = { requirement: "EVERYONE", graceDays: "7", allowPassword: "on", allowTotp: "on" };
    expect(mfaPolicySchema.safeParse(base).success).toBe(true);
    const issues = (input: Record<string, unknown>) => {
      const parsed = mfaPolicySchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(issues({ ...base, graceDays: "91" })).toEqual(["mfaPolicy.graceDaysInvalid"]);
    expect(issues({ ...base, graceDays: "-1" })).toEqual(["mfaPolicy.graceDaysInvalid"]);
    expect(issues({ ...base, graceDays: "2.5" })).toEqual(["mfaPolicy.graceDaysInvalid"]);
    expect(issues({ ...base, graceDays: "" })).toEqual(["mfaPolicy.graceDaysInvalid"]);
    expect(issues({ ...base, requirement: "SOMETIMES" })).toEqual(["mfaPolicy.requirementInvalid"]);
    expect(issues({ requirement: "OPTIONAL", graceDays: "7" })).toEqual(["mfaPolicy.noPrimaryMethod"]);
    expect(issues({ requirement: "ADMINS", graceDays: "7", allowPassword: "on" })).toEqual(["mfaPolicy.noSecondFactorAllowed"]);
    // The forced enrolment offers SMS and passkeys too, so either is enough to require a factor;
    // codes by email alone are not (they don't satisfy the requirement for Owners and Admins).
    expect(issues({ requirement: "EVERYONE", graceDays: "0", allowPassword: "on", allowSms: "on" })).toEqual([]);
    expect(issues({ requirement: "EVERYONE", graceDays: "0", allowPassword: "on", allowPasskeyAsFactor: "on" })).toEqual([]);
    expect(issues({ requirement: "EVERYONE", graceDays: "0", allowPassword: "on", allowEmailCode: "on" })).toEqual(["mfaPolicy.noSecondFactorAllowed"]);
    expect(issues({ requirement: "OPTIONAL", graceDays: "0", allowPassword: "on", allowSms: "on" })).toEqual([]);
  });

  it("won't lock out the admin saving it; tightening restarts the grace period; changes are audited as a diff", async () => {
    const workspace = await createWorkspace();
    const owner = memberContext(workspace.owner, workspace.tenant);
    const all = { requirement: "OPTIONAL", graceDays: "7", allowPassword: "on", allowPasskey: "on", allowEmailLink: "on", allowTotp: "on", allowSms: "on", allowPasskeyAsFactor: "on", allowRememberDevice: "on" };
    const before = await systemDb().mfaPolicy.findUniqueOrThrow({ where: { tenantId: workspace.tenant.id } });
    // Passwords off, links off, and the owner has no passkey: refused.
    expect(await updateMfaPolicy(owner, { ...all, allowPassword: "", allowEmailLink: "" }, TEST_META)).toEqual({ ok: false, fieldErrors: { allowPassword: ["mfaPolicy.wouldLockYouOut"] } });
    // Required of the owner, who has no factor, with no app, phone or passkey allowed: refused.
    expect(await updateMfaPolicy(owner, { ...all, requirement: "ADMINS", allowTotp: "", allowSms: "", allowPasskeyAsFactor: "" }, TEST_META)).toEqual({ ok: false, fieldErrors: { allowTotp: ["mfaPolicy.noSecondFactorAllowed"] } });
    expect(await systemDb().mfaPolicy.findUniqueOrThrow({ where: { tenantId: workspace.tenant.id } })).toEqual(before);
    // With a passkey of their own, passwords can go.
    await enrolPasskey(workspace.tenant.id, workspace.owner.id);
    expect(await updateMfaPolicy(owner, { ...all, allowPassword: "", allowEmailLink: "" }, TEST_META)).toMatchObject({ ok: true });
    const tightenedAt = new Date(Date.now() + 1000);
    const result = await updateMfaPolicy(owner, { ...all, requirement: "EVERYONE", graceDays: "0" }, TEST_META, tightenedAt);
    expect(result).toMatchObject({ ok: true, changes: { requirement: { from: "OPTIONAL", to: "EVERYONE" }, graceDays: { from: 7, to: 0 } } });
    const after = await systemDb().mfaPolicy.findUniqueOrThrow({ where: { tenantId: workspace.tenant.id } });
    expect(after.requirementSince).toEqual(tightenedAt);
    // Loosening doesn't restart it.
    await updateMfaPolicy(owner, { ...all, requirement: "ADMINS", graceDays: "0" }, TEST_META, new Date(Date.now() + 5000));
    expect((await systemDb().mfaPolicy.findUniqueOrThrow({ where: { tenantId: workspace.tenant.id } })).requirementSince).toEqual(tightenedAt);
    const audit = await systemDb().auditEvent.findMany({ where: { tenantId: workspace.tenant.id, type: "policy.changed" } });
    expect(audit.map((event) => (event.data as { section: string }).section)).toEqual(["mfa", "mfa", "mfa"]);
    // A Sales rep can't save it at all.
    const rep = memberContext(await addMember(workspace.tenant.id, "SALES_REP"), workspace.tenant);
    await expect(updateMfaPolicy(rep, all, TEST_META)).rejects.toThrow();
  });
});

describe("an admin's reset of a member's second factors", () => {
  it("removes every factor and remembered device, ends their sessions, audits and emails; not for Owners by an Admin, not oneself", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    await enrolPhone(ws.tenant.id, member.id);
    await enrolPasskey(ws.tenant.id, member.id);
    await giveRecoveryCodes(ws.tenant.id, member.id);
    const session = await restrictedSession(member.id);
    const rotated = await rotateAfterSecondFactor({ tenantId: ws.tenant.id, userId: member.id, sessionId: session.sessionId, method: "totp", rememberDevice: true }, TEST_META);
    const enrolled = await listEnrolledAuthenticators(tenantDb(ws.tenant.id), [member.id]);
    expect(enrolled.get(member.id)?.map((entry) => entry.kind).sort()).toEqual(["passkey", "sms", "totp"]);

    const adminCtx = memberContext(admin, ws.tenant);
    expect(await resetMemberMfa(adminCtx, admin.id, TEST_META)).toEqual({ ok: false, reason: "self" });
    expect(await resetMemberMfa(adminCtx, ws.owner.id, TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    const result = await resetMemberMfa(adminCtx, member.id, TEST_META);
    expect(result).toMatchObject({ ok: true, removed: { totp: true, recoveryCodes: 10, phone: true, passkeys: 1, rememberedDevices: 1 } });
    expect(await validateSessionToken(rotated.token)).toBeNull();
    expect(await findRememberedDevice({ tenantId: ws.tenant.id, userId: member.id, tokens: [rotated.rememberToken!] })).toBeNull();
    expect((await listEnrolledAuthenticators(tenantDb(ws.tenant.id), [member.id])).get(member.id)).toBeUndefined();
    expect(await systemDb().auditEvent.count({ where: { tenantId: ws.tenant.id, type: "mfa.reset_by_admin", targetUserId: member.id, actorUserId: admin.id } })).toBe(1);
    const mail = await emailsTo(member.email);
    expect(mail.at(-1)?.subject).toContain("second factors");
    // Signing in again asks for no second factor (there is none left).
    const again = await restrictedSession(member.id);
    expect(again.step).toBeNull();
  });
});

describe("the verify page's action", () => {
  it("a wrong code gets its specific message; the right one rotates the cookie, remembers the device and goes on to ?next=", async () => {
    const member = await addMember(ws.tenant.id, "SALES_REP");
    const totp = await enrolTotp(ws.tenant.id, member.id);
    const session = await restrictedSession(member.id);
    request.token = session.token;
    request.set.clear();
    const slug = ws.tenant.slug;
    const form = (code: string) => {
      const data = new FormData();
      data.set("method", "totp");
      data.set("code", code);
      data.set("remember", "on");
      data.set("next", `/${slug}/members`);
      return data;
    };
    const idle = { status: "idle" as const, fieldErrors: {}, values: {} };
    const now = new Date();
    const wrong = totp.codeAt(now) === "000000" ? "111111" : "000000";
    expect(await verifySignInCodeAction(slug, idle, form(wrong))).toMatchObject({ status: "error", formError: "secondFactor.codeInvalid" });
    let caught: unknown = null;
    await verifySignInCodeAction(slug, idle, form(totp.codeAt(new Date()))).catch((error) => (caught = error));
    expect(redirectOf(caught)).toBe(`/${slug}/members`);
    const newToken = request.set.get("relay_session");
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(session.token);
    expect(await validateSessionToken(session.token)).toBeNull();
    expect(await validateSessionToken(newToken!)).toMatchObject({ restriction: null, amr: ["pwd", "totp"] });
    expect(request.set.get("relay_mfa_remember")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The old cookie, replayed, gets nothing: signed out.
    caught = null;
    await verifySignInCodeAction(slug, idle, form(totp.codeAt(new Date()))).catch((error) => (caught = error));
    expect(redirectOf(caught)).toBe(`/${slug}/login?reason=session`);
    request.token = undefined;
  });
});
