// The invitation flow end to end below the UI: an admin invites, the invitee reads the link in
// their email (the outbox), opens it and joins. Every way a link can go stale is tried.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { validateSessionToken } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/password-hash";
import { inviteMember } from "./invite-member";
import { acceptInvitation, lookUpInvitation } from "./accept-invitation";
import { resendInvitation, revokeInvitation } from "./manage-invitation";
import { listOpenInvitations } from "./list-invitations";
import {
  TEST_META,
  addMember,
  auditEvents,
  createWorkspace,
  emailsTo,
  invitationTokensIn,
  memberContext,
  uniqueSuffix,
  type TestWorkspace,
} from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import type { Role } from "@/lib/generated/prisma/enums";

const NEW_MEMBER_PASSWORD = "Quartz Lantern Orbit 58";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
});

function newAddress() {
  return `invitee-${uniqueSuffix()}@example.test`;
}

/** Invites through the DAL and returns the token from the link in the email that arrived. */
async function invite(
  email: string,
  role: Role = "SALES_REP",
  options: { by?: MemberContext; employeeNumber?: string | null } = {},
): Promise<{ token: string; invitationId: string }> {
  const result = await inviteMember(options.by ?? admin, { email, role, employeeNumber: options.employeeNumber ?? null, locale: "en" }, TEST_META);
  if (!result.ok) throw new Error(`invite failed: ${result.reason}`);
  const tokens = invitationTokensIn((await emailsTo(email)).at(-1)?.text ?? "", ws.tenant.slug);
  expect(tokens.length).toBeGreaterThan(0);
  return { token: tokens[0]!, invitationId: result.invitationId };
}

function accept(token: string, slug = ws.tenant.slug) {
  return acceptInvitation({ slug, token, name: "Nora Invitee", password: NEW_MEMBER_PASSWORD, locale: "zh-CN" }, TEST_META);
}

describe("inviting and joining", () => {
  it("emails the invitee a link to /<slug>/invite/<token>, which joins them with the invited role and employee number", async () => {
    const email = newAddress();
    const result = await inviteMember(admin, { email, role: "MANAGER", employeeNumber: "E-4711", locale: "en" }, TEST_META);
    expect(result).toMatchObject({ ok: true });

    const emails = await emailsTo(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: "invitation", tenantId: ws.tenant.id, to: email });
    expect(emails[0]!.subject).toContain(ws.tenant.name);
    const [token] = invitationTokensIn(emails[0]!.text, ws.tenant.slug);
    expect(token).toBeTruthy();
    expect(emails[0]!.html).toContain(`/${ws.tenant.slug}/invite/${token}`);

    const lookup = await lookUpInvitation(ws.tenant.slug, token!);
    expect(lookup).toMatchObject({ status: "valid", email, role: "MANAGER", workspaceName: ws.tenant.name });

    const accepted = await accept(token!);
    expect(accepted).toMatchObject({ ok: true });
    if (!accepted.ok) return;

    const member = await systemDb().user.findUniqueOrThrow({ where: { tenantId_email: { tenantId: ws.tenant.id, email } } });
    expect(member).toMatchObject({ role: "MANAGER", employeeNumber: "E-4711", status: "ACTIVE", name: "Nora Invitee", locale: "zh-CN" });
    expect(await verifyPassword(member.passwordHash, NEW_MEMBER_PASSWORD)).toBe(true);

    const session = await validateSessionToken(accepted.token);
    expect(session).toMatchObject({ tenant: { id: ws.tenant.id, slug: ws.tenant.slug }, user: { id: member.id, role: "MANAGER" } });

    const joined = await auditEvents(ws.tenant.id, "member.joined");
    expect(joined.map((event) => event.targetUserId)).toContain(member.id);
    expect((await auditEvents(ws.tenant.id, "member.invited")).length).toBeGreaterThan(0);
  });

  it("a workspace that requires a second factor with no grace period sends the new member straight to enrolment", async () => {
    await systemDb().mfaPolicy.update({ where: { tenantId: ws.tenant.id }, data: { requirement: "EVERYONE", graceDays: 0, requirementSince: new Date(Date.now() - 60_000) } });
    try {
      const { token } = await invite(newAddress());
      const accepted = await accept(token);
      expect(accepted).toMatchObject({ ok: true });
      if (!accepted.ok) return;
      const session = await validateSessionToken(accepted.token);
      // A restricted session: nothing but enrolling a second factor until that is done.
      expect(session?.restriction).toBe("mfa-enrol");
    } finally {
      await systemDb().mfaPolicy.update({ where: { tenantId: ws.tenant.id }, data: { requirement: "OPTIONAL" } });
    }
  });

  it("the invitation no longer shows as open once accepted", async () => {
    const email = newAddress();
    const { token, invitationId } = await invite(email);
    expect((await listOpenInvitations(admin)).map((row) => row.id)).toContain(invitationId);
    expect(await accept(token)).toMatchObject({ ok: true });
    expect((await listOpenInvitations(admin)).map((row) => row.id)).not.toContain(invitationId);
  });

  it("a link works once: the second use is `used` and creates nobody", async () => {
    const email = newAddress();
    const { token } = await invite(email);
    expect(await accept(token)).toMatchObject({ ok: true });
    expect(await lookUpInvitation(ws.tenant.slug, token)).toEqual({ status: "used" });
    expect(await accept(token)).toEqual({ ok: false, reason: "used" });
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(1);
  });

  it("two simultaneous accepts of one link: exactly one succeeds, one member is created", async () => {
    const email = newAddress();
    const { token } = await invite(email);
    const results = await Promise.all([accept(token), accept(token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "used" }]);
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(1);
  });
});

describe("stale and foreign links", () => {
  it("an expired invitation is `expired` and cannot be accepted", async () => {
    const email = newAddress();
    const { token, invitationId } = await invite(email);
    await systemDb().invitation.update({
      where: { tenantId_id: { tenantId: ws.tenant.id, id: invitationId } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await lookUpInvitation(ws.tenant.slug, token)).toEqual({ status: "expired" });
    expect(await accept(token)).toEqual({ ok: false, reason: "expired" });
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
  });

  it("a revoked invitation is `revoked` and cannot be accepted", async () => {
    const email = newAddress();
    const { token, invitationId } = await invite(email);
    expect(await revokeInvitation(admin, invitationId, TEST_META)).toEqual({ ok: true });
    expect(await lookUpInvitation(ws.tenant.slug, token)).toEqual({ status: "revoked" });
    expect(await accept(token)).toEqual({ ok: false, reason: "revoked" });
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
    expect((await auditEvents(ws.tenant.id, "member.invitation_revoked")).map((event) => event.data)).toContainEqual({ invitationId });
    // Revoking twice is refused: it is no longer open.
    expect(await revokeInvitation(admin, invitationId, TEST_META)).toEqual({ ok: false, reason: "invitationNotOpen" });
  });

  it("resending invalidates the old link (`unknown`) and the new one works", async () => {
    const email = newAddress();
    const { token: oldToken, invitationId } = await invite(email);
    expect(await resendInvitation(admin, invitationId, "en", TEST_META)).toEqual({ ok: true, email });

    const emails = await emailsTo(email);
    expect(emails).toHaveLength(2);
    const tokens = emails.flatMap((message) => invitationTokensIn(message.text, ws.tenant.slug));
    const newToken = tokens.find((token) => token !== oldToken);
    expect(newToken).toBeTruthy();

    expect(await lookUpInvitation(ws.tenant.slug, oldToken)).toEqual({ status: "unknown" });
    expect(await accept(oldToken)).toEqual({ ok: false, reason: "unknown" });
    expect(await lookUpInvitation(ws.tenant.slug, newToken!)).toMatchObject({ status: "valid", email });
    expect(await accept(newToken!)).toMatchObject({ ok: true });
  });

  it("resending revives an expired invitation with a fresh expiry", async () => {
    const email = newAddress();
    const { invitationId } = await invite(email);
    await systemDb().invitation.update({
      where: { tenantId_id: { tenantId: ws.tenant.id, id: invitationId } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await resendInvitation(admin, invitationId, "en", TEST_META)).toMatchObject({ ok: true });
    const newToken = invitationTokensIn((await emailsTo(email)).at(-1)!.text, ws.tenant.slug)[0]!;
    expect(await lookUpInvitation(ws.tenant.slug, newToken)).toMatchObject({ status: "valid" });
  });

  it("a token used under another workspace's address is `unknown`", async () => {
    const email = newAddress();
    const { token } = await invite(email);
    expect(await lookUpInvitation(other.tenant.slug, token)).toEqual({ status: "unknown" });
    expect(await accept(token, other.tenant.slug)).toEqual({ ok: false, reason: "unknown" });
    expect(await systemDb().user.count({ where: { email } })).toBe(0);
    // Still good where it belongs.
    expect(await lookUpInvitation(ws.tenant.slug, token)).toMatchObject({ status: "valid" });
  });

  it("a made-up or oversized token is `unknown`", async () => {
    expect(await lookUpInvitation(ws.tenant.slug, "not-a-real-token")).toEqual({ status: "unknown" });
    expect(await lookUpInvitation(ws.tenant.slug, "x".repeat(500))).toEqual({ status: "unknown" });
    expect(await lookUpInvitation(ws.tenant.slug, "")).toEqual({ status: "unknown" });
  });

  it("inviting the same address again replaces the earlier link", async () => {
    const email = newAddress();
    const first = await invite(email);
    const second = await invite(email);
    expect(await lookUpInvitation(ws.tenant.slug, first.token)).toEqual({ status: "revoked" });
    expect(await lookUpInvitation(ws.tenant.slug, second.token)).toMatchObject({ status: "valid" });
  });
});

describe("who can be invited, and by whom", () => {
  it("an existing member's address is `alreadyMember`, and no email goes out", async () => {
    const existing = await addMember(ws.tenant.id, "SALES_REP");
    const result = await inviteMember(admin, { email: existing.email, role: "MANAGER", employeeNumber: null, locale: "en" }, TEST_META);
    expect(result).toEqual({ ok: false, reason: "alreadyMember" });
    expect(await emailsTo(existing.email)).toHaveLength(0);
  });

  it("a link accepted after its address joined some other way is `alreadyMember`", async () => {
    const email = newAddress();
    const { token } = await invite(email);
    await addMember(ws.tenant.id, "READ_ONLY", { email });
    expect(await accept(token)).toEqual({ ok: false, reason: "alreadyMember" });
    expect((await systemDb().user.findUniqueOrThrow({ where: { tenantId_email: { tenantId: ws.tenant.id, email } } })).role).toBe("READ_ONLY");
  });

  it("a link whose employee number was taken meanwhile is `employeeNumberTaken`", async () => {
    const email = newAddress();
    const employeeNumber = `e-${uniqueSuffix()}`;
    const { token } = await invite(email, "SALES_REP", { employeeNumber });
    await addMember(ws.tenant.id, "SALES_REP", { employeeNumber });
    expect(await accept(token)).toEqual({ ok: false, reason: "employeeNumberTaken" });
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
  });

  it("an employee number already in use or on an open invitation is `employeeNumberTaken`", async () => {
    const employeeNumber = `e-${uniqueSuffix()}`;
    await invite(newAddress(), "SALES_REP", { employeeNumber });
    expect(await inviteMember(admin, { email: newAddress(), role: "SALES_REP", employeeNumber, locale: "en" }, TEST_META)).toEqual({
      ok: false,
      reason: "employeeNumberTaken",
    });
  });

  it("an employee number differing only in case from a member's or an open invitation's is `employeeNumberTaken`", async () => {
    const members = `Emp-${uniqueSuffix()}`;
    await addMember(ws.tenant.id, "SALES_REP", { employeeNumber: members });
    const invited = `Inv-${uniqueSuffix()}`;
    await invite(newAddress(), "SALES_REP", { employeeNumber: invited });
    for (const employeeNumber of [members.toLowerCase(), invited.toUpperCase()]) {
      expect(await inviteMember(admin, { email: newAddress(), role: "SALES_REP", employeeNumber, locale: "en" }, TEST_META)).toEqual({
        ok: false,
        reason: "employeeNumberTaken",
      });
    }
  });

  it("a link whose employee number was taken meanwhile in another case is `employeeNumberTaken` (the database's unique key ignores case)", async () => {
    const email = newAddress();
    const employeeNumber = `Emp-${uniqueSuffix()}`;
    const { token } = await invite(email, "SALES_REP", { employeeNumber });
    await addMember(ws.tenant.id, "SALES_REP", { employeeNumber: employeeNumber.toLowerCase() });
    expect(await accept(token)).toEqual({ ok: false, reason: "employeeNumberTaken" });
    expect(await systemDb().user.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
  });

  it("an Admin cannot invite an Owner (`roleNotAllowed`); an Owner can", async () => {
    const email = newAddress();
    expect(await inviteMember(admin, { email, role: "OWNER", employeeNumber: null, locale: "en" }, TEST_META)).toEqual({
      ok: false,
      reason: "roleNotAllowed",
    });
    expect(await emailsTo(email)).toHaveLength(0);
    expect(await systemDb().invitation.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
    const byOwner = await invite(email, "OWNER", { by: owner });
    expect(await lookUpInvitation(ws.tenant.slug, byOwner.token)).toMatchObject({ status: "valid", role: "OWNER" });
  });

  it.each(["MANAGER", "SALES_REP", "READ_ONLY"] as const)("a %s cannot invite, resend, revoke or list invitations", async (role) => {
    const ctx = memberContext(await addMember(ws.tenant.id, role), ws.tenant);
    const email = newAddress();
    const { invitationId } = await invite(newAddress());
    await expect(inviteMember(ctx, { email, role: "READ_ONLY", employeeNumber: null, locale: "en" }, TEST_META)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(resendInvitation(ctx, invitationId, "en", TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(revokeInvitation(ctx, invitationId, TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(listOpenInvitations(ctx)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await emailsTo(email)).toHaveLength(0);
    expect(await systemDb().invitation.count({ where: { tenantId: ws.tenant.id, email } })).toBe(0);
    expect((await systemDb().invitation.findFirstOrThrow({ where: { id: invitationId } })).revokedAt).toBeNull();
  });
});
