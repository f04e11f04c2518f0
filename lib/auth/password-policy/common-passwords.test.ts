import { describe, expect, it } from "vitest";
import { commonPasswords, isCommonPassword, isCommonPasswordIn } from "./common-passwords";
import { commonPasswordCandidates, isGuessableDecoration } from "./common-variants";
import { checkPassword } from "./check-password.server";
import { CLASSIC_POLICY, RECOMMENDED_POLICY, type PasswordContext } from "./policy";

const context: PasswordContext = { workspaceName: "Northwind", workspaceSlug: "northwind", userName: "Ana Silva", email: "ana@example.com" };

describe("the common-password list", () => {
  it("has at least 100,000 unique normalised entries", async () => {
    const list = await commonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(100_000);
    expect(list.size).toBe(414_829); // data/common-passwords.txt.gz as generated; see data/README.md
    for (const entry of ["123456", "password", "iloveyou", "qwertyuiop", "trustno1", "letmein"]) expect(list.has(entry)).toBe(true);
    // Stored normalised: lower case, trimmed, no empty line.
    let checked = 0;
    for (const entry of list) {
      if (checked++ > 20_000) break;
      expect(entry).toBe(entry.normalize("NFKC").toLowerCase().trim());
      expect(entry).not.toBe("");
    }
  });

  it("is loaded once and shared", async () => {
    expect(await commonPasswords()).toBe(await commonPasswords());
  });

  it("answers a look-up in microseconds once loaded", async () => {
    const list = await commonPasswords();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) isCommonPasswordIn(list, `Sunflower${i}!`);
    expect((performance.now() - started) / 10_000).toBeLessThan(0.5); // ms per look-up
  });
});

describe("isCommonPassword", () => {
  it("finds listed passwords whatever their case", async () => {
    expect(await isCommonPassword("password")).toBe(true);
    expect(await isCommonPassword("PASSWORD")).toBe(true);
    expect(await isCommonPassword("Qwertyuiop")).toBe(true);
    expect(await isCommonPassword("  iloveyou  ")).toBe(true);
  });

  it("finds listed passwords with digits and symbols added before or after", async () => {
    for (const variant of ["Password123!", "password2024", "Dragon!!", "!!dragon2024", "1letmein", "Monkey#1", "sunshine19880101"]) {
      expect(await isCommonPassword(variant), variant).toBe(true);
    }
  });

  it("finds common letter substitutions and spaced-out forms", async () => {
    expect(await isCommonPassword("P@ssw0rd")).toBe(true);
    expect(await isCommonPassword("P@$$w0rd2024!")).toBe(true);
    expect(await isCommonPassword("L3tm31n")).toBe(true);
    expect(await isCommonPassword("let me in")).toBe(true);
  });

  it("does not refuse a word followed by a long, random tail, or an unlisted passphrase", async () => {
    expect(await isCommonPassword("hello#8v!Q2z$Lr9&w")).toBe(false);
    expect(await isCommonPassword("purple lantern drifts over quiet harbour")).toBe(false);
    expect(await isCommonPassword("vb9 tidal mosaic kq7")).toBe(false);
  });
});

describe("commonPasswordCandidates", () => {
  it("normalises (NFKC, lower case) and strips only guessable decorations", () => {
    expect(commonPasswordCandidates("Ｐａｓｓｗｏｒｄ１２３！")).toContain("password");
    expect(commonPasswordCandidates("Password123!")).toEqual(expect.arrayContaining(["password123!", "password"]));
    expect(commonPasswordCandidates("hello#8v!Q2z$Lr9&w")).not.toContain("hello");
  });

  it("treats short, digit-like, repeated or listed decorations as guessable", () => {
    expect(isGuessableDecoration("!1")).toBe(true);
    expect(isGuessableDecoration("19880101")).toBe(true);
    expect(isGuessableDecoration("!19880101!")).toBe(true);
    expect(isGuessableDecoration("!!!!!!!!!!")).toBe(true);
    expect(isGuessableDecoration("1234567890123")).toBe(false);
    expect(isGuessableDecoration("1234567890123", (d) => d === "1234567890123")).toBe(true);
    expect(isGuessableDecoration("#8v!q2z$")).toBe(false);
  });
});

describe("checkPassword (server: policy + list)", () => {
  it("refuses a common password with the other reasons, and accepts a good passphrase", async () => {
    expect((await checkPassword("Password123!", RECOMMENDED_POLICY, context)).problems).toEqual([
      { key: "passwordTooShort", values: { min: 15 } },
      { key: "passwordCommon" },
    ]);
    expect((await checkPassword("Password123!", CLASSIC_POLICY, context)).problems).toEqual([{ key: "passwordCommon" }]);
    expect((await checkPassword("AlwaysAndForever", RECOMMENDED_POLICY, context)).problems).toEqual([{ key: "passwordCommon" }]);
    expect(await checkPassword("purple lantern drifts over quiet harbour", RECOMMENDED_POLICY, context)).toEqual({ ok: true, problems: [] });
  });

  it("skips the list when the policy does", async () => {
    expect((await checkPassword("AlwaysAndForever", { ...RECOMMENDED_POLICY, checkCommonPasswords: false }, context)).ok).toBe(true);
  });
});
