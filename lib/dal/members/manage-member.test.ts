// Changing roles and deactivating members: who may do what to whom, the rule that a workspace
// always keeps an active Owner, and the audit trail every change leaves.
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { changeMemberRole, deactivateMember, reactivateMember } from "./manage-member";
import { listMembers } from "./list-members";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import type { User } from "@/lib/generated/prisma/client";

// A fresh workspace per test: these tests change who owns it.
let ws: TestWorkspace;
let owner: MemberContext;
let admin: User;
let adminCtx: MemberContext;
let manager: User;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = await addMember(ws.tenant.id, "ADMIN");
  adminCtx = memberContext(admin, ws.tenant);
  manager = await addMember(ws.tenant.id, "MANAGER");
});

async function stored(user: { id: string }) {
  return systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
}

async function auditTypes() {
  return (await auditEvents(ws.tenant.id)).map((event) => event.type);
}

describe("the last active Owner", () => {
  it("cannot be demoted (lastOwner), not even by themselves", async () => {
    expect(await changeMemberRole(owner, ws.owner.id, "ADMIN", TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
    expect((await stored(ws.owner)).role).toBe("OWNER");
    expect(await auditTypes()).not.toContain("member.role_changed");
  });

  it("a deactivated second Owner does not count", async () => {
    await addMember(ws.tenant.id, "OWNER", { status: "DEACTIVATED" });
    expect(await changeMemberRole(owner, ws.owner.id, "ADMIN", TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
    expect((await stored(ws.owner)).role).toBe("OWNER");
  });

  it("cannot be deactivated (lastOwner), even by an Owner whose own access was just removed", async () => {
    // The second Owner's request started before they were deactivated; their context still says OWNER.
    const formerOwner = await addMember(ws.tenant.id, "OWNER", { status: "DEACTIVATED" });
    const staleCtx = memberContext({ ...formerOwner, status: "ACTIVE" }, ws.tenant);
    expect(await deactivateMember(staleCtx, ws.owner.id, TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
    expect((await stored(ws.owner)).status).toBe("ACTIVE");
  });

  it("with two Owners, one can be demoted, and then the other is the last", async () => {
    const second = await addMember(ws.tenant.id, "OWNER");
    expect(await changeMemberRole(owner, second.id, "ADMIN", TEST_META)).toEqual({ ok: true });
    expect((await stored(second)).role).toBe("ADMIN");
    expect(await changeMemberRole(owner, ws.owner.id, "ADMIN", TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
  });

  it("with two Owners, one can step down themselves", async () => {
    await addMember(ws.tenant.id, "OWNER");
    expect(await changeMemberRole(owner, ws.owner.id, "ADMIN", TEST_META)).toEqual({ ok: true });
    expect((await stored(ws.owner)).role).toBe("ADMIN");
  });

  it("with two Owners, one can be deactivated, and the remaining one cannot be demoted", async () => {
    const second = await addMember(ws.tenant.id, "OWNER");
    expect(await deactivateMember(owner, second.id, TEST_META)).toEqual({ ok: true });
    expect((await stored(second)).status).toBe("DEACTIVATED");
    expect(await changeMemberRole(owner, ws.owner.id, "MANAGER", TEST_META)).toEqual({ ok: false, reason: "lastOwner" });
  });

  // Two Owners, each acting on the other in the same instant (two browsers, one click each).
  async function twoOwners(): Promise<[MemberContext, MemberContext]> {
    const [first, second] = await Promise.all([addMember(ws.tenant.id, "OWNER"), addMember(ws.tenant.id, "OWNER")]);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: ws.owner.id } }, data: { role: "ADMIN" } });
    return [memberContext(first!, ws.tenant), memberContext(second!, ws.tenant)];
  }

  async function activeOwners() {
    return systemDb().user.count({ where: { tenantId: ws.tenant.id, role: "OWNER", status: "ACTIVE" } });
  }

  /**
   * Runs the calls while another connection holds both Owners' rows locked, and lets go only once
   * both calls wait for those locks (or after a few seconds). That makes the unlucky interleaving —
   * both check "is another Owner left?" before either writes — happen every time instead of sometimes.
   */
  async function simultaneously<T>(calls: (() => Promise<T>)[], lockedUserIds: string[]): Promise<PromiseSettledResult<T>[]> {
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT 1 FROM "User" WHERE "tenantId" = $1 AND "id" = ANY($2) FOR UPDATE`, [ws.tenant.id, lockedUserIds]);
      const running = Promise.allSettled(calls.map((call) => call()));
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await locker.query<{ waiting: string }>(
          `SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (Number(rows[0]?.waiting) >= calls.length) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await locker.query("COMMIT");
      return await running;
    } finally {
      await locker.end();
    }
  }

  function succeeded<T extends { ok: boolean }>(results: PromiseSettledResult<T>[]) {
    return results.filter((result) => result.status === "fulfilled" && result.value.ok);
  }

  it("two Owners demoting each other at the same moment still leave one Owner", async () => {
    const [first, second] = await twoOwners();
    const results = await simultaneously(
      [() => changeMemberRole(first, second.user.id, "ADMIN", TEST_META), () => changeMemberRole(second, first.user.id, "ADMIN", TEST_META)],
      [first.user.id, second.user.id],
    );
    expect(await activeOwners(), `results: ${JSON.stringify(results)}`).toBe(1);
    expect(succeeded(results)).toHaveLength(1);
  });

  it("two Owners deactivating each other at the same moment still leave one active Owner", async () => {
    const [first, second] = await twoOwners();
    const results = await simultaneously(
      [() => deactivateMember(first, second.user.id, TEST_META), () => deactivateMember(second, first.user.id, TEST_META)],
      [first.user.id, second.user.id],
    );
    expect(await activeOwners(), `results: ${JSON.stringify(results)}`).toBe(1);
    expect(succeeded(results)).toHaveLength(1);
  });
});

describe("what an Admin may not do", () => {
  it("change an Owner's role (notAllowed)", async () => {
    expect(await changeMemberRole(adminCtx, ws.owner.id, "READ_ONLY", TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect((await stored(ws.owner)).role).toBe("OWNER");
  });

  it("deactivate or reactivate an Owner (notAllowed)", async () => {
    await addMember(ws.tenant.id, "OWNER"); // so lastOwner cannot be the reason
    expect(await deactivateMember(adminCtx, ws.owner.id, TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect((await stored(ws.owner)).status).toBe("ACTIVE");
    const deactivatedOwner = await addMember(ws.tenant.id, "OWNER", { status: "DEACTIVATED" });
    expect(await reactivateMember(adminCtx, deactivatedOwner.id, TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect((await stored(deactivatedOwner)).status).toBe("DEACTIVATED");
  });

  it("promote anyone to Owner, themselves included (notAllowed)", async () => {
    expect(await changeMemberRole(adminCtx, manager.id, "OWNER", TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect(await changeMemberRole(adminCtx, admin.id, "OWNER", TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    expect((await stored(manager)).role).toBe("MANAGER");
    expect((await stored(admin)).role).toBe("ADMIN");
    expect(await auditTypes()).not.toContain("member.role_changed");
  });

  it("but may manage everyone below Owner", async () => {
    expect(await changeMemberRole(adminCtx, manager.id, "SALES_REP", TEST_META)).toEqual({ ok: true });
    expect(await deactivateMember(adminCtx, manager.id, TEST_META)).toEqual({ ok: true });
    expect(await reactivateMember(adminCtx, manager.id, TEST_META)).toEqual({ ok: true });
    expect(await stored(manager)).toMatchObject({ role: "SALES_REP", status: "ACTIVE" });
  });
});

describe("nobody deactivates themselves", () => {
  it("an Owner (even with another Owner present) gets `self`", async () => {
    await addMember(ws.tenant.id, "OWNER");
    expect(await deactivateMember(owner, ws.owner.id, TEST_META)).toEqual({ ok: false, reason: "self" });
    expect((await stored(ws.owner)).status).toBe("ACTIVE");
  });

  it("an Admin gets `self`", async () => {
    expect(await deactivateMember(adminCtx, admin.id, TEST_META)).toEqual({ ok: false, reason: "self" });
    expect((await stored(admin)).status).toBe("ACTIVE");
    expect(await auditTypes()).not.toContain("member.deactivated");
  });
});

describe("members without the permission", () => {
  it.each(["MANAGER", "SALES_REP", "READ_ONLY"] as const)("a %s gets PermissionDeniedError and changes nothing", async (role) => {
    const ctx = memberContext(await addMember(ws.tenant.id, role), ws.tenant);
    const target = await addMember(ws.tenant.id, "SALES_REP");
    const deactivated = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    await expect(changeMemberRole(ctx, target.id, "ADMIN", TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(changeMemberRole(ctx, ctx.user.id, "OWNER", TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(deactivateMember(ctx, target.id, TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(reactivateMember(ctx, deactivated.id, TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await stored(target)).toMatchObject({ role: "SALES_REP", status: "ACTIVE" });
    expect(await stored(deactivated)).toMatchObject({ status: "DEACTIVATED" });
    expect((await stored(ctx.user)).role).toBe(role);
    expect((await auditTypes()).filter((type) => type.startsWith("member."))).toEqual([]);
  });

  it("Sales reps and Read-only members cannot even list members", async () => {
    for (const role of ["SALES_REP", "READ_ONLY"] as const) {
      const ctx = memberContext(await addMember(ws.tenant.id, role), ws.tenant);
      await expect(listMembers(ctx)).rejects.toBeInstanceOf(PermissionDeniedError);
    }
  });
});

describe("unknown members", () => {
  it("an id that names nobody is `notFound` for every action", async () => {
    expect(await changeMemberRole(owner, "no-such-user", "ADMIN", TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await deactivateMember(owner, "no-such-user", TEST_META)).toEqual({ ok: false, reason: "notFound" });
    expect(await reactivateMember(owner, "no-such-user", TEST_META)).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("the audit trail", () => {
  it("a role change is recorded as member.role_changed with actor, target, origin and from/to", async () => {
    expect(await changeMemberRole(owner, manager.id, "ADMIN", TEST_META)).toEqual({ ok: true });
    const events = await auditEvents(ws.tenant.id, "member.role_changed");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: ws.owner.id,
      targetUserId: manager.id,
      ip: TEST_META.ip,
      userAgent: TEST_META.userAgent,
      data: { from: "MANAGER", to: "ADMIN" },
    });
  });

  it("setting the role a member already has changes and records nothing", async () => {
    expect(await changeMemberRole(owner, manager.id, "MANAGER", TEST_META)).toEqual({ ok: true });
    expect(await auditEvents(ws.tenant.id, "member.role_changed")).toHaveLength(0);
  });

  it("deactivation is recorded as member.deactivated, reactivation as member.reactivated", async () => {
    expect(await deactivateMember(adminCtx, manager.id, TEST_META)).toEqual({ ok: true });
    expect(await reactivateMember(adminCtx, manager.id, TEST_META)).toEqual({ ok: true });
    const events = (await auditEvents(ws.tenant.id)).filter((event) => event.type.startsWith("member."));
    expect(events.map((event) => event.type)).toEqual(["member.deactivated", "member.reactivated"]);
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: admin.id, targetUserId: manager.id, ip: TEST_META.ip, userAgent: TEST_META.userAgent });
    }
    expect(events[0]!.data).toMatchObject({ sessionsRevoked: 0 });
  });
});
