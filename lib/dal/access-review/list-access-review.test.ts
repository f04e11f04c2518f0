// The access review: one row per member with password age, lock state and live sessions, for
// Owners and Admins only, never mixing in another workspace.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { UNTIL_ADMIN_UNLOCKS } from "@/lib/auth/sign-in-throttle";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { contextOf } from "@/lib/dal/audit/audit-test-helpers";
import { listAccessReview, type AccessReviewRow } from "./list-access-review";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const minutes = (n: number) => new Date(NOW.getTime() - n * 60_000);
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

let ws: TestWorkspace;
let other: TestWorkspace;
let veteran: User; // old password, two live sessions
let timedLock: User;
let adminLock: User;
let expiredLock: User;
let fresh: User;
let gone: User;
let otherMember: User;

async function session(tenantId: string, userId: string, fields: { lastActiveAt?: Date; expiresAt?: Date; revokedAt?: Date | null } = {}) {
  await systemDb().session.create({
    data: {
      tenantId,
      userId,
      tokenHash: randomBytes(32).toString("hex"),
      createdAt: minutes(30),
      lastActiveAt: fields.lastActiveAt ?? minutes(5),
      expiresAt: fields.expiresAt ?? new Date(NOW.getTime() + 3_600_000),
      revokedAt: fields.revokedAt ?? null,
    },
  });
}

async function throttle(tenantId: string, usernameKey: string, lockedUntil: Date | null) {
  await systemDb().signInThrottle.create({ data: { tenantId, usernameKey, failures: 0, lockedUntil, lockCount: lockedUntil ? 1 : 0 } });
}

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  const t = ws.tenant.id;
  [veteran, timedLock, adminLock, expiredLock, fresh, gone, otherMember] = await Promise.all([
    addMember(t, "MANAGER", { name: "Veteran" }),
    addMember(t, "SALES_REP", { name: "Timed lock" }),
    addMember(t, "SALES_REP", { name: "Admin lock" }),
    addMember(t, "SALES_REP", { name: "Lock ran out" }),
    addMember(t, "READ_ONLY", { name: "Fresh" }),
    addMember(t, "SALES_REP", { name: "Gone", status: "DEACTIVATED" }),
    addMember(other.tenant.id, "ADMIN", { name: "Elsewhere" }),
  ]);
  const db = systemDb();
  // 10.5 days old: the age is whole days, rounded down. The workspace allows 7.
  await db.user.update({ where: { tenantId_id: { tenantId: t, id: veteran.id } }, data: { passwordChangedAt: days(10.5), lastSignInAt: minutes(30) } });
  await db.user.update({ where: { tenantId_id: { tenantId: t, id: fresh.id } }, data: { passwordChangedAt: minutes(60) } });
  await db.securityPolicy.upsert({ where: { tenantId: t }, create: { tenantId: t, passwordMaxAgeDays: 7 }, update: { passwordMaxAgeDays: 7 } });

  await throttle(t, `user:${timedLock.id}`, new Date(NOW.getTime() + 15 * 60_000));
  await throttle(t, `user:${adminLock.id}`, UNTIL_ADMIN_UNLOCKS);
  await throttle(t, `user:${expiredLock.id}`, minutes(1));
  // A locked unknown username names nobody; and another workspace's lock on someone of its own.
  await throttle(t, "name:someone@example.test", new Date(NOW.getTime() + 60_000));
  await throttle(other.tenant.id, `user:${otherMember.id}`, new Date(NOW.getTime() + 60_000));

  // Live: two. Not live: revoked, past its absolute expiry, idle longer than the workspace's 60 minutes.
  await session(t, veteran.id);
  await session(t, veteran.id, { lastActiveAt: minutes(59) });
  await session(t, veteran.id, { revokedAt: minutes(10) });
  await session(t, veteran.id, { expiresAt: minutes(1) });
  await session(t, veteran.id, { lastActiveAt: minutes(61) });
  await session(other.tenant.id, otherMember.id);
});

function rowOf(rows: AccessReviewRow[], user: User) {
  const row = rows.find((r) => r.id === user.id);
  if (!row) throw new Error(`no row for ${user.name}`);
  return row;
}

describe("listAccessReview", () => {
  it("lists every member of the workspace and nobody else", async () => {
    const rows = await listAccessReview(contextOf(ws.owner, ws.tenant), NOW);
    expect(rows.map((row) => row.id).sort()).toEqual([ws.owner.id, veteran.id, timedLock.id, adminLock.id, expiredLock.id, fresh.id, gone.id].sort());
    // Active members first.
    expect(rows[rows.length - 1]!.id).toBe(gone.id);
    expect(rowOf(rows, gone)).toMatchObject({ status: "DEACTIVATED", role: "SALES_REP" });
  });

  it("gives the password's age in whole days and flags it past the policy's maximum", async () => {
    const rows = await listAccessReview(contextOf(ws.owner, ws.tenant), NOW);
    expect(rowOf(rows, veteran)).toMatchObject({ passwordAgeDays: 10, passwordExpired: true, passwordChangedAt: days(10.5), lastSignInAt: minutes(30) });
    expect(rowOf(rows, fresh)).toMatchObject({ passwordAgeDays: 0, passwordExpired: false, lastSignInAt: null });
  });

  it("shows who is locked out right now, and until when", async () => {
    const rows = await listAccessReview(contextOf(ws.owner, ws.tenant), NOW);
    expect(rowOf(rows, timedLock)).toMatchObject({ locked: true, lockedUntil: new Date(NOW.getTime() + 15 * 60_000), lockedUntilAdminUnlocks: false });
    expect(rowOf(rows, adminLock)).toMatchObject({ locked: true, lockedUntil: null, lockedUntilAdminUnlocks: true });
    expect(rowOf(rows, expiredLock)).toMatchObject({ locked: false, lockedUntil: null });
    expect(rowOf(rows, veteran)).toMatchObject({ locked: false });
  });

  it("counts only sessions that would still be accepted", async () => {
    const rows = await listAccessReview(contextOf(ws.owner, ws.tenant), NOW);
    expect(rowOf(rows, veteran).activeSessions).toBe(2);
    expect(rowOf(rows, fresh).activeSessions).toBe(0);
  });

  it("has no second factors or passkeys to show until those features exist", async () => {
    const rows = await listAccessReview(contextOf(ws.owner, ws.tenant), NOW);
    for (const row of rows) expect(row).toMatchObject({ secondFactors: [], passkeys: [] });
  });

  it("is for Owners and Admins only", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    await expect(listAccessReview(contextOf(admin, ws.tenant), NOW)).resolves.toHaveLength(8);
    for (const role of ["MANAGER", "SALES_REP", "READ_ONLY"] as const) {
      const user = await addMember(ws.tenant.id, role);
      await expect(listAccessReview(contextOf(user, ws.tenant), NOW)).rejects.toBeInstanceOf(PermissionDeniedError);
    }
  });

  it("keeps the other workspace's locks and sessions to itself", async () => {
    const rows = await listAccessReview(contextOf(otherMember, other.tenant), NOW);
    expect(rows.map((row) => row.id).sort()).toEqual([other.owner.id, otherMember.id].sort());
    expect(rowOf(rows, otherMember)).toMatchObject({ locked: true, activeSessions: 1 });
    expect(rows.find((row) => row.id === veteran.id)).toBeUndefined();
  });
});
