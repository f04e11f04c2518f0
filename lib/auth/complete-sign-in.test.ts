// What the MFA policy decides after a primary sign-in method: second factor owed, forced
// enrolment, grace period, remembered devices (valid, expired, revoked, someone else's, another
// workspace's), passkeys with user verification, and the order of the steps a session owes.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, TEST_PASSWORD, type TestWorkspace } from "@/test/factories";
import type { Role } from "@/lib/generated/prisma/enums";
import { establishSignIn, decideSignIn, destinationAfterSignIn } from "./complete-sign-in";
import { getMfaPolicy, mfaGraceEndsAt, mfaRequiredFor } from "./mfa-policy";
import { createRememberedDevice, revokeAllRememberedDevices } from "./remembered-devices";
import { signInWithPassword } from "./sign-in-with-password";
import { validateSessionToken } from "./sessions";
import { enrolPasskey, enrolPhone, enrolTotp, setMfaPolicy } from "./mfa-test-helpers";

const DAY = 24 * 60 * 60_000;
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

async function user(role: Role = "SALES_REP", workspace = ws) {
  return addMember(workspace.tenant.id, role);
}

async function decide(userRow: { id: string; role: Role; createdAt: Date }, extra: Partial<Parameters<typeof decideSignIn>[0]> = {}, workspace = ws) {
  return decideSignIn({ tenantId: workspace.tenant.id, user: userRow, method: "password", ...extra });
}

describe("the MFA policy row", () => {
  it("is created with the workspace, and a missing row reads as the defaults", async () => {
    expect(await systemDb().mfaPolicy.findUnique({ where: { tenantId: ws.tenant.id } })).toMatchObject({ requirement: "OPTIONAL", graceDays: 7 });
    const legacy = await createWorkspace();
    await systemDb().mfaPolicy.delete({ where: { tenantId: legacy.tenant.id } });
    expect(await getMfaPolicy(legacy.tenant.id)).toMatchObject({ requirement: "OPTIONAL", allowPassword: true, allowTotp: true });
    const member = await user("OWNER", legacy);
    expect((await decide(member, {}, legacy)).steps).toEqual([]);
  });

  it("requires a factor of the roles it names", () => {
    expect(mfaRequiredFor({ requirement: "OPTIONAL" }, "OWNER")).toBe(false);
    expect(mfaRequiredFor({ requirement: "ADMINS" }, "OWNER")).toBe(true);
    expect(mfaRequiredFor({ requirement: "ADMINS" }, "ADMIN")).toBe(true);
    expect(mfaRequiredFor({ requirement: "ADMINS" }, "MANAGER")).toBe(false);
    expect(mfaRequiredFor({ requirement: "EVERYONE" }, "READ_ONLY")).toBe(true);
  });
});

describe("second factor owed", () => {
  it("nothing enrolled, nothing required: a full session", async () => {
    const member = await user();
    expect(await decide(member)).toEqual({ steps: [], amr: ["pwd"], rememberedDeviceId: null });
  });

  it("any enrolled factor is asked for, even when the policy makes it optional", async () => {
    for (const enrol of [enrolTotp, enrolPhone, enrolPasskey]) {
      const member = await user();
      await enrol(ws.tenant.id, member.id);
      expect((await decide(member)).steps).toEqual(["second-factor"]);
      expect((await decide(member, { method: "email-link" })).steps).toEqual(["second-factor"]);
    }
  });

  it("a factor the workspace has switched off doesn't count (and isn't asked for)", async () => {
    const workspace = await createWorkspace();
    const member = await user("SALES_REP", workspace);
    await enrolPhone(workspace.tenant.id, member.id);
    await setMfaPolicy(workspace.tenant.id, { allowSms: false });
    expect((await decide(member, {}, workspace)).steps).toEqual([]);
  });

  it("a passkey with user verification is multi-factor by itself; without it, a second factor is still owed", async () => {
    const member = await user();
    await enrolTotp(ws.tenant.id, member.id);
    expect(await decide(member, { method: "passkey", userVerified: true })).toMatchObject({ steps: [], amr: ["passkey"] });
    expect(await decide(member, { method: "passkey", userVerified: false })).toMatchObject({ steps: ["second-factor"], amr: ["passkey"] });
  });

  it("a forced password change comes after the second factor", async () => {
    const member = await user();
    await enrolTotp(ws.tenant.id, member.id);
    expect((await decide(member, { passwordChange: true })).steps).toEqual(["second-factor", "password-change"]);
    expect(destinationAfterSignIn(ws.tenant.slug, "second-factor", `/${ws.tenant.slug}/members`)).toBe(
      `/${ws.tenant.slug}/login/verify?next=${encodeURIComponent(`/${ws.tenant.slug}/members`)}`,
    );
    // A next= pointing elsewhere is dropped.
    expect(destinationAfterSignIn(ws.tenant.slug, "second-factor", "https://evil.example/")).toBe(`/${ws.tenant.slug}/login/verify`);
  });
});

describe("required but not enrolled: grace period, then forced enrolment", () => {
  it("counts from the later of the requirement and the member's joining, up to the boundary", async () => {
    const workspace = await createWorkspace();
    const since = new Date("2026-01-10T00:00:00Z");
    await setMfaPolicy(workspace.tenant.id, { requirement: "EVERYONE", graceDays: 7, requirementSince: since });
    const policy = await getMfaPolicy(workspace.tenant.id);
    const early = { id: (await user("SALES_REP", workspace)).id, role: "SALES_REP" as Role, createdAt: new Date("2025-06-01T00:00:00Z") };
    const late = { ...early, createdAt: new Date("2026-02-01T00:00:00Z") };
    expect(mfaGraceEndsAt(policy, early.createdAt)).toEqual(new Date(since.getTime() + 7 * DAY));
    expect(mfaGraceEndsAt(policy, late.createdAt)).toEqual(new Date(late.createdAt.getTime() + 7 * DAY));

    const end = mfaGraceEndsAt(policy, early.createdAt);
    expect((await decide(early, { now: new Date(end.getTime() - 1) }, workspace)).steps).toEqual([]);
    expect((await decide(early, { now: end }, workspace)).steps).toEqual(["mfa-enrol"]);
    // The late joiner still has their own full grace period at that moment.
    expect((await decide(late, { now: end }, workspace)).steps).toEqual([]);
    // A password change is done before the enrolment.
    expect((await decide(early, { now: end, passwordChange: true }, workspace)).steps).toEqual(["password-change", "mfa-enrol"]);
  });

  it("0 grace days means at once; Admins-only leaves other roles alone", async () => {
    const workspace = await createWorkspace();
    await setMfaPolicy(workspace.tenant.id, { requirement: "ADMINS", graceDays: 0, requirementSince: new Date(Date.now() - 1000) });
    const admin = await user("ADMIN", workspace);
    const rep = await user("SALES_REP", workspace);
    expect((await decide({ ...admin, createdAt: new Date(Date.now() - DAY) }, {}, workspace)).steps).toEqual(["mfa-enrol"]);
    expect((await decide({ ...rep, createdAt: new Date(Date.now() - DAY) }, {}, workspace)).steps).toEqual([]);
  });
});

describe("remembered devices", () => {
  it("a valid one of this member skips the second factor; expired, revoked, another member's or another workspace's don't", async () => {
    const member = await user();
    const someoneElse = await user();
    const elsewhere = await user("SALES_REP", other);
    await enrolTotp(ws.tenant.id, member.id);
    const meta = { ip: null, userAgent: null };
    const valid = await createRememberedDevice({ tenantId: ws.tenant.id, userId: member.id, ...meta });
    const theirs = await createRememberedDevice({ tenantId: ws.tenant.id, userId: someoneElse.id, ...meta });
    const otherWorkspace = await createRememberedDevice({ tenantId: other.tenant.id, userId: elsewhere.id, ...meta });
    const expired = await createRememberedDevice({ tenantId: ws.tenant.id, userId: member.id, ...meta }, new Date(Date.now() - 31 * DAY));

    const skipped = await decide(member, { rememberedDeviceTokens: [valid] });
    expect(skipped).toMatchObject({ steps: [], amr: ["pwd", "remembered-device"] });
    expect(skipped.rememberedDeviceId).not.toBeNull();
    for (const tokens of [[theirs], [otherWorkspace], [expired], ["x".repeat(43)], []]) {
      expect((await decide(member, { rememberedDeviceTokens: tokens })).steps).toEqual(["second-factor"]);
    }
    // The policy forbidding remembering makes existing ones stop counting.
    await setMfaPolicy(ws.tenant.id, { allowRememberDevice: false });
    expect((await decide(member, { rememberedDeviceTokens: [valid] })).steps).toEqual(["second-factor"]);
    await setMfaPolicy(ws.tenant.id, { allowRememberDevice: true });
    // Revoked.
    await revokeAllRememberedDevices(ws.tenant.id, member.id);
    expect((await decide(member, { rememberedDeviceTokens: [valid] })).steps).toEqual(["second-factor"]);
  });
});

describe("the session that results", () => {
  it("stores the steps, amr and verifiedAt, audits signin.success with method and amr", async () => {
    const member = await user();
    await enrolTotp(ws.tenant.id, member.id);
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
    const session = await establishSignIn({ tenant, userId: member.id, method: "password", passwordChange: true, ip: "192.0.2.1", userAgent: "vitest" });
    expect(session).toMatchObject({ restriction: "second-factor,password-change", step: "second-factor", amr: ["pwd"] });
    const valid = await validateSessionToken(session.token);
    expect(valid).toMatchObject({ restriction: "second-factor,password-change", amr: ["pwd"] });
    const audit = await systemDb().auditEvent.findFirstOrThrow({ where: { tenantId: ws.tenant.id, type: "signin.success", targetUserId: member.id } });
    expect(audit.data).toMatchObject({ method: "password", amr: ["pwd"], restriction: "second-factor,password-change" });
  });

  it("password sign-in is refused for everybody when the workspace switched passwords off, before any check", async () => {
    const workspace = await createWorkspace();
    await setMfaPolicy(workspace.tenant.id, { allowPassword: false });
    const result = await signInWithPassword({ tenantId: workspace.tenant.id, username: workspace.owner.email, password: TEST_PASSWORD, ip: "192.0.2.9", userAgent: null });
    expect(result).toMatchObject({ ok: false, reason: "passwordNotAllowed" });
    const unknown = await signInWithPassword({ tenantId: workspace.tenant.id, username: "nobody@example.test", password: "whatever", ip: "192.0.2.9", userAgent: null });
    expect(unknown).toEqual(result);
    expect(await systemDb().session.count({ where: { tenantId: workspace.tenant.id } })).toBe(0);
  });

  it("password sign-in of an enrolled member gives a session that owes the second factor", async () => {
    const member = await user();
    await enrolTotp(ws.tenant.id, member.id);
    const result = await signInWithPassword({ tenantId: ws.tenant.id, username: member.email, password: TEST_PASSWORD, ip: "192.0.2.10", userAgent: null });
    expect(result).toMatchObject({ ok: true, step: "second-factor", restriction: "second-factor" });
  });
});

describe("forced enrolment and the grace banner", () => {
  it("the enrolment step is lifted only once an allowed factor exists; the banner date is the grace end", async () => {
    const { finishForcedEnrolment, mfaEnrolmentDeadline } = await import("./mfa-enrolment");
    const { memberContext } = await import("@/test/factories");
    const workspace = await createWorkspace();
    const since = new Date(Date.now() - 2 * DAY);
    await setMfaPolicy(workspace.tenant.id, { requirement: "EVERYONE", graceDays: 1, requirementSince: since });
    const member = await user("SALES_REP", workspace);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: workspace.tenant.id, id: member.id } }, data: { createdAt: new Date(Date.now() - 10 * DAY) } });
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: workspace.tenant.id } });
    const session = await establishSignIn({ tenant, userId: member.id, method: "password", ip: null, userAgent: null });
    expect(session.step).toBe("mfa-enrol");
    const ctx = { ...memberContext(member, workspace.tenant), sessionId: session.sessionId, restriction: "mfa-enrol" as const, pendingSteps: ["mfa-enrol" as const] };
    expect(await mfaEnrolmentDeadline(ctx)).toEqual({ deadline: new Date(since.getTime() + DAY), passed: true });
    expect(await finishForcedEnrolment(ctx)).toEqual({ enrolled: false, nextStep: "mfa-enrol" });
    expect((await validateSessionToken(session.token))?.restriction).toBe("mfa-enrol");
    await enrolTotp(workspace.tenant.id, member.id);
    expect(await finishForcedEnrolment(ctx)).toEqual({ enrolled: true, nextStep: null });
    expect((await validateSessionToken(session.token))?.restriction).toBeNull();
    expect(await mfaEnrolmentDeadline(ctx)).toBeNull();
  });
});
