import { z } from "zod";
import { passwordLength } from "./normalise";
import { personalInfoFound, type PersonalInfo, type PersonalInfoKind } from "./personal-info";

// A workspace's password policy and the check of a password against it. Pure: no database, no
// list, no "server-only", so forms use it in the browser for live feedback and server actions use
// it (through check-password.server.ts, which adds the common-password list) for the real check.
// Messages are keys under "errors." in messages/*.json.

export type PasswordPolicy = {
  /** Minimum length in code points, 8..64. See effectiveMinLength for the MFA rule. */
  minLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireDigit: boolean;
  requireSymbol: boolean;
  /** Days until a password must be changed; 0 = never. */
  maxAgeDays: number;
  /** How many of the user's most recent passwords (the current one included) may not be reused; 0..24. */
  historyCount: number;
  checkCommonPasswords: boolean;
  checkPersonalInfo: boolean;
};

export type PasswordPreset = "recommended" | "classic" | "custom";

/** The longest password accepted, in code points. NIST: at least 64 must be allowed. */
export const PASSWORD_MAX_LENGTH = 256;
/** The lowest minimum an admin may set (NIST: 8 with a second factor). */
export const MIN_LENGTH_FLOOR = 8;
/** The highest minimum an admin may set, so that a 64-character passphrase always fits. */
export const MIN_LENGTH_CEILING = 64;
/** NIST SP 800-63B-4: at least 15 characters when the password is the only factor... */
export const SINGLE_FACTOR_MIN_LENGTH = 15;
/** ...and at least 8 when it is part of multi-factor authentication. */
export const MULTI_FACTOR_MIN_LENGTH = 8;
export const MAX_AGE_DAYS_LIMIT = 3650;
export const HISTORY_COUNT_LIMIT = 24;

/** NIST SP 800-63B: length over composition, no expiry, no history; common and personal refused. */
export const RECOMMENDED_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: SINGLE_FACTOR_MIN_LENGTH,
  requireLowercase: false,
  requireUppercase: false,
  requireDigit: false,
  requireSymbol: false,
  maxAgeDays: 0,
  historyCount: 0,
  checkCommonPasswords: true,
  checkPersonalInfo: true,
});

/** Traditional complexity rules, for workspaces whose auditors still ask for them. */
export const CLASSIC_POLICY: Readonly<PasswordPolicy> = Object.freeze({
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

const POLICY_KEYS = Object.keys(RECOMMENDED_POLICY) as (keyof PasswordPolicy)[];

function samePolicy(a: PasswordPolicy, b: PasswordPolicy): boolean {
  return POLICY_KEYS.every((key) => a[key] === b[key]);
}

export function policyPreset(policy: PasswordPolicy): PasswordPreset {
  if (samePolicy(policy, RECOMMENDED_POLICY)) return "recommended";
  if (samePolicy(policy, CLASSIC_POLICY)) return "classic";
  return "custom";
}

// ── The admin form's schema ────────────────────────────────────────────────────────────────────
// Accepts typed values or Object.fromEntries(formData): numbers may come as strings, checkboxes as
// "on" (checked) or absent (unchecked).

const checkbox = z.preprocess(
  (value) => value === true || value === "on" || value === "true" || value === "1",
  z.boolean(),
);

// A form field's "" stays "" and fails as policyNumberInvalid, rather than becoming 0.
function integerIn(min: number, max: number, errors: { min: string; max: string }) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
    z
      .number({ error: "policyNumberInvalid" })
      .int({ error: "policyNumberInvalid" })
      .min(min, { error: errors.min })
      .max(max, { error: errors.max }),
  );
}

export const policySchema = z.object({
  minLength: integerIn(MIN_LENGTH_FLOOR, MIN_LENGTH_CEILING, {
    min: "policyMinLengthFloor",
    max: "policyMinLengthMax",
  }),
  requireLowercase: checkbox,
  requireUppercase: checkbox,
  requireDigit: checkbox,
  requireSymbol: checkbox,
  maxAgeDays: integerIn(0, MAX_AGE_DAYS_LIMIT, { min: "policyMaxAgeRange", max: "policyMaxAgeRange" }),
  historyCount: integerIn(0, HISTORY_COUNT_LIMIT, { min: "policyHistoryRange", max: "policyHistoryRange" }),
  checkCommonPasswords: checkbox,
  checkPersonalInfo: checkbox,
});

// The schema's output is exactly a PasswordPolicy (checked by the compiler, both ways).
type SchemaOutput = z.output<typeof policySchema>;
const _schemaMatchesType: [SchemaOutput, PasswordPolicy] extends [PasswordPolicy, SchemaOutput] ? true : never = true;
void _schemaMatchesType;

// ── Mapping to the SecurityPolicy row (prisma/schema.prisma), whose names carry a prefix ───────

export type SecurityPolicyPasswordColumns = {
  passwordMinLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireDigit: boolean;
  requireSymbol: boolean;
  passwordMaxAgeDays: number;
  passwordHistoryCount: number;
  checkCommonPasswords: boolean;
  checkPersonalInfo: boolean;
};

/** The policy of a SecurityPolicy row; RECOMMENDED_POLICY when the workspace has none yet. */
export function policyFromSecurityPolicy(row: SecurityPolicyPasswordColumns | null | undefined): PasswordPolicy {
  if (!row) return { ...RECOMMENDED_POLICY };
  return {
    minLength: row.passwordMinLength,
    requireLowercase: row.requireLowercase,
    requireUppercase: row.requireUppercase,
    requireDigit: row.requireDigit,
    requireSymbol: row.requireSymbol,
    maxAgeDays: row.passwordMaxAgeDays,
    historyCount: row.passwordHistoryCount,
    checkCommonPasswords: row.checkCommonPasswords,
    checkPersonalInfo: row.checkPersonalInfo,
  };
}

/** The SecurityPolicy columns for a policy (for create/update data). */
export function securityPolicyColumns(policy: PasswordPolicy): SecurityPolicyPasswordColumns {
  return {
    passwordMinLength: policy.minLength,
    requireLowercase: policy.requireLowercase,
    requireUppercase: policy.requireUppercase,
    requireDigit: policy.requireDigit,
    requireSymbol: policy.requireSymbol,
    passwordMaxAgeDays: policy.maxAgeDays,
    passwordHistoryCount: policy.historyCount,
    checkCommonPasswords: policy.checkCommonPasswords,
    checkPersonalInfo: policy.checkPersonalInfo,
  };
}

// ── Length ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The minimum length that applies to a user, in code points.
 *
 * NIST SP 800-63B-4 asks for 15 characters when the password is the only factor and 8 when the
 * workspace requires a second factor. The stored policy has one number, so:
 *   - minLength = 15 (the default, SINGLE_FACTOR_MIN_LENGTH) means "the NIST rule": 15, or 8 when
 *     the workspace requires MFA;
 *   - any other value is the admin's explicit choice and applies as set, MFA or not (an admin who
 *     wants more than NIST even with MFA sets 16 or more; one who sets 12 gets 12 either way).
 *   - never below MIN_LENGTH_FLOOR (8), never above MIN_LENGTH_CEILING (64), whatever is stored.
 */
export function effectiveMinLength(policy: Pick<PasswordPolicy, "minLength">, { mfaRequired = false }: { mfaRequired?: boolean } = {}): number {
  const stored = Number.isFinite(policy.minLength) ? Math.trunc(policy.minLength) : SINGLE_FACTOR_MIN_LENGTH;
  const chosen = mfaRequired && stored === SINGLE_FACTOR_MIN_LENGTH ? MULTI_FACTOR_MIN_LENGTH : stored;
  return Math.min(MIN_LENGTH_CEILING, Math.max(MIN_LENGTH_FLOOR, chosen));
}

// ── The check ──────────────────────────────────────────────────────────────────────────────────

export type PasswordProblem = {
  /** A key under "errors." in messages/*.json. */
  key: PasswordProblemKey;
  values?: Record<string, string | number>;
};

export type PasswordProblemKey =
  | "passwordTooShort"
  | "passwordTooLong"
  | "passwordNeedsLowercase"
  | "passwordNeedsUppercase"
  | "passwordNeedsDigit"
  | "passwordNeedsSymbol"
  | "passwordCommon"
  | "passwordPersonal"
  | "passwordReused";

export type PasswordCheck = { ok: boolean; problems: PasswordProblem[] };

export type PasswordContext = PersonalInfo & {
  /** Whether the workspace requires a second factor of this user (see effectiveMinLength). */
  mfaRequired?: boolean;
};

export type PasswordCheckOptions = {
  /**
   * The common-password lookup. The list is server-only (common-passwords.ts); in the browser this
   * is left out and the server does that part of the check.
   */
  isCommon?: (password: string) => boolean;
};

/** Which character classes a password has. A space or any other non-letter, non-digit is a symbol (as OWASP lists them). */
export function characterClasses(password: string) {
  return {
    lowercase: /\p{Ll}/u.test(password),
    uppercase: /\p{Lu}/u.test(password),
    digit: /\p{Nd}/u.test(password),
    symbol: /[^\p{L}\p{N}]/u.test(password),
  };
}

/**
 * Checks a new password against a workspace's policy and returns every reason it is refused, in a
 * stable order (length, character classes, common, personal information), not only the first.
 * Personal information yields one "passwordPersonal" problem per kind ({ what }).
 */
export function checkPasswordAgainstPolicy(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
  options: PasswordCheckOptions = {},
): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  const min = effectiveMinLength(policy, { mfaRequired: context.mfaRequired });

  if (length < min) problems.push({ key: "passwordTooShort", values: { min } });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ key: "passwordTooLong", values: { max: PASSWORD_MAX_LENGTH } });

  const classes = characterClasses(password);
  if (policy.requireLowercase && !classes.lowercase) problems.push({ key: "passwordNeedsLowercase" });
  if (policy.requireUppercase && !classes.uppercase) problems.push({ key: "passwordNeedsUppercase" });
  if (policy.requireDigit && !classes.digit) problems.push({ key: "passwordNeedsDigit" });
  if (policy.requireSymbol && !classes.symbol) problems.push({ key: "passwordNeedsSymbol" });

  if (policy.checkCommonPasswords && options.isCommon && password && options.isCommon(password)) {
    problems.push({ key: "passwordCommon" });
  }

  if (policy.checkPersonalInfo) {
    for (const what of personalInfoFound(password, context)) problems.push({ key: "passwordPersonal", values: { what } });
  }

  return { ok: problems.length === 0, problems };
}

export type { PersonalInfo, PersonalInfoKind };

// ── Expiry ─────────────────────────────────────────────────────────────────────────────────────

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the password must be changed, or null when the policy never expires passwords. */
export function passwordExpiresAt(passwordChangedAt: Date, policy: Pick<PasswordPolicy, "maxAgeDays">): Date | null {
  if (!(policy.maxAgeDays > 0)) return null;
  return new Date(passwordChangedAt.getTime() + policy.maxAgeDays * DAY_MS);
}

/** Whether the password is at or past its maximum age at `now` (never, when maxAgeDays is 0). */
export function passwordExpired(passwordChangedAt: Date, policy: Pick<PasswordPolicy, "maxAgeDays">, now: Date = new Date()): boolean {
  const expiresAt = passwordExpiresAt(passwordChangedAt, policy);
  return expiresAt !== null && now.getTime() >= expiresAt.getTime();
}
