import { z } from "zod";

// The MFA policy section of the workspace security settings. Accepts typed values or
// Object.fromEntries(formData): the number as a string, checkboxes as "on" or absent. Messages are
// keys under "errors." (messages/<locale>/mfa.json, errors.mfaPolicy.*). Bundled for the browser too.

export const MFA_REQUIREMENTS = ["OPTIONAL", "ADMINS", "EVERYONE"] as const;
export const GRACE_DAYS = { min: 0, max: 90 } as const;

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

export const mfaPolicySchema = z
  .object({
    requirement: z.enum(MFA_REQUIREMENTS, { error: "mfaPolicy.requirementInvalid" }),
    graceDays: z.preprocess(
      (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
      z
        .number({ error: "mfaPolicy.graceDaysInvalid" })
        .int({ error: "mfaPolicy.graceDaysInvalid" })
        .min(GRACE_DAYS.min, { error: "mfaPolicy.graceDaysInvalid" })
        .max(GRACE_DAYS.max, { error: "mfaPolicy.graceDaysInvalid" }),
    ),
    allowPassword: checkbox,
    allowPasskey: checkbox,
    allowEmailLink: checkbox,
    allowTotp: checkbox,
    allowSms: checkbox,
    allowPasskeyAsFactor: checkbox,
    allowEmailCode: checkbox,
    allowRememberDevice: checkbox,
    allowSmsPasswordReset: checkbox,
  })
  .superRefine((policy, ctx) => {
    if (!policy.allowPassword && !policy.allowPasskey && !policy.allowEmailLink) {
      ctx.addIssue({ code: "custom", path: ["allowPassword"], message: "mfaPolicy.noPrimaryMethod" });
    }
    // Members without a second factor enrol with one of these on the forced-enrolment page (codes by
    // email don't count: they never satisfy the requirement for Owners and Admins), so a requirement
    // with none of them allowed would be a dead end.
    if (policy.requirement !== "OPTIONAL" && !policy.allowTotp && !policy.allowSms && !policy.allowPasskeyAsFactor) {
      ctx.addIssue({ code: "custom", path: ["allowTotp"], message: "mfaPolicy.noSecondFactorAllowed" });
    }
  });

export type MfaPolicyInput = z.output<typeof mfaPolicySchema>;
