// "This wasn't me" as the intruder would test it: they signed in, added their own passkey,
// authenticator app, phone and recovery codes, and the member then confirmed. Nothing the intruder
// added may survive, the member's own older factors stay, and while a new password is owed no
// sign-in method (password, passkey, emailed link, a second factor completing a session, a session
// created in a race) opens a session. The same gate holds after an admin requires a new password.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { appUrl } from "@/lib/config";
import { SoftAuthenticator } from "@/test/soft-authenticator";
import { TEST_META, TEST_PASSWORD, addMember, auditEvents, createWorkspace, emailsTo, memberContext, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { createNotMeToken, confirmNotMe } from "./not-me";
import { NOTHING_REMOVED } from "./require-password-reset";
import { completePasswordReset } from "./complete-password-reset";
import { signInWithPassword } from "./sign-in-with-password";
import { createSession, validateSessionToken } from "./sessions";
import { establishSignIn } from "./complete-sign-in";
import { rotateAfterSecondFactor } from "./complete-second-factor";
import { SignInBlockedError, signInBlockOf } from "./sign-in-gate";
import { consumeEmailSignInLink, requestEmailSignInLink } from "./email-sign-in-link";
import { generateRecoveryCodes } from "./recovery-codes";
import { enrolPhone, enrolTotp } from "./mfa-test-helpers";
import { passkeyRegistrationOptions, registerPasskey, type PasskeyOwner } from "./passkeys/registration";
import { passkeyAssertionOptions, verifyPasskeyAssertion } from "./passkeys/authentication";
import { signInWithPasskey } from "./passkeys/sign-in";
import { authenticationResponseSchema, registrationResponseSchema } from "./passkeys/responses";
import { requireMemberPasswordReset } from "@/lib/dal/members/member-security";

// signInWithPasskey would set cookies only after the gate has let it through; a jar stands in.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers(),
}));

const ORIGIN = new URL(appUrl()).origin;
const POLICY = { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 };
const SECOND = 1000;

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace();
});

beforeEach(() => jar.clear());

function ownerOf(user: User): PasskeyOwner {
  return { tenant: { id: ws.tenant.id, name: ws.tenant.name }, user: { id: user.id, email: user.email, name: user.name } };
}

/** Registers a passkey as the security page does, from `sessionId` (null: no session of this member). */
async function addPasskey(user: User, name: string, now?: Date, sessionId: string | null = null) {
  const authenticator = new SoftAuthenticator({ origin: ORIGIN });
  const options = await passkeyRegistrationOptions(ownerOf(user));
  const response = registrationResponseSchema.parse(authenticator.register(options));
  const result = await registerPasskey({ owner: ownerOf(user), sessionId, response, name, requestOrigin: ORIGIN, meta: TEST_META });
  expect(result.ok).toBe(true);
  if (now) await systemDb().passkey.updateMany({ where: { tenantId: ws.tenant.id, userId: user.id, name }, data: { createdAt: now } });
  return authenticator;
}

async function passkeyAssertion(authenticator: SoftAuthenticator) {
  const options = await passkeyAssertionOptions({ tenantId: ws.tenant.id, purpose: "authentication", userId: null });
  return authenticationResponseSchema.parse(authenticator.authenticate(options));
}

function resetTokensIn(text: string): string[] {
  return [...text.matchAll(new RegExp(`/${ws.tenant.slug}/reset-password/([A-Za-z0-9_-]+)`, "g"))].map((match) => match[1]!);
}

async function latestResetEmail(user: User) {
  const resets = (await emailsTo(user.email)).filter((email) => email.template === "password-reset");
  return resets.at(-1)!;
}

/**
 * A member with their own authenticator app and passkey from before; then the intruder's sign-in
 * (the alert, at `alertAt`), after which the intruder adds a passkey, a phone and new recovery codes.
 */
async function intrudedMember() {
  const user = await addMember(ws.tenant.id, "SALES_REP");
  const alertAt = new Date(Date.now() - 60 * SECOND);
  const before = new Date(alertAt.getTime() - 24 * 60 * 60 * SECOND);
  await enrolTotp(ws.tenant.id, user.id);
  await systemDb().totpFactor.updateMany({ where: { tenantId: ws.tenant.id, userId: user.id }, data: { createdAt: before, confirmedAt: before } });
  const ownKey = await addPasskey(user, "Member's phone", before);
  const { token } = await createNotMeToken({ tenantId: ws.tenant.id, userId: user.id, ip: "198.51.100.66", now: alertAt });
  // The intruder's session, and what they add in it.
  const intruderSession = await createSession({ tenantId: ws.tenant.id, userId: user.id, policy: POLICY, ip: "198.51.100.66", userAgent: "intruder" });
  const intruderKey = await addPasskey(user, "Intruder key", undefined, intruderSession.sessionId);
  await enrolPhone(ws.tenant.id, user.id, "+8613800138000");
  await generateRecoveryCodes(ws.tenant.id, user.id);
  return { user, token, ownKey, intruderKey, intruderSession, alertAt };
}

describe("confirming \"this wasn't me\"", () => {
  it("removes every method added since the reported sign-in, keeps the member's own, and says so in the email and the audit log", async () => {
    const { user, token } = await intrudedMember();
    const result = await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    expect(result).toEqual({
      ok: true,
      sessionsRevoked: 1,
      removed: { passkeys: ["Intruder key"], authenticatorApp: false, phone: "+86 ••••••• 8000", recoveryCodes: true, emailCodes: false },
    });
    const db = systemDb();
    const where = { tenantId: ws.tenant.id, userId: user.id };
    expect((await db.passkey.findMany({ where })).map((passkey) => passkey.name)).toEqual(["Member's phone"]);
    expect(await db.totpFactor.count({ where })).toBe(1);
    expect(await db.phoneFactor.count({ where })).toBe(0);
    expect(await db.recoveryCode.count({ where })).toBe(0);

    const email = await latestResetEmail(user);
    expect(email.text).toContain("Passkey “Intruder key”");
    expect(email.text).toContain("Phone +86 ••••••• 8000");
    expect(email.text).toContain("Recovery codes created after that sign-in");
    expect(email.text).not.toContain("Member's phone");

    const audit = (await auditEvents(ws.tenant.id)).filter((event) => event.targetUserId === user.id);
    const types = audit.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["passkey.deleted", "mfa.phone.removed", "mfa.recovery_codes.removed", "device.not_me"]));
    expect(audit.find((event) => event.type === "passkey.deleted")?.data).toMatchObject({ name: "Intruder key", via: "not-me" });
    expect(audit.find((event) => event.type === "device.not_me")?.data).toMatchObject({ removedPasskeys: 1, removedPhone: true, removedRecoveryCodes: true });
  });

  it("removes an authenticator app or codes by email the intruder turned on, and reports nothing when nothing was added", async () => {
    const intruded = await addMember(ws.tenant.id, "SALES_REP");
    const { token } = await createNotMeToken({ tenantId: ws.tenant.id, userId: intruded.id, ip: null, now: new Date(Date.now() - SECOND) });
    await enrolTotp(ws.tenant.id, intruded.id);
    expect(await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META })).toMatchObject({ ok: true, removed: { authenticatorApp: true, passkeys: [] } });
    expect(await systemDb().totpFactor.count({ where: { tenantId: ws.tenant.id, userId: intruded.id } })).toBe(0);

    // Codes by email, turned on by the intruder, go too, and are named in the email.
    const mailed = await addMember(ws.tenant.id, "SALES_REP");
    const mailedAlert = await createNotMeToken({ tenantId: ws.tenant.id, userId: mailed.id, ip: null, now: new Date(Date.now() - SECOND) });
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: mailed.id } });
    expect(await confirmNotMe({ slug: ws.tenant.slug, token: mailedAlert.token, ...TEST_META })).toMatchObject({ ok: true, removed: { emailCodes: true } });
    expect(await systemDb().emailCodeFactor.count({ where: { tenantId: ws.tenant.id, userId: mailed.id } })).toBe(0);
    expect((await latestResetEmail(mailed)).text).toContain("Codes by email as a second step");

    const quiet = await addMember(ws.tenant.id, "SALES_REP");
    const alert = await createNotMeToken({ tenantId: ws.tenant.id, userId: quiet.id, ip: null, now: new Date() });
    expect(await confirmNotMe({ slug: ws.tenant.slug, token: alert.token, ...TEST_META })).toMatchObject({ ok: true, removed: NOTHING_REMOVED });
  });

  it("leaves another member's and another workspace's factors alone", async () => {
    const other = await createWorkspace();
    const bystander = await addMember(ws.tenant.id, "SALES_REP");
    const elsewhere = await addMember(other.tenant.id, "SALES_REP");
    const { token } = await intrudedMember();
    await addPasskey(bystander, "Bystander key");
    await enrolTotp(other.tenant.id, elsewhere.id);
    await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    expect(await systemDb().passkey.count({ where: { tenantId: ws.tenant.id, userId: bystander.id } })).toBe(1);
    expect(await systemDb().totpFactor.count({ where: { tenantId: other.tenant.id, userId: elsewhere.id } })).toBe(1);
  });
});

describe("while a new password is owed", () => {
  it("refuses the passkey registered before the report, with the reset path as the answer", async () => {
    const { user, token, ownKey } = await intrudedMember();
    await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    // The assertion itself is genuine...
    const response = await passkeyAssertion(ownKey);
    const result = await signInWithPasskey({ tenant: ws.tenant, response, requestOrigin: ORIGIN, meta: TEST_META });
    // ...but the gate refuses it, and no session or cookie was made.
    expect(result).toEqual({ ok: false, reason: "passwordResetRequired" });
    expect(jar.size).toBe(0);
    expect(await systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: user.id, revokedAt: null } })).toBe(0);
    const failures = (await auditEvents(ws.tenant.id, "signin.failure")).filter((event) => event.targetUserId === user.id);
    expect(failures.at(-1)?.data).toMatchObject({ method: "passkey", reason: "password-reset-required" });
  });

  it("refuses the intruder's passkey: it is gone", async () => {
    const { token, intruderKey } = await intrudedMember();
    await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    const result = await verifyPasskeyAssertion({
      tenantId: ws.tenant.id,
      purpose: "authentication",
      response: await passkeyAssertion(intruderKey),
      requestOrigin: ORIGIN,
      meta: TEST_META,
    });
    expect(result).toMatchObject({ ok: false, reason: "unknown-passkey" });
  });

  it("refuses the password, an emailed link (sending the reset path instead), a second factor and every new session", async () => {
    const { user, token } = await intrudedMember();
    // A link asked for before the report, still unused.
    await requestEmailSignInLink({ tenantId: ws.tenant.id, username: user.email, requestKey: "k".repeat(43), ...TEST_META });
    const earlyLink = (await emailsTo(user.email)).filter((email) => email.template === "sign-in-link").at(-1)!;
    const earlyToken = /\/login\/link\/([A-Za-z0-9_-]+)/.exec(earlyLink.text)![1]!;
    // A restricted session waiting for its second factor, created before the report.
    const pending = await createSession({ tenantId: ws.tenant.id, userId: user.id, policy: POLICY, restriction: "second-factor", amr: ["pwd"], ...TEST_META });

    await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    expect(await signInBlockOf(ws.tenant.id, user.id)).toBe("password-reset-required");

    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ...TEST_META })).toMatchObject({
      ok: false,
      reason: "passwordResetRequired",
    });
    expect(await consumeEmailSignInLink({ slug: ws.tenant.slug, token: earlyToken, requestKey: null, meta: TEST_META })).toEqual({ ok: false, reason: "unknown" });

    // Asking for a new link gets the reset path in the mailbox, not a link.
    const before = await emailsTo(user.email);
    expect(await requestEmailSignInLink({ tenantId: ws.tenant.id, username: user.email, requestKey: "q".repeat(43), ...TEST_META })).toBe("reset-link-sent");
    const sent = (await emailsTo(user.email)).slice(before.length);
    expect(sent.map((email) => email.template)).toEqual(["password-reset"]);
    expect(sent[0]!.text).toContain("needs a new password first");

    await expect(
      rotateAfterSecondFactor({ tenantId: ws.tenant.id, userId: user.id, sessionId: pending.sessionId, method: "totp", rememberDevice: false }, TEST_META),
    ).rejects.toThrow();
    for (const method of ["password", "passkey", "email-link"] as const) {
      await expect(establishSignIn({ tenant: { id: ws.tenant.id, ...POLICY }, userId: user.id, method, userVerified: true, ...TEST_META })).rejects.toBeInstanceOf(
        SignInBlockedError,
      );
    }
    await expect(createSession({ tenantId: ws.tenant.id, userId: user.id, policy: POLICY, ...TEST_META })).rejects.toBeInstanceOf(SignInBlockedError);
    expect(await systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: user.id, revokedAt: null } })).toBe(0);
  });

  it("refuses a session that slipped in between the revocation and the flag", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const raced = await createSession({ tenantId: ws.tenant.id, userId: user.id, policy: POLICY, ...TEST_META });
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { passwordResetRequired: true } });
    expect(await validateSessionToken(raced.token)).toBeNull();
  });

  it("ends with the reset from the emailed link: then every method works again", async () => {
    const { user, token, ownKey } = await intrudedMember();
    await confirmNotMe({ slug: ws.tenant.slug, token, ...TEST_META });
    const [resetToken] = resetTokensIn((await latestResetEmail(user)).text);
    expect(await completePasswordReset({ slug: ws.tenant.slug, token: resetToken!, newPassword: "seven quiet herons at dawn", ...TEST_META })).toEqual({ ok: true });
    expect(await signInBlockOf(ws.tenant.id, user.id)).toBeNull();
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: "seven quiet herons at dawn", ...TEST_META })).toMatchObject({ ok: true });
    const assertion = await verifyPasskeyAssertion({ tenantId: ws.tenant.id, purpose: "authentication", response: await passkeyAssertion(ownKey), requestOrigin: ORIGIN, meta: TEST_META });
    expect(assertion).toMatchObject({ ok: true, userId: user.id });
  });
});

describe("an admin requiring a new password", () => {
  it("signs the member out, closes every method until the reset, and emails the reset link", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const key = await addPasskey(user, "Laptop");
    const live = await createSession({ tenantId: ws.tenant.id, userId: user.id, policy: POLICY, ...TEST_META });
    expect(await requireMemberPasswordReset(memberContext(admin, ws.tenant), user.id, TEST_META)).toEqual({ ok: true, count: 1 });
    expect(await validateSessionToken(live.token)).toBeNull();
    expect(await signInWithPasskey({ tenant: ws.tenant, response: await passkeyAssertion(key), requestOrigin: ORIGIN, meta: TEST_META })).toEqual({
      ok: false,
      reason: "passwordResetRequired",
    });
    expect(await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ...TEST_META })).toMatchObject({ reason: "passwordResetRequired" });
    // Nothing is removed: the passkey works again once the member has a new password.
    expect(await systemDb().passkey.count({ where: { tenantId: ws.tenant.id, userId: user.id } })).toBe(1);
    const email = await latestResetEmail(user);
    expect(email.text).toContain("An admin of");
    const audit = await auditEvents(ws.tenant.id, "password.reset_required");
    expect(audit.at(-1)).toMatchObject({ actorUserId: admin.id, targetUserId: user.id, data: { sessionsRevoked: 1 } });
  });

  it("is refused for another workspace's member, for oneself, and to a Sales rep", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    const rep = await addMember(ws.tenant.id, "SALES_REP");
    const other = await createWorkspace();
    const outsider = await addMember(other.tenant.id, "SALES_REP");
    expect(await requireMemberPasswordReset(memberContext(admin, ws.tenant), outsider.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await requireMemberPasswordReset(memberContext(admin, ws.tenant), admin.id, TEST_META)).toEqual({ ok: false, reason: "self" });
    await expect(requireMemberPasswordReset(memberContext(rep, ws.tenant), admin.id, TEST_META)).rejects.toThrow();
    expect(await signInBlockOf(other.tenant.id, outsider.id)).toBeNull();
    expect(await signInBlockOf(ws.tenant.id, admin.id)).toBeNull();
  });
});
