// Server-side sessions: what the database keeps of a cookie token (its hash only), and every way a
// session stops being valid — revocation, idleness, absolute lifetime, deactivation.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { createSession, revokeSession, revokeSessionByToken, validateSessionToken, type SessionPolicy } from "./sessions";
import { deactivateMember } from "@/lib/dal/members/manage-member";
import { TEST_META, addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";

const MINUTE = 60_000;

let ws: TestWorkspace;
let other: TestWorkspace;
let policy: SessionPolicy;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  policy = await systemDb().tenant.findUniqueOrThrow({
    where: { id: ws.tenant.id },
    select: { sessionIdleMinutes: true, sessionAbsoluteMinutes: true },
  });
});

function start(user: User, now?: Date, tenantId = ws.tenant.id) {
  return createSession({ tenantId, userId: user.id, policy, ip: "192.0.2.10", userAgent: "vitest sessions", now });
}

async function sessionRow(token: string) {
  return systemDb().session.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
}

describe("what is stored", () => {
  it("keeps only the SHA-256 of a 256-bit token: the token appears in no column of the Session table", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { token, maxAgeSeconds } = await start(user);

    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(maxAgeSeconds).toBe(policy.sessionAbsoluteMinutes * 60);

    // Every column of every row, read with SQL so a column added later is checked too.
    const rows = await systemDb().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Session"`);
    expect(rows.length).toBeGreaterThan(0);
    const cells = rows.flatMap((row) => Object.values(row)).map((value) => (value instanceof Date ? value.toISOString() : String(value)));
    expect(cells.filter((cell) => cell.includes(token))).toEqual([]);
    // Nor in any other encoding of the same bytes.
    const hex = Buffer.from(token, "base64url").toString("hex");
    const base64 = Buffer.from(token, "base64url").toString("base64");
    expect(cells.filter((cell) => cell.includes(hex) || cell.includes(base64))).toEqual([]);

    const row = rows.find((r) => r.userId === user.id)!;
    expect(row.tokenHash).toBe(createHash("sha256").update(token, "utf8").digest("hex"));
  });

  it("issues a different token for every session", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const [a, b] = await Promise.all([start(user), start(user)]);
    expect(a.token).not.toBe(b.token);
  });
});

describe("validation", () => {
  it("a fresh session is valid and names its member and workspace", async () => {
    const user = await addMember(ws.tenant.id, "MANAGER", { employeeNumber: "e-55" });
    const { token } = await start(user);
    const session = await validateSessionToken(token);
    expect(session).toMatchObject({
      tenant: { id: ws.tenant.id, slug: ws.tenant.slug, name: ws.tenant.name },
      user: { id: user.id, email: user.email, role: "MANAGER", status: "ACTIVE", employeeNumber: "e-55" },
    });
    // A DTO: nothing secret rides along.
    expect(JSON.stringify(session)).not.toContain(user.passwordHash);
    expect(JSON.stringify(session)).not.toContain((await sessionRow(token)).tokenHash);
  });

  it("unknown, empty, missing and oversized tokens are refused", async () => {
    expect(await validateSessionToken(undefined)).toBeNull();
    expect(await validateSessionToken("")).toBeNull();
    expect(await validateSessionToken("made-up-token")).toBeNull();
    expect(await validateSessionToken("x".repeat(10_000))).toBeNull();
  });

  it("the stored hash is not itself a usable token", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { token } = await start(user);
    expect(await validateSessionToken((await sessionRow(token)).tokenHash)).toBeNull();
  });

  it("a session of workspace A validates as workspace A, never as B (the caller compares the slug)", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { token } = await start(user);
    const session = await validateSessionToken(token);
    expect(session?.tenant).toMatchObject({ id: ws.tenant.id, slug: ws.tenant.slug, name: ws.tenant.name });
    expect(session?.tenant.slug).not.toBe(other.tenant.slug);
  });
});

describe("ending a session", () => {
  it("a revoked session is refused at once", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { token } = await start(user);
    await revokeSession(ws.tenant.id, (await sessionRow(token)).id, "sign-out");
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(token)).toMatchObject({ revokedReason: "sign-out" });
  });

  it("sign-out by token revokes that session only", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const [a, b] = await Promise.all([start(user), start(user)]);
    await revokeSessionByToken(a.token, "sign-out");
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).not.toBeNull();
  });

  it("revoking another workspace's session id through this workspace does nothing", async () => {
    const user = await addMember(other.tenant.id, "SALES_REP");
    const { token } = await start(user, undefined, other.tenant.id);
    await revokeSession(ws.tenant.id, (await sessionRow(token)).id, "admin");
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  it("idle longer than the workspace's sessionIdleMinutes: refused, and revoked as `idle`", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const t0 = new Date();
    const { token } = await start(user, t0);
    const idle = policy.sessionIdleMinutes * MINUTE;

    // Activity just inside the limit keeps it alive and moves the idle window on.
    const t1 = new Date(t0.getTime() + idle - MINUTE);
    expect(await validateSessionToken(token, t1)).not.toBeNull();
    const t2 = new Date(t1.getTime() + idle - MINUTE);
    expect(await validateSessionToken(token, t2)).not.toBeNull();

    const t3 = new Date(t2.getTime() + idle + MINUTE);
    expect(await validateSessionToken(token, t3)).toBeNull();
    expect(await sessionRow(token)).toMatchObject({ revokedReason: "idle" });
    // Revoked for good: going back in time does not revive it.
    expect(await validateSessionToken(token, t2)).toBeNull();
  });

  it("the idle limit is the workspace's own, read at validation", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const t0 = new Date();
    const { token } = await start(user, t0);
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { sessionIdleMinutes: 5 } });
    try {
      expect(await validateSessionToken(token, new Date(t0.getTime() + 6 * MINUTE))).toBeNull();
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { sessionIdleMinutes: policy.sessionIdleMinutes } });
    }
  });

  it("beyond the absolute lifetime: refused even while active, and revoked as `expired`", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const t0 = new Date();
    const { token } = await start(user, t0);
    const step = (policy.sessionIdleMinutes - 1) * MINUTE;
    const lifetime = policy.sessionAbsoluteMinutes * MINUTE;
    // Stay active all along, so only the absolute limit can end it.
    let now = t0.getTime();
    while (now + step < t0.getTime() + lifetime) {
      now += step;
      expect(await validateSessionToken(token, new Date(now))).not.toBeNull();
    }
    expect(await validateSessionToken(token, new Date(t0.getTime() + lifetime + 1000))).toBeNull();
    expect(await sessionRow(token)).toMatchObject({ revokedReason: "expired" });
  });

  it("a deactivated member's session is refused", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const { token } = await start(user);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { status: "DEACTIVATED" } });
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("deactivateMember revokes every session of that member, and only theirs", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP");
    const bystander = await addMember(ws.tenant.id, "SALES_REP");
    const tokens = await Promise.all([start(user), start(user), start(user)]);
    const bystanderSession = await start(bystander);
    const live = (userId: string) => systemDb().session.count({ where: { tenantId: ws.tenant.id, userId, revokedAt: null } });
    expect(await live(user.id)).toBe(3);

    expect(await deactivateMember(memberContext(ws.owner, ws.tenant), user.id, TEST_META)).toEqual({ ok: true });

    expect(await live(user.id)).toBe(0);
    for (const { token } of tokens) {
      expect(await validateSessionToken(token)).toBeNull();
      expect(await sessionRow(token)).toMatchObject({ revokedReason: "deactivated" });
    }
    expect(await live(bystander.id)).toBe(1);
    expect(await validateSessionToken(bystanderSession.token)).not.toBeNull();
  });
});
