import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en/password-policy.json";
import zhCN from "@/messages/zh-CN/password-policy.json";
import { checkPasswordAgainstPolicy, CLASSIC_POLICY, type PasswordProblem, type PasswordProblemKey } from "./policy";
import type { PersonalInfoKind } from "./personal-info";
import type { StrengthLevel } from "./strength";

// The proposed messages (to be moved to messages/<locale>/password-policy.json): every key the
// engine can return exists in both languages and formats with the values it comes with.

const PROBLEM_KEYS: PasswordProblemKey[] = [
  "passwordTooShort", "passwordTooLong", "passwordNeedsLowercase", "passwordNeedsUppercase", "passwordNeedsDigit",
  "passwordNeedsSymbol", "passwordCommon", "passwordPersonal", "passwordReused",
];
const KINDS: PersonalInfoKind[] = ["workspace", "name", "email", "employeeNumber", "service"];
const LEVELS: StrengthLevel[] = ["tooWeak", "weak", "fair", "strong"];
const SCHEMA_KEYS = ["policyMinLengthFloor", "policyMinLengthMax", "policyMaxAgeRange", "policyHistoryRange", "policyNumberInvalid"];

describe.each([
  ["en", en],
  ["zh-CN", zhCN],
] as const)("proposed messages: %s", (locale, messages) => {
  const t = createTranslator({ locale, messages, onError: (error) => { throw error; } });

  it("has the same keys as English", () => {
    expect(Object.keys(messages.errors).sort()).toEqual(Object.keys(en.errors).sort());
    expect(Object.keys(messages.passwordStrength).sort()).toEqual(Object.keys(en.passwordStrength).sort());
  });

  it("formats every problem the check returns, with its values", () => {
    const { problems } = checkPasswordAgainstPolicy("acme", CLASSIC_POLICY, { workspaceName: "Acme", workspaceSlug: "acme" }, { isCommon: () => true });
    const more: PasswordProblem[] = [
      { key: "passwordTooLong", values: { max: 256 } },
      { key: "passwordReused", values: { count: 5 } },
      { key: "passwordReused", values: { count: 1 } },
    ];
    for (const problem of [...problems, ...more]) {
      const text = t(`errors.${problem.key}` as "errors.passwordCommon", problem.values);
      expect(text).not.toMatch(/[{}]|errors\./);
    }
    for (const key of PROBLEM_KEYS) expect(messages.errors).toHaveProperty(key);
    for (const key of SCHEMA_KEYS) expect(messages.errors).toHaveProperty(key);
  });

  it("has a distinct sentence for each kind of personal information", () => {
    const texts = KINDS.map((what) => t("errors.passwordPersonal", { what }));
    expect(new Set(texts).size).toBe(KINDS.length);
    expect(t("errors.passwordTooShort", { min: 15 })).toContain("15");
  });

  it("names every strength level", () => {
    for (const level of LEVELS) expect(t(`passwordStrength.${level}`)).not.toBe("");
    expect(t("passwordStrength.summary", { level: t("passwordStrength.fair") })).toContain(t("passwordStrength.fair"));
  });
});
