import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { historyRowsToKeep, isPasswordReused } from "./history.server";
import { checkNewPassword } from "./check-password.server";
import { CLASSIC_POLICY, RECOMMENDED_POLICY, type PasswordContext } from "./policy";

const context: PasswordContext = { workspaceName: "Northwind", workspaceSlug: "northwind", userName: "Ana Silva" };

// Newest first: the current password, then two earlier ones. Real argon2id hashes (≈ 50 ms each).
const passwords = ["Harbour-Lantern-31", "Quiet-Meadow-47", "Copper-Kettle-59"];
let hashes: string[] = [];

beforeAll(async () => {
  hashes = await Promise.all(passwords.map((password) => hashPassword(password)));
});

describe("isPasswordReused", () => {
  it("detects the current and each earlier password, exactly (case-sensitive)", async () => {
    for (const password of passwords) expect(await isPasswordReused(password, hashes), password).toBe(true);
    expect(await isPasswordReused("harbour-lantern-31", hashes)).toBe(false);
    expect(await isPasswordReused("Brand-New-Orchid-72", hashes)).toBe(false);
  });

  it("finds nothing in an empty history, and treats a malformed hash as no match", async () => {
    expect(await isPasswordReused(passwords[0], [])).toBe(false);
    expect(await isPasswordReused(passwords[0], ["not-a-phc-string"])).toBe(false);
    expect(await isPasswordReused(passwords[0], ["not-a-phc-string", hashes[0]])).toBe(true);
  });
});

describe("checkNewPassword: last N passwords refused", () => {
  it("refuses a password among the newest historyCount hashes, with the other reasons", async () => {
    const check = await checkNewPassword(passwords[2], { ...CLASSIC_POLICY, historyCount: 3 }, context, hashes);
    expect(check).toEqual({ ok: false, problems: [{ key: "passwordReused", values: { count: 3 } }] });
  });

  it("only compares the newest historyCount hashes", async () => {
    const two = { ...CLASSIC_POLICY, historyCount: 2 };
    expect((await checkNewPassword(passwords[1], two, context, hashes)).ok).toBe(false);
    expect(await checkNewPassword(passwords[2], two, context, hashes)).toEqual({ ok: true, problems: [] });
  });

  it("allows any earlier password when the history count is 0 (recommended)", async () => {
    const reused = "harbour lantern quiet meadow"; // long enough for the recommended 15
    const phc = await hashPassword(reused);
    expect(await checkNewPassword(reused, RECOMMENDED_POLICY, context, [phc])).toEqual({ ok: true, problems: [] });
    expect((await checkNewPassword(reused, { ...RECOMMENDED_POLICY, historyCount: 1 }, context, [phc])).problems).toEqual([
      { key: "passwordReused", values: { count: 1 } },
    ]);
  });

  it("keeps historyCount - 1 rows besides the current password's hash", () => {
    expect(historyRowsToKeep(0)).toBe(0);
    expect(historyRowsToKeep(1)).toBe(0);
    expect(historyRowsToKeep(5)).toBe(4);
    expect(historyRowsToKeep(24)).toBe(23);
  });
});
