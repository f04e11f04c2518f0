// Password sign-in as a user and as an attacker sees it: which usernames work, and that every
// kind of failure looks the same from outside while each one is audited.
import { hash } from "@node-rs/argon2";
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { needsRehash, verifyPassword } from "./password-hash";
import { validateSessionToken } from "./sessions";
import { signInWithPassword } from "./sign-in-with-password";
import { TEST_PASSWORD, addMember, auditEvents, createWorkspace, uniqueSuffix, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

// Each attempt comes from its own address, so per-IP captcha and rate limits never interfere with
// what a test is about. (Failures per username are kept below the captcha threshold too.)
let lastOctet = 0;
function freshIp() {
  lastOctet += 1;
  return `198.51.100.${lastOctet}`;
}

function signIn(username: string, password: string, tenantId = ws.tenant.id) {
  return signInWithPassword({ tenantId, username, password, ip: freshIp(), userAgent: "vitest sign-in" });
}

async function sessionCount(userId: string) {
  return systemDb().session.count({ where: { userId } });
}

async function member(overrides: Parameters<typeof addMember>[2] = {}): Promise<User> {
  return addMember(ws.tenant.id, "SALES_REP", overrides);
}

describe("usernames", () => {
  it.each([
    ["exactly as stored", (email: string) => email],
    ["in upper case", (email: string) => email.toUpperCase()],
    ["in mixed case with surrounding spaces", (email: string) => `  ${email.charAt(0).toUpperCase()}${email.slice(1)}\t`],
  ])("the email %s signs in and starts a session for that member", async (_label, typed) => {
    const user = await member();
    const result = await signIn(typed(user.email), TEST_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    if (!result.ok) return;
    expect(await validateSessionToken(result.token)).toMatchObject({ user: { id: user.id }, tenant: { id: ws.tenant.id } });
  });

  it("the employee number signs in, in any case, whatever case it was stored in", async () => {
    const employeeNumber = `Emp-${uniqueSuffix()}`;
    const user = await member({ employeeNumber });
    expect(await signIn(employeeNumber, TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await signIn(` ${employeeNumber.toUpperCase()} `, TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await signIn(employeeNumber.toLowerCase(), TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("a successful sign-in is audited with its origin and recorded as the member's last sign-in", async () => {
    const user = await member();
    const before = new Date(Date.now() - 1000);
    const result = await signInWithPassword({ tenantId: ws.tenant.id, username: user.email, password: TEST_PASSWORD, ip: "192.0.2.44", userAgent: "Audited UA" });
    expect(result.ok).toBe(true);
    const successes = (await auditEvents(ws.tenant.id, "signin.success")).filter((event) => event.actorUserId === user.id);
    expect(successes).toHaveLength(1);
    expect(successes[0]).toMatchObject({ ip: "192.0.2.44", userAgent: "Audited UA", targetUserId: user.id });
    const stored = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } });
    expect(stored.lastSignInAt!.getTime()).toBeGreaterThan(before.getTime());
  });
});

describe("failures look alike", () => {
  it("a wrong password and an unknown username get identical answers, both audited as signin.failure", async () => {
    const user = await member();
    const failuresBefore = (await auditEvents(ws.tenant.id, "signin.failure")).length;

    const wrongPassword = await signIn(user.email, "Not The Password 123");
    const unknownUser = await signIn(`nobody-${uniqueSuffix()}@example.test`, "Not The Password 123");

    expect(wrongPassword.ok).toBe(false);
    expect(unknownUser).toEqual(wrongPassword);
    expect(Object.keys(unknownUser).sort()).toEqual(Object.keys(wrongPassword).sort());
    expect(await sessionCount(user.id)).toBe(0);

    const failures = (await auditEvents(ws.tenant.id, "signin.failure")).slice(failuresBefore);
    expect(failures).toHaveLength(2);
    expect(failures.map((event) => event.targetUserId)).toEqual(expect.arrayContaining([user.id, null]));
  });

  it("a deactivated member with the right password gets the same answer and no session", async () => {
    const active = await member();
    const deactivated = await member({ status: "DEACTIVATED" });
    const wrongPassword = await signIn(active.email, "Not The Password 123");
    const failuresBefore = (await auditEvents(ws.tenant.id, "signin.failure")).length;

    const result = await signIn(deactivated.email, TEST_PASSWORD);

    expect(result).toEqual(wrongPassword);
    expect(await sessionCount(deactivated.id)).toBe(0);
    const failures = (await auditEvents(ws.tenant.id, "signin.failure")).slice(failuresBefore);
    expect(failures.map((event) => event.targetUserId)).toEqual([deactivated.id]);
  });

  it("passwords are case-sensitive and exact", async () => {
    const user = await member();
    expect((await signIn(user.email, TEST_PASSWORD.toUpperCase())).ok).toBe(false);
    expect((await signIn(user.email, ` ${TEST_PASSWORD}`)).ok).toBe(false);
    expect(await sessionCount(user.id)).toBe(0);
    expect((await signIn(user.email, TEST_PASSWORD)).ok).toBe(true);
  });
});

describe("password hashes", () => {
  it("a hash with weaker argon2 parameters is upgraded at the next successful sign-in", async () => {
    const password = "Legacy Hash Password 99";
    const weak = await hash(password, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    const user = await member();
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { passwordHash: weak } });

    expect(await signIn(user.email, password)).toMatchObject({ ok: true });

    const stored = (await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } })).passwordHash;
    expect(stored).not.toBe(weak);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, password)).toBe(true);
    // And the upgraded hash keeps working.
    expect(await signIn(user.email, password)).toMatchObject({ ok: true });
  });

  it("a failed sign-in does not touch the stored hash", async () => {
    const weak = await hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const user = await member();
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } }, data: { passwordHash: weak } });
    expect((await signIn(user.email, "Not The Password 123")).ok).toBe(false);
    expect((await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: user.id } } })).passwordHash).toBe(weak);
  });
});

describe("workspaces", () => {
  it("a member of A cannot sign in through workspace B", async () => {
    const result = await signIn(ws.owner.email, TEST_PASSWORD, other.tenant.id);
    const unknown = await signIn(`nobody-${uniqueSuffix()}@example.test`, TEST_PASSWORD, other.tenant.id);
    expect(result.ok).toBe(false);
    expect(result).toEqual(unknown);
    expect(await systemDb().session.count({ where: { tenantId: other.tenant.id } })).toBe(0);
    expect(await sessionCount(ws.owner.id)).toBe(0);
  });

  it("the same address in two workspaces is two accounts, each with its own password", async () => {
    const email = `shared-${uniqueSuffix()}@example.test`;
    const inA = await addMember(ws.tenant.id, "SALES_REP", { email, password: TEST_PASSWORD });
    const inB = await addMember(other.tenant.id, "SALES_REP", { email, password: "Other Workspace Pass 5" });
    expect(await signIn(email, TEST_PASSWORD, ws.tenant.id)).toMatchObject({ ok: true, user: { id: inA.id } });
    expect((await signIn(email, TEST_PASSWORD, other.tenant.id)).ok).toBe(false);
    const inBResult = await signIn(email, "Other Workspace Pass 5", other.tenant.id);
    expect(inBResult).toMatchObject({ ok: true, user: { id: inB.id } });
    if (inBResult.ok) expect(await validateSessionToken(inBResult.token)).toMatchObject({ tenant: { id: other.tenant.id } });
  });
});
