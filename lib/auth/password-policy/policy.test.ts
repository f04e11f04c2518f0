import { describe, expect, it } from "vitest";
import {
  CLASSIC_POLICY,
  PASSWORD_MAX_LENGTH,
  RECOMMENDED_POLICY,
  checkPasswordAgainstPolicy,
  effectiveMinLength,
  passwordExpired,
  passwordExpiresAt,
  policyFromSecurityPolicy,
  policyPreset,
  policySchema,
  securityPolicyColumns,
  type PasswordContext,
  type PasswordPolicy,
} from "./policy";
import { passwordLength } from "./normalise";

const acme: PasswordContext = {
  workspaceName: "Acme Corp",
  workspaceSlug: "acme-corp",
  userName: "Zhang Wei",
  email: "wei.zhang+crm@example.com",
  employeeNumber: "E1001",
};

const keys = (password: string, policy: PasswordPolicy = RECOMMENDED_POLICY, context: PasswordContext = acme) =>
  checkPasswordAgainstPolicy(password, policy, context).problems.map((p) => p.key);

const personal = (password: string, context: PasswordContext = acme) =>
  checkPasswordAgainstPolicy(password, RECOMMENDED_POLICY, context)
    .problems.filter((p) => p.key === "passwordPersonal")
    .map((p) => p.values?.what);

describe("presets", () => {
  it("recommended is NIST SP 800-63B: 15 characters, no composition, no expiry, no history, both checks", () => {
    expect(RECOMMENDED_POLICY).toEqual({
      minLength: 15,
      requireLowercase: false,
      requireUppercase: false,
      requireDigit: false,
      requireSymbol: false,
      maxAgeDays: 0,
      historyCount: 0,
      checkCommonPasswords: true,
      checkPersonalInfo: true,
    });
  });

  it("classic is 12 characters, all four classes, 90 days, last 5, both checks", () => {
    expect(CLASSIC_POLICY).toEqual({
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigit: true,
      requireSymbol: true,
      maxAgeDays: 90,
      historyCount: 5,
      checkCommonPasswords: true,
      checkPersonalInfo: true,
    });
  });

  it("recognises each preset, and any edited field makes it custom", () => {
    expect(policyPreset({ ...RECOMMENDED_POLICY })).toBe("recommended");
    expect(policyPreset({ ...CLASSIC_POLICY })).toBe("classic");
    expect(policyPreset({ ...RECOMMENDED_POLICY, minLength: 16 })).toBe("custom");
    expect(policyPreset({ ...CLASSIC_POLICY, historyCount: 6 })).toBe("custom");
    expect(policyPreset({ ...RECOMMENDED_POLICY, checkPersonalInfo: false })).toBe("custom");
  });

  it("matches the SecurityPolicy table's defaults and maps both ways", () => {
    expect(policyFromSecurityPolicy(null)).toEqual(RECOMMENDED_POLICY);
    const row = securityPolicyColumns(CLASSIC_POLICY);
    expect(row).toMatchObject({ passwordMinLength: 12, passwordMaxAgeDays: 90, passwordHistoryCount: 5 });
    expect(policyFromSecurityPolicy(row)).toEqual(CLASSIC_POLICY);
  });
});

describe("policySchema", () => {
  const issues = (input: Record<string, unknown>) => {
    const result = policySchema.safeParse({ ...RECOMMENDED_POLICY, ...input });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
  };

  it("accepts both presets", () => {
    expect(policySchema.parse(RECOMMENDED_POLICY)).toEqual(RECOMMENDED_POLICY);
    expect(policySchema.parse(CLASSIC_POLICY)).toEqual(CLASSIC_POLICY);
  });

  it("keeps the minimum length between 8 and 64", () => {
    expect(issues({ minLength: 8 })).toEqual([]);
    expect(issues({ minLength: 64 })).toEqual([]);
    expect(issues({ minLength: 7 })).toEqual(["minLength:policyMinLengthFloor"]);
    expect(issues({ minLength: 65 })).toEqual(["minLength:policyMinLengthMax"]);
    expect(issues({ minLength: 12.5 })).toEqual(["minLength:policyNumberInvalid"]);
  });

  it("keeps the maximum age within 0..3650 days and the history within 0..24", () => {
    expect(issues({ maxAgeDays: 0, historyCount: 0 })).toEqual([]);
    expect(issues({ maxAgeDays: 3650, historyCount: 24 })).toEqual([]);
    expect(issues({ maxAgeDays: -1 })).toEqual(["maxAgeDays:policyMaxAgeRange"]);
    expect(issues({ maxAgeDays: 3651 })).toEqual(["maxAgeDays:policyMaxAgeRange"]);
    expect(issues({ historyCount: -1 })).toEqual(["historyCount:policyHistoryRange"]);
    expect(issues({ historyCount: 25 })).toEqual(["historyCount:policyHistoryRange"]);
  });

  it("reads a submitted form: numbers as text, ticked boxes as 'on', unticked ones absent", () => {
    const parsed = policySchema.parse({
      minLength: " 12 ",
      requireLowercase: "on",
      requireDigit: "on",
      maxAgeDays: "90",
      historyCount: "5",
      checkCommonPasswords: "on",
    });
    expect(parsed).toEqual({
      minLength: 12,
      requireLowercase: true,
      requireUppercase: false,
      requireDigit: true,
      requireSymbol: false,
      maxAgeDays: 90,
      historyCount: 5,
      checkCommonPasswords: true,
      checkPersonalInfo: false,
    });
    expect(policySchema.safeParse({ ...RECOMMENDED_POLICY, minLength: "" }).error?.issues[0].message).toBe("policyNumberInvalid");
    expect(policySchema.safeParse({ ...RECOMMENDED_POLICY, minLength: "twelve" }).error?.issues[0].message).toBe("policyNumberInvalid");
  });
});

describe("effectiveMinLength (NIST: 15 alone, 8 with a required second factor)", () => {
  it("uses the default 15 when the password is the only factor, 8 when the workspace requires MFA", () => {
    expect(effectiveMinLength(RECOMMENDED_POLICY, { mfaRequired: false })).toBe(15);
    expect(effectiveMinLength(RECOMMENDED_POLICY)).toBe(15);
    expect(effectiveMinLength(RECOMMENDED_POLICY, { mfaRequired: true })).toBe(8);
  });

  it("applies an admin's explicit minimum as set, with or without MFA", () => {
    for (const minLength of [8, 12, 14, 16, 20, 64]) {
      expect(effectiveMinLength({ minLength }, { mfaRequired: false })).toBe(minLength);
      expect(effectiveMinLength({ minLength }, { mfaRequired: true })).toBe(minLength);
    }
    expect(effectiveMinLength(CLASSIC_POLICY, { mfaRequired: true })).toBe(12);
  });

  it("never goes below 8 or above 64, whatever is stored", () => {
    expect(effectiveMinLength({ minLength: 4 })).toBe(8);
    expect(effectiveMinLength({ minLength: 500 }, { mfaRequired: true })).toBe(64);
  });

  it("drives the length rule of the check", () => {
    const nineChars = "kq7vbn2xz";
    expect(keys(nineChars, RECOMMENDED_POLICY, { ...acme, mfaRequired: false })).toEqual(["passwordTooShort"]);
    expect(keys(nineChars, RECOMMENDED_POLICY, { ...acme, mfaRequired: true })).toEqual([]);
    expect(checkPasswordAgainstPolicy("kq7vbn2", RECOMMENDED_POLICY, { ...acme, mfaRequired: true }).problems).toEqual([
      { key: "passwordTooShort", values: { min: 8 } },
    ]);
  });
});

describe("checkPasswordAgainstPolicy: length", () => {
  it("refuses one character short of the minimum and accepts the minimum, with {min}", () => {
    expect(checkPasswordAgainstPolicy("lantern orbit q", RECOMMENDED_POLICY, acme)).toEqual({ ok: true, problems: [] });
    expect(checkPasswordAgainstPolicy("lantern orbit ", RECOMMENDED_POLICY, acme).problems).toEqual([
      { key: "passwordTooShort", values: { min: 15 } },
    ]);
  });

  it("accepts any 64-character passphrase under the recommended policy", () => {
    const passphrase = "purple lantern drifts over quiet harbour while seven gulls argue";
    expect(passwordLength(passphrase)).toBe(64);
    expect(checkPasswordAgainstPolicy(passphrase, RECOMMENDED_POLICY, acme)).toEqual({ ok: true, problems: [] });
    // ...even when an admin sets the highest minimum allowed.
    expect(checkPasswordAgainstPolicy(passphrase, { ...RECOMMENDED_POLICY, minLength: 64 }, acme).ok).toBe(true);
  });

  it("accepts 256 characters and refuses 257, with {max}", () => {
    const block = "tidal mosaic vb9 ";
    const long = block.repeat(16); // 272
    expect(checkPasswordAgainstPolicy(long.slice(0, 256), RECOMMENDED_POLICY, acme).ok).toBe(true);
    expect(checkPasswordAgainstPolicy(long.slice(0, 257), RECOMMENDED_POLICY, acme).problems).toEqual([
      { key: "passwordTooLong", values: { max: PASSWORD_MAX_LENGTH } },
    ]);
  });

  it("counts Unicode code points, not UTF-16 units or bytes", () => {
    const emoji = "🦊🌊🎈🍀🚲🎻🐙🌵🧩🪁🦉🍩🛶🎲🌙"; // 15 code points, 30 UTF-16 units
    expect(emoji.length).toBe(30);
    expect(passwordLength(emoji)).toBe(15);
    expect(keys(emoji)).toEqual([]);
    expect(keys([...emoji].slice(0, 14).join(""))).toEqual(["passwordTooShort"]);
    const chinese = "我的猫每天早上都在窗台上晒太阳"; // 15 code points
    expect(keys(chinese)).toEqual([]);
    expect(keys(chinese.slice(0, 14))).toEqual(["passwordTooShort"]);
  });

  it("counts a letter with a combining accent once (NFKC), and spaces as characters", () => {
    const decomposed = "cafe\u0301 cafe\u0301 cafe\u0301"; // "café café café": 14 code points after NFKC
    expect(passwordLength(decomposed)).toBe(14);
    expect(keys(decomposed)).toEqual(["passwordTooShort"]);
    expect(passwordLength("               ")).toBe(15);
  });
});

describe("checkPasswordAgainstPolicy: character classes", () => {
  const only = (rule: keyof PasswordPolicy): PasswordPolicy => ({ ...RECOMMENDED_POLICY, minLength: 8, checkPersonalInfo: false, [rule]: true });

  it("requires each class only when the policy asks for it", () => {
    expect(keys("ALLUPPERCASE1!", only("requireLowercase"))).toEqual(["passwordNeedsLowercase"]);
    expect(keys("alllowercase1!", only("requireUppercase"))).toEqual(["passwordNeedsUppercase"]);
    expect(keys("NoDigitsHere!", only("requireDigit"))).toEqual(["passwordNeedsDigit"]);
    expect(keys("NoSymbols123", only("requireSymbol"))).toEqual(["passwordNeedsSymbol"]);
    expect(keys("ALLUPPERCASE1!", RECOMMENDED_POLICY)).toEqual(["passwordTooShort"]);
  });

  it("counts non-ASCII letters and digits by their Unicode category, and a space as a symbol", () => {
    expect(keys("ÉLAN élan 12", only("requireLowercase"))).toEqual([]);
    expect(keys("élan élan ÿ", only("requireUppercase"))).toEqual(["passwordNeedsUppercase"]);
    expect(keys("pass word here", only("requireSymbol"))).toEqual([]);
    expect(keys("vier٣sieben", only("requireDigit"))).toEqual([]); // Arabic-Indic digit three
  });

  it("classic: a password with all four classes and 12 characters passes", () => {
    expect(keys("Tulip-Ferry-82", CLASSIC_POLICY)).toEqual([]);
    expect(keys("tulipferryboat", CLASSIC_POLICY)).toEqual(["passwordNeedsUppercase", "passwordNeedsDigit", "passwordNeedsSymbol"]);
  });
});

describe("checkPasswordAgainstPolicy: every reason at once", () => {
  it("returns all problems together, in a stable order, with the list lookup injected", () => {
    const check = checkPasswordAgainstPolicy("acme", CLASSIC_POLICY, acme, { isCommon: () => true });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { key: "passwordTooShort", values: { min: 12 } },
      { key: "passwordNeedsUppercase" },
      { key: "passwordNeedsDigit" },
      { key: "passwordNeedsSymbol" },
      { key: "passwordCommon" },
      { key: "passwordPersonal", values: { what: "workspace" } },
    ]);
  });

  it("reports too long together with the other reasons", () => {
    expect(keys("x".repeat(300), CLASSIC_POLICY)).toEqual([
      "passwordTooLong",
      "passwordNeedsUppercase",
      "passwordNeedsDigit",
      "passwordNeedsSymbol",
    ]);
  });

  it("asks the list only when the policy checks common passwords, and leaves it out when none is given", () => {
    const seen: string[] = [];
    const isCommon = (pw: string) => (seen.push(pw), true);
    expect(checkPasswordAgainstPolicy("lantern orbit quay", RECOMMENDED_POLICY, acme, { isCommon }).problems).toEqual([
      { key: "passwordCommon" },
    ]);
    expect(seen).toEqual(["lantern orbit quay"]);
    expect(checkPasswordAgainstPolicy("lantern orbit quay", { ...RECOMMENDED_POLICY, checkCommonPasswords: false }, acme, { isCommon }).ok).toBe(true);
    expect(checkPasswordAgainstPolicy("lantern orbit quay", RECOMMENDED_POLICY, acme).ok).toBe(true);
  });
});

describe("checkPasswordAgainstPolicy: personal information", () => {
  it("refuses the workspace's name or slug, in any case, as a substring", () => {
    expect(personal("acme2024!", { ...acme, workspaceName: "Acme", workspaceSlug: "acme" })).toEqual(["workspace"]);
    expect(personal("I love working at ACME every day")).toEqual(["workspace"]);
    expect(personal("my-Acme-Corp-password")).toEqual(["workspace"]);
    expect(personal("Northwind rocks forever", { ...acme, workspaceName: "Contoso", workspaceSlug: "northwind" })).toEqual(["workspace"]);
  });

  it("refuses the user's name, each part of it, and a short name that is most of the password", () => {
    expect(personal("zhangwei19880101")).toEqual(["name"]);
    expect(personal("ZHANG ZHANG wei wei 88")).toEqual(["name"]);
    expect(personal("Wei Wei Wei 2024!!")).toEqual(["name"]); // a 3-letter part, and nothing else
    expect(personal("weizhang the great")).toEqual(["name", "email"]); // "zhang", and "wei.zhang" (the email's local part)
    const bob = { ...acme, userName: "Bob Li", email: "bob.li@example.com" };
    expect(personal("Bob1985!!!!!!!!!", bob)).toEqual(["name"]);
    expect(personal("bobby-1985-07-04", bob)).toEqual(["name"]);
    expect(personal("bob.li@example.com", bob)).toEqual(["name", "email"]);
  });

  it("does not refuse a long passphrase only because it contains a 3-letter name", () => {
    const bob = { ...acme, userName: "Bob Li", email: "robert.li@example.com" };
    expect(personal("the bobcat jumped over thirty fences", bob)).toEqual([]);
    expect(keys("the bobcat jumped over thirty fences", RECOMMENDED_POLICY, bob)).toEqual([]);
  });

  it("refuses the email address, its local part and the parts of the local part", () => {
    expect(personal("wei.zhang+crm@example.com")).toEqual(["name", "email"]);
    const ana = { ...acme, userName: "Ana", email: "sunflower.lee@example.com" };
    expect(personal("SunflowerLee!!2024", ana)).toEqual(["email"]);
    expect(personal("sunflower fields at noon", ana)).toEqual(["email"]);
  });

  it("refuses the employee number", () => {
    expect(personal("my number is e1001 okay")).toEqual(["employeeNumber"]);
    expect(personal("E1001E1001E1001")).toEqual(["employeeNumber"]);
  });

  it("refuses the service's own name", () => {
    expect(personal("Relay-CRM-password-2024")).toEqual(["service"]);
  });

  it("reports each kind once, and all kinds found", () => {
    expect(personal("acme zhang e1001 acme zhang")).toEqual(["workspace", "name", "employeeNumber"]);
  });

  it("ignores accents, width and case (NFKC, case-folded)", () => {
    const jose = { ...acme, userName: "José Álvarez", email: "ja@example.com" };
    expect(personal("jose-alvarez-1990", jose)).toEqual(["name"]);
    expect(personal("ＡＣＭＥｃｏｒｐ２０２４ｘｙｚ")).toEqual(["workspace"]); // full-width
  });

  it("refuses a Chinese name followed by digits", () => {
    const zh = { ...acme, userName: "张伟" };
    expect(personal("张伟19880101生日快乐啊", zh)).toEqual([]);
    expect(personal("张伟1988010112345", zh)).toEqual(["name"]);
  });

  it("does not make legal forms or filler words of the company name refused words", () => {
    const ltd = { ...acme, workspaceName: "The Sprocket Company Ltd", workspaceSlug: "sprocket" };
    expect(personal("the company of wolves is limited", ltd)).toEqual([]);
    expect(personal("sprocket-company!", ltd)).toEqual(["workspace"]);
  });

  it("is skipped when the policy turns it off", () => {
    expect(keys("acme2024acme2024", { ...RECOMMENDED_POLICY, checkPersonalInfo: false })).toEqual([]);
  });
});

describe("password expiry", () => {
  const changed = new Date("2025-01-01T00:00:00Z");

  it("never expires when the maximum age is 0", () => {
    expect(passwordExpiresAt(changed, RECOMMENDED_POLICY)).toBeNull();
    expect(passwordExpired(changed, RECOMMENDED_POLICY, new Date("2035-01-01T00:00:00Z"))).toBe(false);
  });

  it("expires exactly maxAgeDays after the change", () => {
    expect(passwordExpiresAt(changed, CLASSIC_POLICY)).toEqual(new Date("2025-04-01T00:00:00Z"));
    expect(passwordExpired(changed, CLASSIC_POLICY, new Date("2025-03-31T23:59:59.999Z"))).toBe(false);
    expect(passwordExpired(changed, CLASSIC_POLICY, new Date("2025-04-01T00:00:00Z"))).toBe(true);
    expect(passwordExpired(changed, { maxAgeDays: 1 }, new Date("2025-01-02T00:00:00Z"))).toBe(true);
  });

  it("uses the current time by default", () => {
    expect(passwordExpired(new Date(Date.now() - 91 * 86_400_000), CLASSIC_POLICY)).toBe(true);
    expect(passwordExpired(new Date(Date.now() - 89 * 86_400_000), CLASSIC_POLICY)).toBe(false);
  });
});
