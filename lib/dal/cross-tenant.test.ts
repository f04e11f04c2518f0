// The third layer of tenant isolation (DESIGN.md, "Tenant isolation"): try every tenant-owned
// entity across workspaces, by id, through each layer an attacker's request could reach.
//   - tenantDb(A) (layer 1): reads, updates, deletes and creates aimed at workspace B;
//   - the DAL: an admin of A acting on B's members and invitations by id;
//   - the database (layer 2): composite foreign keys refuse references across workspaces, and
//     the audit log refuses UPDATE and DELETE whatever the application does.
// The model list comes from the generated Prisma client, so a new tenant-owned model without a
// case here fails this file instead of silently going untested.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { createSession, validateSessionToken } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/auth/tokens";
import { changeMemberRole, deactivateMember, reactivateMember } from "@/lib/dal/members/manage-member";
import { listMembers, countActiveMembers } from "@/lib/dal/members/list-members";
import { getHomeSummary } from "@/lib/dal/members/get-home-summary";
import { inviteMember } from "@/lib/dal/invitations/invite-member";
import { listOpenInvitations } from "@/lib/dal/invitations/list-invitations";
import { resendInvitation, revokeInvitation } from "@/lib/dal/invitations/manage-invitation";
import {
  TEST_META,
  addMember,
  createWorkspace,
  emailsTo,
  memberContext,
} from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { idKey, inAnHour, rand, type ModelCase, type Row, type Side } from "@/test/cross-tenant/support";
import { MFA_CASES } from "@/test/cross-tenant/mfa-cases";
import { CRM_CASES } from "@/test/cross-tenant/crm-cases";
import { SSO_CASES } from "@/test/cross-tenant/sso-cases";
import { DASHBOARD_CASES, SAVED_VIEW_CASES } from "@/test/cross-tenant/dashboard-cases";

// ---------------------------------------------------------------------------------------------
// Which models are tenant-owned, according to the generated client.

/** Models that have a tenantId column but deliberately do not belong to one workspace. */
const NOT_TENANT_OWNED: Record<string, string> = {
  EmailMessage: "find-my-workspace emails belong to no workspace; tenantDb() refuses the model",
  ScheduledJob: "the schedule's system table (lib/jobs/schedule.ts): workers claim jobs of every workspace with raw SQL; tenantId only says whose job it is",
  SmsMessage: "the SMS log (lib/sms) is written for any workspace by sendSms and read by /dev/mailbox; tenantDb() refuses the model",
};

function scalarFieldsOf(model: string): string[] {
  // The generated client exports `<Model>ScalarFieldEnum` for every model in Prisma.ModelName.
  const fields: unknown = Reflect.get(Prisma, `${model}ScalarFieldEnum`);
  if (!fields || typeof fields !== "object") throw new Error(`Prisma.${model}ScalarFieldEnum is missing`);
  return Object.values(fields).map(String);
}

const MODELS_WITH_TENANT_ID: string[] = Object.values(Prisma.ModelName).filter((model) => scalarFieldsOf(model).includes("tenantId"));

// ---------------------------------------------------------------------------------------------
// Generic access to a model's delegate, so the walk is the same for every model.

interface Delegate {
  findFirst(args: object): Promise<Row | null>;
  findFirstOrThrow(args: object): Promise<Row>;
  findUnique(args: object): Promise<Row | null>;
  findMany(args?: object): Promise<Row[]>;
  count(args?: object): Promise<number>;
  update(args: object): Promise<Row>;
  updateMany(args: object): Promise<{ count: number }>;
  updateManyAndReturn(args: object): Promise<Row[]>;
  upsert(args: object): Promise<Row>;
  delete(args: object): Promise<Row>;
  deleteMany(args: object): Promise<{ count: number }>;
  create(args: object): Promise<Row>;
  createMany(args: object): Promise<{ count: number }>;
}

function delegateOf(client: object, model: string): Delegate {
  const delegate: unknown = Reflect.get(client, model.charAt(0).toLowerCase() + model.slice(1));
  if (!delegate) throw new Error(`no delegate for ${model}`);
  return delegate as Delegate;
}

/** Waits for a query that may legitimately be refused; the test then checks what the database holds. */
async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => undefined,
    () => undefined,
  );
}


// ---------------------------------------------------------------------------------------------
// Workspaces A and B with a row of every kind in each (C: an empty target for singleton moves).


let A: Side;
let B: Side;
let C: Side;

async function side(): Promise<Side> {
  const workspace = await createWorkspace();
  const admin = await addMember(workspace.tenant.id, "ADMIN");
  const member = await addMember(workspace.tenant.id, "SALES_REP");
  return { ...workspace, admin, member };
}


const CASES: Record<string, ModelCase> = {
  ...MFA_CASES,
  ...CRM_CASES,
  ...SSO_CASES,
  ...DASHBOARD_CASES,
  ...SAVED_VIEW_CASES,
  User: {
    seed: (ws) => addMember(ws.tenant.id, "MANAGER"),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (_inWs, claimed) => ({
      tenantId: claimed.tenant.id,
      email: `planted-${rand()}@example.test`,
      name: "Planted",
      passwordHash: "x",
      role: "OWNER",
    }),
    change: { name: "Hacked", role: "OWNER", passwordHash: "attacker-chosen" },
    referencing: {},
  },
  Session: {
    seed: (ws) =>
      systemDb().session.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    change: { revokedAt: new Date(), revokedReason: "admin" },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }) },
  },
  Invitation: {
    seed: (ws) =>
      systemDb().invitation.create({
        data: {
          tenantId: ws.tenant.id,
          email: `invitee-${rand()}@example.test`,
          role: "SALES_REP",
          tokenHash: hashToken(rand()),
          invitedById: ws.owner.id,
          expiresAt: inAnHour(),
        },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({
      tenantId: claimed.tenant.id,
      email: `planted-${rand()}@example.test`,
      role: "OWNER",
      tokenHash: hashToken(rand()),
      invitedById: inWs.owner.id,
      expiresAt: inAnHour(),
    }),
    change: { role: "OWNER", expiresAt: new Date(Date.now() + 365 * 86_400_000) },
    referencing: {
      invitedById: (ws, user) => ({
        tenantId: ws.tenant.id,
        email: `x-${rand()}@example.test`,
        role: "ADMIN",
        tokenHash: hashToken(rand()),
        invitedById: user.id,
        expiresAt: inAnHour(),
      }),
    },
  },
  AuditEvent: {
    seed: (ws) =>
      systemDb().auditEvent.create({
        data: { tenantId: ws.tenant.id, type: "signin.success", actorUserId: ws.member.id, targetUserId: ws.member.id },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, type: "signin.failure", targetUserId: inWs.member.id }),
    change: { type: "tampered" },
    referencing: {
      actorUserId: (ws, user) => ({ tenantId: ws.tenant.id, type: "signin.success", actorUserId: user.id }),
      targetUserId: (ws, user) => ({ tenantId: ws.tenant.id, type: "member.deactivated", targetUserId: user.id }),
    },
  },
  SecurityPolicy: {
    singleton: true,
    seed: (ws) => systemDb().securityPolicy.findUniqueOrThrow({ where: { tenantId: ws.tenant.id } }),
    match: (row) => ({ tenantId: row.tenantId }),
    unique: (row) => ({ tenantId: row.tenantId }),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id }),
    change: { lockoutThreshold: 100_000, captchaAfterFailures: 100_000, ipAllowlist: ["0.0.0.0/0"] },
    referencing: {},
  },
  PasswordHistory: {
    seed: (ws) => systemDb().passwordHistory.create({ data: { tenantId: ws.tenant.id, userId: ws.member.id, passwordHash: `old-${rand()}` } }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, passwordHash: "planted" }),
    change: { passwordHash: "tampered" },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, passwordHash: "x" }) },
  },
  SignInThrottle: {
    seed: (ws) =>
      systemDb().signInThrottle.create({
        data: { tenantId: ws.tenant.id, usernameKey: `name:${rand()}`, failures: 7, lockedUntil: inAnHour(), lockCount: 2 },
      }),
    match: (row) => ({ usernameKey: row.usernameKey }),
    unique: (row) => ({ tenantId_usernameKey: { tenantId: row.tenantId, usernameKey: row.usernameKey } }),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id, usernameKey: `name:${rand()}`, failures: 1 }),
    // An attacker would love to lift a lockout.
    change: { failures: 0, lockedUntil: null, lockCount: 0 },
    referencing: {},
  },
  PasswordResetToken: {
    seed: (ws) =>
      systemDb().passwordResetToken.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    change: { expiresAt: new Date(Date.now() + 365 * 86_400_000), usedAt: null, tokenHash: hashToken("attacker-known") },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }) },
  },
  KnownDevice: {
    seed: (ws) => systemDb().knownDevice.create({ data: { tenantId: ws.tenant.id, userId: ws.member.id, deviceHash: hashToken(rand()) } }),
    match: (row) => ({ userId: row.userId, deviceHash: row.deviceHash }),
    unique: (row) => ({ tenantId_userId_deviceHash: { tenantId: row.tenantId, userId: row.userId, deviceHash: row.deviceHash } }),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, deviceHash: hashToken(rand()) }),
    // Planting an attacker's device as "known" would silence the new-device alert.
    change: { deviceHash: hashToken("attacker-device"), lastSeenAt: new Date() },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, deviceHash: hashToken(rand()) }) },
  },
};

beforeAll(async () => {
  // One after another: sign-ups hash a password and open a transaction each, and a loaded
  // machine running them side by side can exceed Prisma's 2 s wait to start a transaction.
  A = await side();
  B = await side();
  C = await side();
});

describe("the walk covers the schema", () => {
  it("finds the tenant models in the generated client", () => {
    // Guards the enumeration itself: if it found nothing, every per-model test below would vanish.
    expect(MODELS_WITH_TENANT_ID).toEqual(expect.arrayContaining(["User", "Session", "Invitation", "AuditEvent"]));
  });

  it("has a case for every model with a tenantId column (add one to CASES for a new model)", () => {
    const uncovered = MODELS_WITH_TENANT_ID.filter((model) => !(model in CASES) && !(model in NOT_TENANT_OWNED));
    expect(uncovered).toEqual([]);
  });

  it("has no case for a model that no longer exists or has no tenantId", () => {
    expect(Object.keys(CASES).filter((model) => !MODELS_WITH_TENANT_ID.includes(model))).toEqual([]);
  });

  it("checks the foreign key of every column that names a member", () => {
    const memberColumn = /^(userId|invitedById|\w+UserId)$/;
    for (const [model, c] of Object.entries(CASES)) {
      const columns = scalarFieldsOf(model).filter((field) => memberColumn.test(field));
      expect(Object.keys(c.referencing).sort(), model).toEqual(columns.sort());
    }
  });

  it.each(Object.keys(NOT_TENANT_OWNED))("tenantDb() refuses %s outright, so it cannot be queried half-scoped", async (model) => {
    await expect(delegateOf(tenantDb("any-tenant"), model).findMany()).rejects.toThrow(/not a tenant-owned model/);
  });
});

describe.each(MODELS_WITH_TENANT_ID.filter((model) => !(model in NOT_TENANT_OWNED)))("%s through tenantDb(A)", (model) => {
  const modelCase = CASES[model];
  if (!modelCase) {
    it("has a case in the cross-tenant walk", () => {
      expect.fail(`${model} has a tenantId column but no case in CASES (lib/dal/cross-tenant.test.ts)`);
    });
    return;
  }

  let aRow: Row;
  let bRow: Row;
  const sys = () => delegateOf(systemDb(), model);
  const scopedA = () => delegateOf(tenantDb(A.tenant.id), model);
  const inTenant = (row: Row, tenantId: string) => ({ ...modelCase.match(row), tenantId });

  async function expectBUnchanged() {
    expect(await sys().findUnique({ where: modelCase.unique(bRow) })).toEqual(bRow);
    expect(await sys().count({ where: { tenantId: B.tenant.id } })).toBe(bCount);
  }
  let bCount: number;

  /** Nothing tenantDb(A) returns may be a row of B. */
  function expectNoneOfB(rows: (Row | null)[]) {
    expect(rows.filter((row) => row !== null && row.tenantId !== A.tenant.id)).toEqual([]);
  }

  beforeAll(async () => {
    aRow = await modelCase.seed(A);
    bRow = await modelCase.seed(B);
    bCount = await sys().count({ where: { tenantId: B.tenant.id } });
  });

  it("sees its own row (so the empty answers below mean something)", async () => {
    expect(await scopedA().findFirst({ where: modelCase.match(aRow) })).toEqual(aRow);
    expect(await scopedA().findUnique({ where: modelCase.unique(aRow) })).toEqual(aRow);
  });

  it("cannot read B's row by its identifier, however the query is phrased", async () => {
    const bMatch = modelCase.match(bRow);
    const found = [
      await scopedA().findFirst({ where: bMatch }),
      await scopedA().findFirst({ where: { ...bMatch, tenantId: B.tenant.id } }),
      await scopedA().findFirst({ where: { OR: [bMatch, { tenantId: B.tenant.id }] } }),
      await scopedA().findUnique({ where: modelCase.unique(bRow) }),
      ...(await scopedA().findMany({ where: bMatch })),
      ...(await scopedA().findMany({ where: { tenantId: B.tenant.id } })),
      ...(await scopedA().findMany({ where: { NOT: { tenantId: A.tenant.id } } })),
    ];
    expectNoneOfB(found);
    if (!modelCase.singleton) {
      // B's identifier names no row of A, so these find nothing at all.
      expect(await scopedA().findFirst({ where: bMatch })).toBeNull();
      expect(await scopedA().findMany({ where: bMatch })).toEqual([]);
      expect(await scopedA().count({ where: bMatch })).toBe(0);
      await expect(scopedA().findFirstOrThrow({ where: bMatch })).rejects.toThrow();
    }
  });

  it("lists only A's rows", async () => {
    const rows = await scopedA().findMany();
    expect(rows).toContainEqual(aRow);
    expectNoneOfB(rows);
    expect(await scopedA().count()).toBe(await sys().count({ where: { tenantId: A.tenant.id } }));
  });

  it("cannot update or delete B's row; B's row is unchanged", async () => {
    const bMatch = modelCase.match(bRow);
    const updated = await scopedA().updateMany({ where: bMatch, data: modelCase.change }).catch(() => ({ count: 0 }));
    await settle(scopedA().update({ where: modelCase.unique(bRow), data: modelCase.change }));
    if (!modelCase.singleton) expect(updated).toEqual({ count: 0 });
    await expectBUnchanged();
    const deleted = await scopedA().deleteMany({ where: bMatch }).catch(() => ({ count: 0 }));
    await settle(scopedA().delete({ where: modelCase.unique(bRow) }));
    if (!modelCase.singleton) expect(deleted).toEqual({ count: 0 });
    await expectBUnchanged();
    if (modelCase.singleton) {
      // B's key is B's tenantId, which tenantDb(A) rewrites to A's own: A may have removed its own row.
      await systemDb().securityPolicy.upsert({ where: { tenantId: A.tenant.id }, create: { tenantId: A.tenant.id }, update: {} });
      aRow = await modelCase.seed(A);
    }
  });

  it("an upsert aimed at B's row neither changes it nor creates anything in B", async () => {
    await settle(scopedA().upsert({ where: modelCase.unique(bRow), update: modelCase.change, create: modelCase.createData(A, B) }));
    await expectBUnchanged();
  });

  it("a create that names B as the tenant lands in A", async () => {
    if (modelCase.singleton) await sys().delete({ where: modelCase.unique(aRow) });
    const created = await scopedA().create({ data: modelCase.createData(A, B) });
    expect(created.tenantId).toBe(A.tenant.id);
    if (!modelCase.singleton) {
      expect(await scopedA().createMany({ data: [modelCase.createData(A, B)] })).toEqual({ count: 1 });
    }
    await expectBUnchanged();
    if (modelCase.singleton) aRow = await modelCase.seed(A);
  });

  it.each(["update", "updateMany", "upsert", "updateManyAndReturn"] as const)("%s cannot move a row of A into another workspace", async (operation) => {
    // Singletons move into C, which has none (B's would make the move fail for the wrong reason).
    const target = modelCase.singleton ? C : B;
    if (modelCase.singleton) {
      await sys().deleteMany({ where: { tenantId: C.tenant.id } });
      await systemDb().securityPolicy.upsert({ where: { tenantId: A.tenant.id }, create: { tenantId: A.tenant.id }, update: {} });
    }
    const row = await modelCase.seed(A);
    const targetCount = await sys().count({ where: { tenantId: target.tenant.id } });
    const moveData = { tenantId: target.tenant.id };
    const scoped = scopedA();
    const attempts = {
      update: () => scoped.update({ where: modelCase.unique(row), data: moveData }),
      updateMany: () => scoped.updateMany({ where: modelCase.match(row), data: moveData }),
      upsert: () => scoped.upsert({ where: modelCase.unique(row), update: moveData, create: modelCase.createData(A, A) }),
      updateManyAndReturn: () => scoped.updateManyAndReturn({ where: modelCase.match(row), data: moveData }),
    };
    await settle(attempts[operation]());
    expect(await sys().findFirst({ where: inTenant(row, A.tenant.id) }), "the row is still in A").not.toBeNull();
    expect(await sys().count({ where: { tenantId: target.tenant.id } }), "rows in the target workspace").toBe(targetCount);
  });

  it("stays confined inside an interactive transaction", async () => {
    const found = await tenantDb(A.tenant.id).$transaction(async (tx) => [
      await delegateOf(tx, model).findFirst({ where: { ...modelCase.match(bRow), tenantId: B.tenant.id } }),
      ...(await delegateOf(tx, model).findMany()),
    ]);
    expectNoneOfB(found);
  });
});

// ---------------------------------------------------------------------------------------------
// The DAL, called by a signed-in Owner or Admin of A with ids that belong to B.

describe("DAL: members and invitations of another workspace", () => {
  let bInvitationId: string;
  let bInviteeEmail: string;
  let bDeactivated: User;
  let bMemberToken: string;

  beforeAll(async () => {
    bInviteeEmail = `b-invitee-${randomBytes(4).toString("hex")}@example.test`;
    const invited = await inviteMember(
      memberContext(B.owner, B.tenant),
      { email: bInviteeEmail, role: "MANAGER", employeeNumber: null, locale: "en" },
      TEST_META,
    );
    if (!invited.ok) throw new Error(`could not invite in B: ${invited.reason}`);
    bInvitationId = invited.invitationId;
    bDeactivated = await addMember(B.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    bMemberToken = (
      await createSession({
        tenantId: B.tenant.id,
        userId: B.member.id,
        policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 },
        ip: null,
        userAgent: null,
      })
    ).token;
  });

  const actors = () => [
    ["Owner", memberContext(A.owner, A.tenant)],
    ["Admin", memberContext(A.admin, A.tenant)],
  ] as const;

  async function bUser(id: string) {
    return systemDb().user.findUniqueOrThrow({ where: idKey(B.tenant.id, id) });
  }

  it("changeMemberRole on B's member: notFound, and the member keeps their role", async () => {
    const before = await bUser(B.member.id);
    for (const [, ctx] of actors()) {
      expect(await changeMemberRole(ctx, B.member.id, "MANAGER", TEST_META)).toEqual({ ok: false, reason: "notFound" });
      expect(await changeMemberRole(ctx, B.owner.id, "READ_ONLY", TEST_META)).toEqual({ ok: false, reason: "notFound" });
    }
    expect(await bUser(B.member.id)).toEqual(before);
    expect((await bUser(B.owner.id)).role).toBe("OWNER");
  });

  it("deactivateMember on B's member: notFound, and B's member stays active and signed in", async () => {
    const before = await bUser(B.member.id);
    for (const [, ctx] of actors()) {
      expect(await deactivateMember(ctx, B.member.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
      expect(await deactivateMember(ctx, B.owner.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    }
    expect(await bUser(B.member.id)).toEqual(before);
    expect(await validateSessionToken(bMemberToken)).toMatchObject({ user: { id: B.member.id }, tenant: { id: B.tenant.id } });
  });

  it("reactivateMember on B's deactivated member: notFound, and they stay deactivated", async () => {
    for (const [, ctx] of actors()) {
      expect(await reactivateMember(ctx, bDeactivated.id, TEST_META)).toEqual({ ok: false, reason: "notFound" });
    }
    expect(await bUser(bDeactivated.id)).toEqual(bDeactivated);
  });

  it("resendInvitation on B's invitation: invitationNotOpen, nothing changes and no email goes out", async () => {
    const before = await systemDb().invitation.findUniqueOrThrow({ where: idKey(B.tenant.id, bInvitationId) });
    const emailsBefore = (await emailsTo(bInviteeEmail)).length;
    for (const [, ctx] of actors()) {
      expect(await resendInvitation(ctx, bInvitationId, "en", TEST_META)).toEqual({ ok: false, reason: "invitationNotOpen" });
    }
    expect(await systemDb().invitation.findUniqueOrThrow({ where: idKey(B.tenant.id, bInvitationId) })).toEqual(before);
    expect(await emailsTo(bInviteeEmail)).toHaveLength(emailsBefore);
  });

  it("revokeInvitation on B's invitation: invitationNotOpen, and it stays open", async () => {
    const before = await systemDb().invitation.findUniqueOrThrow({ where: idKey(B.tenant.id, bInvitationId) });
    for (const [, ctx] of actors()) {
      expect(await revokeInvitation(ctx, bInvitationId, TEST_META)).toEqual({ ok: false, reason: "invitationNotOpen" });
    }
    expect(await systemDb().invitation.findUniqueOrThrow({ where: idKey(B.tenant.id, bInvitationId) })).toEqual(before);
  });

  it("failed attempts leave no audit trail in B", async () => {
    const types = (await systemDb().auditEvent.findMany({ where: { tenantId: B.tenant.id }, select: { type: true } })).map(
      (event) => event.type,
    );
    expect(types).not.toContain("member.role_changed");
    expect(types).not.toContain("member.deactivated");
    expect(types).not.toContain("member.reactivated");
    expect(types).not.toContain("member.invitation_resent");
    expect(types).not.toContain("member.invitation_revoked");
  });

  it("listMembers of A lists A's members and none of B's", async () => {
    const aIds = (await systemDb().user.findMany({ where: { tenantId: A.tenant.id }, select: { id: true } })).map((u) => u.id);
    const bIds = (await systemDb().user.findMany({ where: { tenantId: B.tenant.id }, select: { id: true } })).map((u) => u.id);
    for (const [, ctx] of actors()) {
      const listed = (await listMembers(ctx)).map((m) => m.id);
      expect(listed.sort()).toEqual([...aIds].sort());
      expect(listed.filter((id) => bIds.includes(id))).toEqual([]);
    }
  });

  it("listOpenInvitations of A never contains B's invitations", async () => {
    const aInvitee = `a-invitee-${randomBytes(4).toString("hex")}@example.test`;
    const invited = await inviteMember(
      memberContext(A.owner, A.tenant),
      { email: aInvitee, role: "SALES_REP", employeeNumber: null, locale: "en" },
      TEST_META,
    );
    expect(invited.ok).toBe(true);
    for (const [, ctx] of actors()) {
      const listed = await listOpenInvitations(ctx);
      expect(listed.map((row) => row.email)).toContain(aInvitee);
      expect(listed.map((row) => row.id)).not.toContain(bInvitationId);
      expect(listed.map((row) => row.email)).not.toContain(bInviteeEmail);
    }
  });

  it("member counts of A count only A's members", async () => {
    const aActive = await systemDb().user.count({ where: { tenantId: A.tenant.id, status: "ACTIVE" } });
    expect(await countActiveMembers(memberContext(A.owner, A.tenant))).toBe(aActive);
    expect((await getHomeSummary(memberContext(A.owner, A.tenant))).activeMembers).toBe(aActive);
  });

  it("B's members and employee numbers do not block invitations in A", async () => {
    const employeeNumber = `e-${randomBytes(3).toString("hex")}`;
    const bMemberWithNumber = await addMember(B.tenant.id, "SALES_REP", { employeeNumber });
    const result = await inviteMember(
      memberContext(A.admin, A.tenant),
      { email: bMemberWithNumber.email, role: "SALES_REP", employeeNumber, locale: "en" },
      TEST_META,
    );
    expect(result).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------------
// The database refuses what the application layers should never attempt.

describe("database: composite foreign keys refuse references across workspaces", () => {
  const references = Object.entries(CASES).flatMap(([model, c]) =>
    Object.entries(c.referencing).map(([column, make]) => ({ model, column, make })),
  );

  it.each(references)("$model.$column in A naming a member of B is refused (naming A's member is accepted)", async ({ model, make }) => {
    const db = delegateOf(systemDb(), model);
    const before = await db.count({ where: { tenantId: A.tenant.id } });
    await expect(db.create({ data: make(A, B.member) })).rejects.toThrow();
    expect(await db.count({ where: { tenantId: A.tenant.id } })).toBe(before);
    await expect(db.create({ data: make(A, A.member) })).resolves.toMatchObject({ tenantId: A.tenant.id });
  });

  it("an existing Session of A cannot be repointed at a member of B", async () => {
    const session = await CASES.Session!.seed(A);
    await expect(
      systemDb().session.update({ where: idKey(A.tenant.id, String(session.id)), data: { userId: B.member.id } }),
    ).rejects.toThrow();
    expect((await systemDb().session.findUniqueOrThrow({ where: idKey(A.tenant.id, String(session.id)) })).userId).toBe(A.member.id);
  });
});

describe("database: the audit log is append-only", () => {
  let event: { id: string; tenantId: string };
  let before: unknown;

  beforeAll(async () => {
    event = await systemDb().auditEvent.create({
      data: { tenantId: A.tenant.id, type: "signin.failure", targetUserId: A.member.id, data: { reason: "wrong-password" } },
    });
    before = await systemDb().auditEvent.findUniqueOrThrow({ where: idKey(event.tenantId, event.id) });
  });

  const stillThere = async () => {
    expect(await systemDb().auditEvent.findUniqueOrThrow({ where: idKey(event.tenantId, event.id) })).toEqual(before);
  };

  it("refuses UPDATE, through Prisma and raw SQL", async () => {
    await expect(
      systemDb().auditEvent.update({ where: idKey(event.tenantId, event.id), data: { type: "signin.success" } }),
    ).rejects.toThrow(/append-only/);
    await expect(
      systemDb().auditEvent.updateMany({ where: { tenantId: event.tenantId, id: event.id }, data: { targetUserId: null } }),
    ).rejects.toThrow(/append-only/);
    await expect(
      systemDb().$executeRaw`UPDATE "AuditEvent" SET "type" = 'tampered' WHERE "id" = ${event.id}`,
    ).rejects.toThrow(/append-only/);
    await stillThere();
  });

  it("refuses DELETE, through Prisma and raw SQL", async () => {
    await expect(systemDb().auditEvent.delete({ where: idKey(event.tenantId, event.id) })).rejects.toThrow(/append-only/);
    await expect(systemDb().auditEvent.deleteMany({ where: { tenantId: event.tenantId } })).rejects.toThrow(/append-only/);
    await expect(systemDb().$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${event.id}`).rejects.toThrow(/append-only/);
    await stillThere();
  });

  it("still lets a whole workspace be deleted, audit log included", async () => {
    const doomed = await createWorkspace();
    expect(await systemDb().auditEvent.count({ where: { tenantId: doomed.tenant.id } })).toBeGreaterThan(0);
    await systemDb().tenant.delete({ where: { id: doomed.tenant.id } });
    expect(await systemDb().auditEvent.count({ where: { tenantId: doomed.tenant.id } })).toBe(0);
    expect(await systemDb().user.count({ where: { tenantId: doomed.tenant.id } })).toBe(0);
    await stillThere();
  });
});
