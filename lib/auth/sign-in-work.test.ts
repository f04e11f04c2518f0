// Password sign-in as a stopwatch sees it: every kind of failure does the same argon2 work before
// it answers, one verify against a hash with the production parameters and no hashing, from the
// first attempt after the server starts. (This file runs in its own process, so its first unknown
// username is the process's first, as after a restart.) The hashing library is wrapped, not
// replaced: every call still runs, and is counted.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TEST_PASSWORD, addMember, createWorkspace, uniqueSuffix, type TestWorkspace } from "@/test/factories";
import { systemDb } from "@/lib/db/prisma";
import { needsRehash } from "./password-hash";
import { signInWithPassword } from "./sign-in-with-password";

const argon2Calls = vi.hoisted(() => ({ hashes: 0, verifiedAgainst: [] as string[] }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const argon2 = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...argon2,
    hash: (...args: Parameters<typeof argon2.hash>) => {
      argon2Calls.hashes += 1;
      return argon2.hash(...args);
    },
    verify: (...args: Parameters<typeof argon2.verify>) => {
      argon2Calls.verifiedAgainst.push(String(args[0]));
      return argon2.verify(...args);
    },
  };
});

let ws: TestWorkspace;
let ipNumber = 0;

beforeAll(async () => {
  ws = await createWorkspace();
});

beforeEach(() => {
  argon2Calls.hashes = 0;
  argon2Calls.verifiedAgainst.length = 0;
});

/**
 * One attempt, from its own address; returns the answer, the argon2 work it did, and the work it
 * left for after the answer (Next's after() in the app), not yet run.
 */
async function attempt(username: string, password: string, tenantId = ws.tenant.id) {
  ipNumber += 1;
  argon2Calls.hashes = 0;
  argon2Calls.verifiedAgainst.length = 0;
  const deferred: (() => Promise<void>)[] = [];
  const result = await signInWithPassword({ tenantId, username, password, ip: `198.51.100.${ipNumber}`, userAgent: "vitest timing", defer: (task) => void deferred.push(task) });
  return { result, hashes: argon2Calls.hashes, verifiedAgainst: [...argon2Calls.verifiedAgainst], deferred };
}

/** Rows the sign-in code writes: audit entries and queued emails of the workspace. */
async function writtenRows(tenantId: string) {
  const db = systemDb();
  const [audit, emails] = await Promise.all([db.auditEvent.count({ where: { tenantId } }), db.emailMessage.count({ where: { tenantId } })]);
  return audit + emails;
}

describe("every failure does the same argon2 work", () => {
  it("an unknown username, the process's first, verifies once against a production-strength hash and hashes nothing", async () => {
    const unknown = await attempt(`nobody-${uniqueSuffix()}@example.test`, "Not The Password 123");
    expect(unknown.result.ok).toBe(false);
    expect(unknown.hashes).toBe(0);
    expect(unknown.verifiedAgainst).toHaveLength(1);
    expect(needsRehash(unknown.verifiedAgainst[0]!)).toBe(false);
  });

  it("a wrong password, an unknown username and a deactivated member (right or wrong password) each run one verify of the same cost", async () => {
    const active = await addMember(ws.tenant.id, "SALES_REP");
    const deactivated = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    const attempts = [
      await attempt(active.email, "Not The Password 123"),
      await attempt(`nobody-${uniqueSuffix()}@example.test`, "Not The Password 123"),
      await attempt(deactivated.email, TEST_PASSWORD),
      await attempt(deactivated.email, "Not The Password 123"),
    ];
    for (const { result, hashes, verifiedAgainst } of attempts) {
      expect(result).toEqual(attempts[0]!.result);
      expect(hashes).toBe(0);
      expect(verifiedAgainst).toHaveLength(1);
      // The cost is in the parameters: the same memory and passes for every branch.
      expect(verifiedAgainst[0]!.split("$").slice(1, 4)).toEqual(["argon2id", "v=19", "m=19456,t=2,p=1"]);
    }
  });

  it("the attempt that locks a real member writes no more before it answers than the one that locks an unknown name", async () => {
    const locking = await createWorkspace();
    await systemDb().securityPolicy.update({ where: { tenantId: locking.tenant.id }, data: { lockoutThreshold: 3, captchaAfterFailures: 1_000 } });
    const member = await addMember(locking.tenant.id, "SALES_REP");
    const rowsBeforeAnswer = async (username: string) => {
      for (let i = 0; i < 2; i += 1) await attempt(username, "Not The Password 123", locking.tenant.id);
      const before = await writtenRows(locking.tenant.id);
      const third = await attempt(username, "Not The Password 123", locking.tenant.id);
      expect(third.result).toMatchObject({ ok: false, reason: "locked" });
      return { written: (await writtenRows(locking.tenant.id)) - before, deferred: third.deferred };
    };

    const real = await rowsBeforeAnswer(member.email);
    const unknown = await rowsBeforeAnswer(`nobody-${uniqueSuffix()}@example.test`);
    expect(real.written).toBe(unknown.written);

    // The real member's lock is still audited and emailed, once the answer has gone.
    for (const task of real.deferred) await task();
    expect(await systemDb().auditEvent.count({ where: { tenantId: locking.tenant.id, type: "account.locked", targetUserId: member.id } })).toBe(1);
    expect(await systemDb().emailMessage.count({ where: { tenantId: locking.tenant.id, to: member.email, template: "account-locked" } })).toBe(1);
  });
});
