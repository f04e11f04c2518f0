// The security settings page's schemas: every rule, every bad field reported at once, and a
// message in both languages for every key they produce.
import { describe, expect, it } from "vitest";
import { CLASSIC_POLICY, RECOMMENDED_POLICY } from "@/lib/auth/password-policy/policy";
import { parseCidr } from "@/lib/auth/ip-allowlist";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { MESSAGES } from "@/lib/i18n/messages";
import {
  ipAllowlistSchema,
  issueMessage,
  normaliseIpAllowlist,
  passwordPolicyFormSchema,
  readIssue,
  sessionPolicySchema,
  signInProtectionSchema,
} from "./security-policy";
import type { z } from "zod";

const ipSchema = ipAllowlistSchema((entry) => parseCidr(entry) !== null);

/** Field → message keys (values read back with readIssue), or null when valid. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string[]> | null {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : fieldErrorsFrom(parsed.error);
}

function keysOf(errors: Record<string, string[]> | null): Record<string, string[]> | null {
  if (!errors) return null;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages.map((m) => readIssue(m).key)]));
}

const formOf = (values: Record<string, string | number | boolean>) =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) =>
      typeof value === "boolean" ? (value ? [[key, "on"]] : []) : [[key, String(value)]],
    ),
  );

const SIGN_IN = {
  captchaAfterFailures: "3",
  lockoutThreshold: "10",
  lockoutWindowMinutes: "15",
  lockoutDurationMinutes: "15",
  lockoutMaxMinutes: "1440",
  lockoutMode: "TIMED",
};

describe("password policy form", () => {
  it("reads a submitted form: numbers as strings, checkboxes 'on' or absent; ignores the preset radio", () => {
    const parsed = passwordPolicyFormSchema.parse({ ...formOf(CLASSIC_POLICY), preset: "classic" });
    expect(parsed).toEqual(CLASSIC_POLICY);
    expect(passwordPolicyFormSchema.parse(formOf(RECOMMENDED_POLICY))).toEqual(RECOMMENDED_POLICY);
  });

  it("never allows a minimum length below 8 (or above 64)", () => {
    expect(keysOf(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), minLength: "7" }))).toEqual({
      minLength: ["policyMinLengthFloor"],
    });
    expect(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), minLength: "8" })).toBeNull();
    expect(keysOf(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), minLength: "65" }))).toEqual({
      minLength: ["policyMinLengthMax"],
    });
  });

  it("keeps the history count within 0–24", () => {
    for (const ok of ["0", "24"]) expect(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), historyCount: ok })).toBeNull();
    for (const bad of ["-1", "25"]) {
      expect(keysOf(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), historyCount: bad }))).toEqual({
        historyCount: ["policyHistoryRange"],
      });
    }
  });

  it("reports every bad field at once, an empty number as not a number", () => {
    const errors = keysOf(errorsOf(passwordPolicyFormSchema, { ...formOf(RECOMMENDED_POLICY), minLength: "", maxAgeDays: "-5", historyCount: "2.5" }));
    expect(errors).toEqual({ minLength: ["policyNumberInvalid"], maxAgeDays: ["policyMaxAgeRange"], historyCount: ["policyNumberInvalid"] });
  });
});

describe("sign-in protection form", () => {
  it("accepts the defaults and both lockout modes", () => {
    expect(signInProtectionSchema.parse(SIGN_IN)).toEqual({
      captchaAfterFailures: 3,
      lockoutThreshold: 10,
      lockoutWindowMinutes: 15,
      lockoutDurationMinutes: 15,
      lockoutMaxMinutes: 1440,
      lockoutMode: "TIMED",
    });
    expect(errorsOf(signInProtectionSchema, { ...SIGN_IN, lockoutMode: "ADMIN_UNLOCK" })).toBeNull();
    expect(keysOf(errorsOf(signInProtectionSchema, { ...SIGN_IN, lockoutMode: "FOREVER" }))).toEqual({ lockoutMode: ["settingsLockoutModeInvalid"] });
  });

  it("enforces each range at both ends", () => {
    const cases: [string, string, string][] = [
      ["captchaAfterFailures", "-1", "21"],
      ["lockoutThreshold", "2", "101"],
      ["lockoutWindowMinutes", "0", "1441"],
      ["lockoutDurationMinutes", "0", "1441"],
      ["lockoutMaxMinutes", "0", "10081"],
    ];
    for (const [field, low, high] of cases) {
      for (const bad of [low, high]) {
        const errors = errorsOf(signInProtectionSchema, { ...SIGN_IN, [field]: bad });
        expect(Object.keys(errors ?? {}), `${field}=${bad}`).toEqual([field]);
      }
    }
    expect(errorsOf(signInProtectionSchema, { ...SIGN_IN, captchaAfterFailures: "0", lockoutThreshold: "3", lockoutMaxMinutes: "10080" })).toBeNull();
  });

  it("refuses a longest lockout shorter than the first, with the message on the longest lockout", () => {
    const errors = errorsOf(signInProtectionSchema, { ...SIGN_IN, lockoutDurationMinutes: "60", lockoutMaxMinutes: "30" });
    expect(Object.keys(errors ?? {})).toEqual(["lockoutMaxMinutes"]);
    expect(readIssue(errors!.lockoutMaxMinutes![0]!)).toEqual({ key: "settingsLockoutMaxBelowDuration", values: { duration: "60" } });
    expect(errorsOf(signInProtectionSchema, { ...SIGN_IN, lockoutDurationMinutes: "60", lockoutMaxMinutes: "60" })).toBeNull();
  });

  it("doesn't add the comparison when a number is already wrong on its own", () => {
    const errors = keysOf(errorsOf(signInProtectionSchema, { ...SIGN_IN, lockoutDurationMinutes: "60", lockoutMaxMinutes: "0" }));
    expect(errors).toEqual({ lockoutMaxMinutes: ["settingsMinutesRange"] });
  });
});

describe("session form", () => {
  it("keeps idle within 5–1440 and absolute within 15–43200", () => {
    expect(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "5", sessionAbsoluteMinutes: "43200" })).toBeNull();
    expect(Object.keys(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "4", sessionAbsoluteMinutes: "720" }) ?? {})).toEqual(["sessionIdleMinutes"]);
    expect(Object.keys(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "1441", sessionAbsoluteMinutes: "43200" }) ?? {})).toEqual(["sessionIdleMinutes"]);
    expect(Object.keys(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "5", sessionAbsoluteMinutes: "14" }) ?? {})).toEqual(["sessionAbsoluteMinutes"]);
    expect(Object.keys(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "60", sessionAbsoluteMinutes: "43201" }) ?? {})).toEqual(["sessionAbsoluteMinutes"]);
  });

  it("refuses an idle timeout longer than the lifetime, with the message on the idle timeout", () => {
    const errors = errorsOf(sessionPolicySchema, { sessionIdleMinutes: "120", sessionAbsoluteMinutes: "60" });
    expect(Object.keys(errors ?? {})).toEqual(["sessionIdleMinutes"]);
    expect(readIssue(errors!.sessionIdleMinutes![0]!)).toEqual({ key: "settingsIdleAboveAbsolute", values: { absolute: "60" } });
    expect(errorsOf(sessionPolicySchema, { sessionIdleMinutes: "60", sessionAbsoluteMinutes: "60" })).toBeNull();
  });
});

describe("IP allowlist form", () => {
  it("normalises: trims, drops blank lines, removes duplicates (IPv6 case-insensitively)", () => {
    const parsed = ipSchema.parse({ ipAllowlist: "  10.0.0.0/8 \r\n\n10.0.0.0/8\n2001:DB8::/32\n\n2001:db8::/32\n203.0.113.7\n" });
    expect(parsed.ipAllowlist).toEqual(["10.0.0.0/8", "2001:db8::/32", "203.0.113.7"]);
    expect(ipSchema.parse({ ipAllowlist: "" }).ipAllowlist).toEqual([]);
    expect(ipSchema.parse({}).ipAllowlist).toEqual([]);
    expect(ipSchema.parse({ ipAllowlist: " \n \n" }).ipAllowlist).toEqual([]);
  });

  it("accepts IPv6 addresses and ranges", () => {
    expect(ipSchema.parse({ ipAllowlist: "2001:db8::1\n2001:db8:abcd::/48\n::1\nfe80::/10" }).ipAllowlist).toHaveLength(4);
    expect(errorsOf(ipSchema, { ipAllowlist: "2001:db8::/129" })).not.toBeNull();
    expect(errorsOf(ipSchema, { ipAllowlist: "2001:db8:::1" })).not.toBeNull();
  });

  it("reports every malformed line by its number as typed and its content", () => {
    const text = ["10.0.0.0/8", "", "10.0.0/8", "  2001:db8::/32", "300.1.1.1", "10.1.0.0/33", "office"].join("\n");
    const errors = errorsOf(ipSchema, { ipAllowlist: text });
    expect(Object.keys(errors ?? {})).toEqual(["ipAllowlist"]);
    expect(errors!.ipAllowlist!.map(readIssue)).toEqual([
      { key: "settingsIpAllowlistLineInvalid", values: { line: "3", value: "10.0.0/8" } },
      { key: "settingsIpAllowlistLineInvalid", values: { line: "5", value: "300.1.1.1" } },
      { key: "settingsIpAllowlistLineInvalid", values: { line: "6", value: "10.1.0.0/33" } },
      { key: "settingsIpAllowlistLineInvalid", values: { line: "7", value: "office" } },
    ]);
    const en: Record<string, unknown> = MESSAGES.en.errors;
    expect(en.settingsIpAllowlistLineInvalid).toBe("Line {line}: {value} isn't a valid address range.");
  });

  it("refuses 101 entries and accepts 100", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`).join("\n");
    expect(ipSchema.parse({ ipAllowlist: lines(100) }).ipAllowlist).toHaveLength(100);
    const errors = errorsOf(ipSchema, { ipAllowlist: lines(101) });
    expect(errors!.ipAllowlist!.map(readIssue)).toEqual([{ key: "settingsIpAllowlistTooMany", values: { count: "101", max: "100" } }]);
    // Blank lines and duplicates don't count towards the limit.
    expect(ipSchema.parse({ ipAllowlist: `${lines(100)}\n\n${lines(100)}` }).ipAllowlist).toHaveLength(100);
  });

  it("refuses a pasted essay before looking at its lines", () => {
    const errors = keysOf(errorsOf(ipSchema, { ipAllowlist: "x".repeat(10_001) }));
    expect(errors).toEqual({ ipAllowlist: ["settingsIpAllowlistTooLong"] });
  });

  it("numbers lines as the admin sees them, counting blank ones", () => {
    expect(normaliseIpAllowlist("\n\n a \n").map(({ line, entry }) => [line, entry])).toEqual([[3, "a"]]);
  });
});

describe("messages", () => {
  it("carries values through, including IPv6 colons and slashes", () => {
    const message = issueMessage("settingsIpAllowlistLocksYouOut", { ip: "2001:db8::1", n: 3 });
    expect(readIssue(message)).toEqual({ key: "settingsIpAllowlistLocksYouOut", values: { ip: "2001:db8::1", n: "3" } });
    expect(readIssue("policyMinLengthFloor")).toEqual({ key: "policyMinLengthFloor", values: {} });
    expect(issueMessage("plain")).toBe("plain");
  });

  it("has every key these schemas and the DAL produce, in both languages", () => {
    const keys = [
      "settingsNumberInvalid",
      "settingsCaptchaRange",
      "settingsLockoutThresholdRange",
      "settingsMinutesRange",
      "settingsLockoutModeInvalid",
      "settingsLockoutMaxBelowDuration",
      "settingsIdleAboveAbsolute",
      "settingsIpAllowlistInvalid",
      "settingsIpAllowlistTooLong",
      "settingsIpAllowlistTooMany",
      "settingsIpAllowlistLineInvalid",
      "settingsIpAllowlistLocksYouOut",
      "settingsIpAllowlistNoAddress",
    ];
    for (const locale of ["en", "zh-CN"] as const) {
      const errors: Record<string, unknown> = MESSAGES[locale].errors;
      for (const key of keys) expect(errors[key], `${locale} errors.${key}`).toBeTruthy();
    }
  });

  // The password section shows the policy module's own messages (messages/*/password-policy.json),
  // so that area must be registered in lib/i18n/messages.ts too.
  it("has the password policy's messages, which the password section shows", () => {
    const keys = ["policyMinLengthFloor", "policyMinLengthMax", "policyMaxAgeRange", "policyHistoryRange", "policyNumberInvalid"];
    for (const locale of ["en", "zh-CN"] as const) {
      const errors: Record<string, unknown> = MESSAGES[locale].errors;
      for (const key of keys) expect(errors[key], `${locale} errors.${key}`).toBeTruthy();
    }
  });
});
