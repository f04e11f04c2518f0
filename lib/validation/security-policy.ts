import { z } from "zod";
import { policySchema } from "@/lib/auth/password-policy/policy";
import type { LockoutMode } from "@/lib/generated/prisma/enums";

// The workspace security settings page (app/[tenant]/(app)/settings/security): one schema per
// section, shared by the form (checked in the browser for comfort) and the server action and DAL
// (checked for real). Each accepts Object.fromEntries(formData) as well as typed values, reports
// every bad field at once, and says nothing about the database. No node: imports here: this file
// is bundled for the browser too (the one check that needs node:net, whether a line is an address
// range, is passed in; see ipAllowlistSchema).
//
// Messages are keys under "errors." in messages/*.json. A message that needs values (a line
// number, a limit) carries them after "?" in query-string form: see issueMessage/readIssue.

/** A message key with its values, as a zod issue message: "key" or "key?name=value&…". */
export function issueMessage(key: string, values?: Record<string, string | number>): string {
  if (!values || Object.keys(values).length === 0) return key;
  const query = new URLSearchParams(Object.entries(values).map(([name, value]) => [name, String(value)]));
  return `${key}?${query.toString()}`;
}

/** The key and values of a message made by issueMessage (any plain key reads as itself). */
export function readIssue(message: string): { key: string; values: Record<string, string> } {
  const at = message.indexOf("?");
  if (at < 0) return { key: message, values: {} };
  return { key: message.slice(0, at), values: Object.fromEntries(new URLSearchParams(message.slice(at + 1))) };
}

// A form field's "" stays "" and fails as settingsNumberInvalid, rather than becoming 0.
function integerIn(min: number, max: number, rangeKey: string) {
  const range = issueMessage(rangeKey, { min, max });
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
    z
      .number({ error: "settingsNumberInvalid" })
      .int({ error: "settingsNumberInvalid" })
      .min(min, { error: range })
      .max(max, { error: range }),
  );
}

const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

// ── 1. Password policy ─────────────────────────────────────────────────────────────────────────
// The rules themselves (floor 8, ceiling 64, history 0–24, expiry 0–3650) belong to the policy
// module; the form's extra "preset" radio is dropped by the object schema.
export const passwordPolicyFormSchema = policySchema;

// ── 2. Sign-in protection ──────────────────────────────────────────────────────────────────────
export const SIGN_IN_LIMITS = {
  captchaAfterFailures: { min: 0, max: 20 },
  lockoutThreshold: { min: 3, max: 100 },
  lockoutWindowMinutes: { min: 1, max: 1440 },
  lockoutDurationMinutes: { min: 1, max: 1440 },
  lockoutMaxMinutes: { min: 1, max: 10080 },
} as const;

export const LOCKOUT_MODES = ["TIMED", "ADMIN_UNLOCK"] as const satisfies readonly LockoutMode[];

const limit = SIGN_IN_LIMITS;
export const signInProtectionSchema = z
  .object({
    captchaAfterFailures: integerIn(limit.captchaAfterFailures.min, limit.captchaAfterFailures.max, "settingsCaptchaRange"),
    lockoutThreshold: integerIn(limit.lockoutThreshold.min, limit.lockoutThreshold.max, "settingsLockoutThresholdRange"),
    lockoutWindowMinutes: integerIn(limit.lockoutWindowMinutes.min, limit.lockoutWindowMinutes.max, "settingsMinutesRange"),
    lockoutDurationMinutes: integerIn(limit.lockoutDurationMinutes.min, limit.lockoutDurationMinutes.max, "settingsMinutesRange"),
    lockoutMaxMinutes: integerIn(limit.lockoutMaxMinutes.min, limit.lockoutMaxMinutes.max, "settingsMinutesRange"),
    lockoutMode: z.enum(LOCKOUT_MODES, { error: "settingsLockoutModeInvalid" }),
  })
  .superRefine((value, ctx) => {
    // Only once both numbers are valid on their own: otherwise their own message says enough.
    const duration = value.lockoutDurationMinutes;
    const max = value.lockoutMaxMinutes;
    if (
      inRange(duration, limit.lockoutDurationMinutes.min, limit.lockoutDurationMinutes.max) &&
      inRange(max, limit.lockoutMaxMinutes.min, limit.lockoutMaxMinutes.max) &&
      max < duration
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["lockoutMaxMinutes"],
        message: issueMessage("settingsLockoutMaxBelowDuration", { duration }),
      });
    }
  });

export type SignInProtection = z.output<typeof signInProtectionSchema>;

// ── 3. Sessions ────────────────────────────────────────────────────────────────────────────────
export const SESSION_LIMITS = {
  sessionIdleMinutes: { min: 5, max: 1440 },
  sessionAbsoluteMinutes: { min: 15, max: 43200 },
} as const;

export const sessionPolicySchema = z
  .object({
    sessionIdleMinutes: integerIn(SESSION_LIMITS.sessionIdleMinutes.min, SESSION_LIMITS.sessionIdleMinutes.max, "settingsMinutesRange"),
    sessionAbsoluteMinutes: integerIn(
      SESSION_LIMITS.sessionAbsoluteMinutes.min,
      SESSION_LIMITS.sessionAbsoluteMinutes.max,
      "settingsMinutesRange",
    ),
  })
  .superRefine((value, ctx) => {
    const idle = value.sessionIdleMinutes;
    const absolute = value.sessionAbsoluteMinutes;
    if (
      inRange(idle, SESSION_LIMITS.sessionIdleMinutes.min, SESSION_LIMITS.sessionIdleMinutes.max) &&
      inRange(absolute, SESSION_LIMITS.sessionAbsoluteMinutes.min, SESSION_LIMITS.sessionAbsoluteMinutes.max) &&
      idle > absolute
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["sessionIdleMinutes"],
        message: issueMessage("settingsIdleAboveAbsolute", { absolute }),
      });
    }
  });

export type SessionPolicy = z.output<typeof sessionPolicySchema>;

// ── 4. Company network only (IP allowlist) ─────────────────────────────────────────────────────
export const IP_ALLOWLIST_MAX_ENTRIES = 100;
/** Generous for 100 IPv6 ranges with stray spaces; refuses pasted essays before any parsing. */
export const IP_ALLOWLIST_MAX_CHARS = 10_000;
/** How much of a malformed line the message quotes. */
const QUOTED_LINE_MAX = 60;

/** The lines that say something, trimmed, lowercased (IPv6 hex), duplicates dropped, in order. */
export function normaliseIpAllowlist(text: string): { line: number; entry: string; typed: string }[] {
  const seen = new Set<string>();
  const out: { line: number; entry: string; typed: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const typed = raw.trim();
    const entry = typed.toLowerCase();
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    out.push({ line: index + 1, entry, typed });
  });
  return out;
}

/**
 * The allowlist textarea: one address or CIDR range per line, blank lines ignored, at most 100.
 * Output: the normalised list (empty = allowed from anywhere). Every malformed line is reported
 * with its line number as typed and its content. `isRange` decides what an address range is: pass
 * `(entry) => parseCidr(entry) !== null` from lib/auth/ip-allowlist (server-only: node:net).
 */
export function ipAllowlistSchema(isRange: (entry: string) => boolean) {
  return z.object({
    ipAllowlist: z
      .preprocess((value) => value ?? "", z.string({ error: "settingsIpAllowlistInvalid" }))
      .pipe(z.string().max(IP_ALLOWLIST_MAX_CHARS, { error: issueMessage("settingsIpAllowlistTooLong", { max: IP_ALLOWLIST_MAX_CHARS }) }))
      .transform((text, ctx) => {
        const entries = normaliseIpAllowlist(text);
        if (entries.length > IP_ALLOWLIST_MAX_ENTRIES) {
          ctx.issues.push({
            code: "custom",
            input: text,
            message: issueMessage("settingsIpAllowlistTooMany", { count: entries.length, max: IP_ALLOWLIST_MAX_ENTRIES }),
          });
        }
        for (const { line, entry, typed } of entries) {
          if (!isRange(entry)) {
            const shown = typed.length > QUOTED_LINE_MAX ? `${typed.slice(0, QUOTED_LINE_MAX)}…` : typed;
            ctx.issues.push({
              code: "custom",
              input: text,
              message: issueMessage("settingsIpAllowlistLineInvalid", { line, value: shown }),
            });
          }
        }
        return entries.map(({ entry }) => entry);
      }),
  });
}
