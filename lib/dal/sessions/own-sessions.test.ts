import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { createSession, validateSessionToken } from "@/lib/auth/sessions";
import { addMember, createWorkspace, memberContext, TEST_META } from "@/test/factories";
import { endMemberSessions } from "@/lib/dal/members/member-security";
import { listOwnSessions, revokeOtherOwnSessions, revokeOwnSession } from "./own-sessions";

const policy = { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 };

async function sessionOf(tenantId: string, userId: string, userAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/124.0") {
  const { token } = await createSession({ tenantId, userId, policy, ip: "203.0.113.5", userAgent });
  const valid = await validateSessionToken(token);
  return { token, id: valid!.sessionId };
}

describe("a member's own sessions", () => {
  it("lists this device first and ends another session on its next request", async () => {
    const { tenant, owner } = await createWorkspace();
    const current = await sessionOf(tenant.id, owner.id);
    const phone = await sessionOf(tenant.id, owner.id, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1");
    const ctx = memberContext(owner, tenant, { sessionId: current.id });

    const listed = await listOwnSessions(ctx);
    expect(listed.map((row) => [row.id, row.current])).toEqual([
      [current.id, true],
      [phone.id, false],
    ]);

    expect(await revokeOwnSession(ctx, phone.id, TEST_META)).toBe(true);
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await validateSessionToken(current.token)).not.toBeNull();
    // "End session" on the current one is refused: that is what signing out is for.
    expect(await revokeOwnSession(ctx, current.id, TEST_META)).toBe(false);
  });

  it("signs out everywhere else but keeps this session", async () => {
    const { tenant, owner } = await createWorkspace();
    const current = await sessionOf(tenant.id, owner.id);
    const others = [await sessionOf(tenant.id, owner.id), await sessionOf(tenant.id, owner.id)];
    const ctx = memberContext(owner, tenant, { sessionId: current.id });
    expect(await revokeOtherOwnSessions(ctx, TEST_META)).toBe(2);
    for (const other of others) expect(await validateSessionToken(other.token)).toBeNull();
    expect(await validateSessionToken(current.token)).not.toBeNull();
    const audit = await systemDb().auditEvent.findFirst({ where: { tenantId: tenant.id, type: "sessions.revoked_all" } });
    expect(audit?.data).toMatchObject({ count: 2, keptCurrent: true });
  });

  it("cannot end another member's session, nor one in another workspace", async () => {
    const { tenant, owner } = await createWorkspace();
    const rep = await addMember(tenant.id, "SALES_REP");
    const other = await createWorkspace();
    const repSession = await sessionOf(tenant.id, rep.id);
    const foreign = await sessionOf(other.tenant.id, other.owner.id);
    const ownerSession = await sessionOf(tenant.id, owner.id);
    const ctx = memberContext(owner, tenant, { sessionId: ownerSession.id });
    expect(await revokeOwnSession(ctx, repSession.id, TEST_META)).toBe(false);
    expect(await revokeOwnSession(ctx, foreign.id, TEST_META)).toBe(false);
    expect(await validateSessionToken(repSession.token)).not.toBeNull();
    expect(await validateSessionToken(foreign.token)).not.toBeNull();
    expect((await listOwnSessions(ctx)).map((row) => row.id)).toEqual([ownerSession.id]);
  });

  it("lets an admin sign a member out everywhere, but not an Owner, and not across workspaces", async () => {
    const { tenant, owner } = await createWorkspace();
    const admin = await addMember(tenant.id, "ADMIN");
    const rep = await addMember(tenant.id, "SALES_REP");
    const other = await createWorkspace();
    const repSessions = [await sessionOf(tenant.id, rep.id), await sessionOf(tenant.id, rep.id)];
    const ownerSession = await sessionOf(tenant.id, owner.id);
    const foreign = await sessionOf(other.tenant.id, other.owner.id);
    const adminCtx = memberContext(admin, tenant);
    expect(await endMemberSessions(adminCtx, rep.id, TEST_META)).toEqual({ ok: true, count: 2 });
    for (const session of repSessions) expect(await validateSessionToken(session.token)).toBeNull();
    expect(await endMemberSessions(adminCtx, owner.id, TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect(await validateSessionToken(ownerSession.token)).not.toBeNull();
    expect(await endMemberSessions(adminCtx, other.owner.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await validateSessionToken(foreign.token)).not.toBeNull();
  });
});
