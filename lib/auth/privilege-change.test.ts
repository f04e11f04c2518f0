// Every privilege change starts new session tokens (lib/auth/privilege-change.ts), tried the way an
// attacker holding a member's cookie from before the change would: after a role change, a
// reactivation, a second factor or passkey added or removed, new recovery codes or an admin's MFA
// reset, that old cookie is refused. Where the member made the change themselves, the session they
// made it from carries on under the new token handed back for the cookie; their other sessions end.
// Nothing reaches across workspaces.
import { beforeEach, describe, expect, it } from "vitest";
import { SignInBlockedError } from "./sign-in-gate";
import { generateToken, hashToken } from "./tokens";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { appUrl } from "@/lib/config";
import { SoftAuthenticator } from "@/test/soft-authenticator";
import { TEST_META, addMember, auditEvents, createWorkspace, emailsTo, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/auth/current-member";
import type { User } from "@/lib/generated/prisma/client";
import { createSession, validateSessionToken } from "./sessions";
import { renewSessionsAfterPrivilegeChange } from "./privilege-change";
import { decodeTotpSecret, hotp, totpStep } from "./totp";
import { enrolPasskey, enrolPhone, enrolTotp, setMfaPolicy } from "./mfa-test-helpers";
import { passkeyRegistrationOptions, registerPasskey } from "./passkeys/registration";
import { registrationResponseSchema } from "./passkeys/responses";
import { changeMemberRole, deactivateMember, reactivateMember } from "@/lib/dal/members/manage-member";
import { resetMemberMfa } from "@/lib/dal/members/reset-member-mfa";
import {
  confirmEmailCodeFactor,
  confirmPhoneVerification,
  confirmTotpEnrolment,
  disableEmailCodeFactor,
  disableTotp,
  getPendingTotpEnrolment,
  regenerateOwnRecoveryCodes,
  removePhone,
  sendPhoneVerificationCode,
  startEmailCodeFactor,
  startTotpEnrolment,
} from "@/lib/dal/mfa/own-mfa";
import { deleteOwnPasskey, listOwnPasskeys } from "@/lib/dal/passkeys/own-passkeys";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeEach(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

async function signIn(user: User, tenantId = ws.tenant.id, restriction: string | null = null) {
  const policy = await systemDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true } });
  return createSession({ tenantId, userId: user.id, policy, restriction, ip: "192.0.2.20", userAgent: "vitest privilege change" });
}

/** The context of a request made with this member's session (its real id, so it can be renewed). */
async function signedIn(user: User, tenant = ws.tenant, restriction: string | null = null) {
  const session = await signIn(user, tenant.id, restriction);
  const ctx: MemberContext = memberContext(user, tenant, { sessionId: session.sessionId });
  return { ctx, token: session.token, sessionId: session.sessionId };
}

async function live(token: string) {
  return (await validateSessionToken(token)) !== null;
}

async function sessionRow(sessionId: string) {
  return systemDb().session.findFirstOrThrow({ where: { id: sessionId } });
}

/**
 * After a change the member made from `current`: its old token is refused, the returned one opens
 * the very same session (same id, same absolute expiry), and `others` (their other sessions) ended.
 */
async function expectRenewed(current: { token: string; sessionId: string }, renewed: { token: string; maxAgeSeconds: number } | undefined, others: string[]) {
  expect(renewed).toBeDefined();
  expect(renewed!.token).not.toBe(current.token);
  expect(await live(current.token)).toBe(false);
  const session = await validateSessionToken(renewed!.token);
  expect(session?.sessionId).toBe(current.sessionId);
  const row = await sessionRow(current.sessionId);
  expect(row.revokedAt).toBeNull();
  expect(Math.abs(renewed!.maxAgeSeconds - (row.expiresAt.getTime() - Date.now()) / 1000)).toBeLessThan(5);
  for (const token of others) expect(await live(token)).toBe(false);
}

function codeFor(secret: string, at = new Date()) {
  return hotp(decodeTotpSecret(secret), totpStep(at));
}

async function lastSmsCode(to: string) {
  const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return /\b(\d{6})\b/.exec(message.body)![1]!;
}

async function lastEmailedCode(to: string) {
  // The code stands on a line of its own in the email.
  return /^(\d{6})$/m.exec((await emailsTo(to)).at(-1)?.text ?? "")![1]!;
}

describe("a role change", () => {
  it("by an admin ends every session of that member, and only theirs", async () => {
    const manager = await addMember(ws.tenant.id, "MANAGER");
    const bystander = await addMember(ws.tenant.id, "SALES_REP");
    const admin = await signedIn(ws.owner);
    const [laptop, phone] = [await signIn(manager), await signIn(manager)];
    const bystanderSession = await signIn(bystander);

    const result = await changeMemberRole(admin.ctx, manager.id, "ADMIN", TEST_META);
    expect(result).toEqual({ ok: true });

    expect(await live(laptop.token)).toBe(false);
    expect(await live(phone.token)).toBe(false);
    expect(await sessionRow(laptop.sessionId)).toMatchObject({ revokedReason: "role-changed" });
    expect(await live(bystanderSession.token)).toBe(true);
    expect(await live(admin.token)).toBe(true);
    const [event] = await auditEvents(ws.tenant.id, "member.role_changed");
    expect(event?.data).toMatchObject({ from: "MANAGER", to: "ADMIN", sessionsEnded: 2 });
  });

  it("a demotion too: the cookie from before would otherwise keep working under the new role", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    const session = await signIn(admin);
    expect(await changeMemberRole((await signedIn(ws.owner)).ctx, admin.id, "READ_ONLY", TEST_META)).toEqual({ ok: true });
    expect(await live(session.token)).toBe(false);
  });

  it("of one's own: this session carries on under a new token, the member's other sessions end", async () => {
    const secondOwner = await addMember(ws.tenant.id, "OWNER");
    const current = await signedIn(secondOwner);
    const elsewhere = await signIn(secondOwner);

    const result = await changeMemberRole(current.ctx, secondOwner.id, "ADMIN", TEST_META);
    expect(result.ok).toBe(true);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
    expect((await validateSessionToken(result.ok ? result.renewedSession!.token : ""))?.user.role).toBe("ADMIN");
  });

  it("that is refused (the last Owner, or nothing changes) leaves every session as it was", async () => {
    const owner = await signedIn(ws.owner);
    expect(await changeMemberRole(owner.ctx, ws.owner.id, "ADMIN", TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
    expect(await live(owner.token)).toBe(true);
    const manager = await addMember(ws.tenant.id, "MANAGER");
    const managerSession = await signIn(manager);
    expect(await changeMemberRole(owner.ctx, manager.id, "MANAGER", TEST_META)).toEqual({ ok: true });
    expect(await live(managerSession.token)).toBe(true);
  });

  it("attempted on another workspace's member is notFound and ends none of their sessions", async () => {
    const theirs = await addMember(other.tenant.id, "MANAGER");
    const theirSession = await signIn(theirs, other.tenant.id);
    const owner = await signedIn(ws.owner);
    expect(await changeMemberRole(owner.ctx, theirs.id, "ADMIN", TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await live(theirSession.token)).toBe(true);
  });
});

describe("reactivation", () => {
  it("ends any session that appeared while the member was deactivated, so none comes back to life", async () => {
    const rep = await addMember(ws.tenant.id, "SALES_REP");
    const admin = await signedIn(ws.owner);
    expect(await deactivateMember(admin.ctx, rep.id, TEST_META)).toEqual({ ok: true });
    // createSession() refuses a deactivated member (lib/auth/sign-in-gate.ts)...
    await expect(signIn(rep)).rejects.toBeInstanceOf(SignInBlockedError);
    // ...but a sign-in already past that check when the deactivation landed writes its row anyway.
    const token = generateToken(32);
    const { id: sessionId } = await systemDb().session.create({
      data: { tenantId: ws.tenant.id, userId: rep.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000), amr: ["pwd"], ip: null, userAgent: null },
    });
    const straggler = { token, sessionId };
    expect(await live(straggler.token)).toBe(false);

    expect(await reactivateMember(admin.ctx, rep.id, TEST_META)).toEqual({ ok: true });
    expect(await live(straggler.token)).toBe(false);
    expect(await sessionRow(straggler.sessionId)).toMatchObject({ revokedReason: "reactivated" });
    // Signing in afresh works.
    expect(await live((await signIn(rep)).token)).toBe(true);
  });

  it("of another workspace's member is notFound and touches none of their sessions", async () => {
    const theirs = await addMember(other.tenant.id, "SALES_REP");
    const theirSession = await signIn(theirs, other.tenant.id);
    expect(await reactivateMember((await signedIn(ws.owner)).ctx, theirs.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await live(theirSession.token)).toBe(true);
  });
});

describe("one's own second factors", () => {
  it("enrolling an authenticator app renews this session and ends the member's others", async () => {
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const colleague = await signIn(await addMember(ws.tenant.id, "ADMIN"));
    await startTotpEnrolment(current.ctx);
    const pending = await getPendingTotpEnrolment(current.ctx);
    // Starting an enrolment changes nothing yet.
    expect(await live(current.token)).toBe(true);

    const result = await confirmTotpEnrolment(current.ctx, codeFor(pending!.secret), TEST_META);
    expect(result.ok).toBe(true);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
    expect(await sessionRow(elsewhere.sessionId)).toMatchObject({ revokedReason: "second-factor-changed" });
    expect(await live(colleague.token)).toBe(true);
  });

  it("the forced enrolment's session keeps its restriction under the new token", async () => {
    const current = await signedIn(ws.owner, ws.tenant, "mfa-enrol");
    await startTotpEnrolment(current.ctx);
    const pending = await getPendingTotpEnrolment(current.ctx);
    const result = await confirmTotpEnrolment(current.ctx, codeFor(pending!.secret), TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, []);
    expect((await validateSessionToken(result.ok ? result.renewedSession!.token : ""))?.restriction).toBe("mfa-enrol");
  });

  it("switching the authenticator app off", async () => {
    await enrolTotp(ws.tenant.id, ws.owner.id);
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const result = await disableTotp(current.ctx, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("new recovery codes", async () => {
    await enrolTotp(ws.tenant.id, ws.owner.id);
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const result = await regenerateOwnRecoveryCodes(current.ctx, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("a phone verified for SMS codes", async () => {
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    await sendPhoneVerificationCode(current.ctx, { phone: "+8613900139000", locale: "en" });
    // Asking for the code changes nothing yet; a wrong code neither.
    expect(await confirmPhoneVerification(current.ctx, "000000" === (await lastSmsCode("+8613900139000")) ? "111111" : "000000", TEST_META)).toEqual({ ok: false, reason: "invalid" });
    expect(await live(current.token)).toBe(true);
    expect(await live(elsewhere.token)).toBe(true);

    const result = await confirmPhoneVerification(current.ctx, await lastSmsCode("+8613900139000"), TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("the phone removed", async () => {
    await enrolPhone(ws.tenant.id, ws.owner.id);
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const result = await removePhone(current.ctx, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("codes by email turned on", async () => {
    await setMfaPolicy(ws.tenant.id, { allowEmailCode: true });
    const rep = await addMember(ws.tenant.id, "SALES_REP");
    const current = await signedIn(rep);
    const elsewhere = await signIn(rep);
    await startEmailCodeFactor(current.ctx, TEST_META);
    const code = await lastEmailedCode(rep.email);
    // A wrong code changes nothing.
    expect(await confirmEmailCodeFactor(current.ctx, code === "000000" ? "111111" : "000000", TEST_META)).toEqual({ ok: false, reason: "invalid" });
    expect(await live(current.token)).toBe(true);
    expect(await live(elsewhere.token)).toBe(true);

    const result = await confirmEmailCodeFactor(current.ctx, code, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
    const [event] = await auditEvents(ws.tenant.id, "mfa.email_code.enabled");
    expect(event?.data).toMatchObject({ otherSessionsEnded: 1 });
  });

  it("codes by email turned off", async () => {
    await setMfaPolicy(ws.tenant.id, { allowEmailCode: true });
    const rep = await addMember(ws.tenant.id, "SALES_REP");
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: rep.id } });
    const current = await signedIn(rep);
    const elsewhere = await signIn(rep);
    const result = await disableEmailCodeFactor(current.ctx, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("a refused change (needs re-verification) renews nothing and ends nothing", async () => {
    await enrolPhone(ws.tenant.id, ws.owner.id);
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const stale = { ...current.ctx, verifiedAt: new Date(Date.now() - 60 * 60_000) };
    expect(await removePhone(stale, TEST_META)).toEqual({ ok: false, reason: "reverify" });
    expect(await disableTotp(current.ctx, TEST_META)).toEqual({ ok: false, reason: "not-enabled" });
    expect(await live(current.token)).toBe(true);
    expect(await live(elsewhere.token)).toBe(true);
  });

  it("a passkey added", async () => {
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);
    const owner = { tenant: { id: ws.tenant.id, name: ws.tenant.name }, user: { id: ws.owner.id, email: ws.owner.email, name: ws.owner.name } };
    const authenticator = new SoftAuthenticator({ origin: new URL(appUrl()).origin });
    const response = registrationResponseSchema.parse(authenticator.register(await passkeyRegistrationOptions(owner)));
    const result = await registerPasskey({ owner, sessionId: current.sessionId, response, name: "Laptop", requestOrigin: new URL(appUrl()).origin, meta: TEST_META });
    expect(result).toMatchObject({ ok: true, passkey: { name: "Laptop" } });
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, [elsewhere.token]);
  });

  it("a passkey removed; someone else's passkey id removes nothing and renews nothing", async () => {
    await enrolPasskey(ws.tenant.id, ws.owner.id);
    const colleague = await addMember(ws.tenant.id, "ADMIN");
    await enrolPasskey(ws.tenant.id, colleague.id);
    const colleaguePasskey = await systemDb().passkey.findFirstOrThrow({ where: { userId: colleague.id } });
    const current = await signedIn(ws.owner);
    const elsewhere = await signIn(ws.owner);

    expect(await deleteOwnPasskey(current.ctx, colleaguePasskey.id, TEST_META)).toEqual({ deleted: false });
    expect(await live(current.token)).toBe(true);

    const [mine] = await listOwnPasskeys(current.ctx);
    const result = await deleteOwnPasskey(current.ctx, mine!.id, TEST_META);
    await expectRenewed(current, result.deleted ? (result.renewedSession ?? undefined) : undefined, [elsewhere.token]);
  });
});

describe("an admin resetting a member's second factors", () => {
  it("ends every session of that member; the admin's own stays", async () => {
    const rep = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, rep.id);
    const sessions = [await signIn(rep), await signIn(rep)];
    const admin = await signedIn(ws.owner);

    expect(await resetMemberMfa(admin.ctx, rep.id, TEST_META)).toMatchObject({ ok: true, sessionsRevoked: 2 });
    for (const session of sessions) expect(await live(session.token)).toBe(false);
    expect(await live(admin.token)).toBe(true);
  });

  it("of another workspace's member is notFound and ends none of their sessions", async () => {
    const theirs = await addMember(other.tenant.id, "SALES_REP");
    const theirSession = await signIn(theirs, other.tenant.id);
    expect(await resetMemberMfa((await signedIn(ws.owner)).ctx, theirs.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await live(theirSession.token)).toBe(true);
  });
});

describe("across workspaces", () => {
  it("a session id of another workspace is neither renewed nor ended through this one", async () => {
    const theirs = await addMember(other.tenant.id, "SALES_REP");
    const theirSession = await signIn(theirs, other.tenant.id);
    // Even handed B's member and session ids, A's workspace-scoped client reaches no row of B.
    const result = await renewSessionsAfterPrivilegeChange(tenantDb(ws.tenant.id), { userId: theirs.id, keepSessionId: theirSession.sessionId, change: "role-changed" });
    expect(result).toEqual({ renewed: null, ended: 0 });
    expect(await live(theirSession.token)).toBe(true);
    const ended = await renewSessionsAfterPrivilegeChange(tenantDb(ws.tenant.id), { userId: theirs.id, keepSessionId: null, change: "role-changed" });
    expect(ended).toEqual({ renewed: null, ended: 0 });
    expect(await live(theirSession.token)).toBe(true);
  });

  it("a member's own change in workspace A leaves their account in workspace B signed in", async () => {
    // The same person, a member of two workspaces (two accounts, one email).
    const inA = await addMember(ws.tenant.id, "MANAGER", { email: "both@example.test" });
    const inB = await addMember(other.tenant.id, "MANAGER", { email: "both@example.test" });
    const sessionB = await signIn(inB, other.tenant.id);
    await enrolPhone(ws.tenant.id, inA.id);
    const current = await signedIn(inA);
    const result = await removePhone(current.ctx, TEST_META);
    await expectRenewed(current, result.ok ? result.renewedSession : undefined, []);
    expect(await live(sessionB.token)).toBe(true);
  });
});
