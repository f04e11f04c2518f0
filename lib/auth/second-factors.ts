import "server-only";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { tenantDb } from "@/lib/db/tenant-db";
import type { Role } from "@/lib/generated/prisma/enums";
import { getMfaPolicy, type MfaPolicy } from "./mfa-policy";

export type SecondFactors = {
  /** A confirmed authenticator app. */
  totp: boolean;
  /** The verified phone, masked for display ("+86 ••••••• 8000"), or null. */
  phone: string | null;
  /** Passkeys usable as a second factor. */
  passkeys: number;
  /** Codes by email to the member's own address, turned on by the member. */
  emailCode: boolean;
  /** Unused recovery codes (only usable while the member has some other allowed factor). */
  recoveryCodesLeft: number;
};

export const NO_SECOND_FACTORS: SecondFactors = { totp: false, phone: null, passkeys: 0, emailCode: false, recoveryCodesLeft: 0 };

/** "+86 ••••••• 8000": the country code and the last four digits, enough to recognise one's phone. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const digits = e164.replace(/\D/g, "");
  const last = digits.slice(-4);
  if (parsed) {
    const national = String(parsed.nationalNumber);
    return `+${parsed.countryCallingCode} ${"•".repeat(Math.max(national.length - 4, 2))} ${last}`;
  }
  return `•••• ${last}`;
}

/**
 * The member's second factors as enrolled, without looking at the policy. Used where the raw state
 * matters (admin reset, access review); sign-in uses listSecondFactors.
 */
export async function listEnrolledFactors(tenantId: string, userId: string): Promise<SecondFactors> {
  const db = tenantDb(tenantId);
  const [totp, phone, passkeys, emailCode, recoveryCodesLeft] = await Promise.all([
    db.totpFactor.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { confirmedAt: true } }),
    db.phoneFactor.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { phone: true, verifiedAt: true } }),
    db.passkey.count({ where: { tenantId, userId } }),
    db.emailCodeFactor.count({ where: { tenantId, userId } }),
    db.recoveryCode.count({ where: { tenantId, userId, usedAt: null } }),
  ]);
  return {
    totp: Boolean(totp?.confirmedAt),
    phone: phone?.verifiedAt ? maskPhone(phone.phone) : null,
    passkeys,
    emailCode: emailCode > 0,
    recoveryCodesLeft,
  };
}

/** Keeps only the factors the workspace allows; recovery codes count only beside another allowed factor. */
export function filterByPolicy(
  factors: SecondFactors,
  policy: Pick<MfaPolicy, "allowTotp" | "allowSms" | "allowPasskeyAsFactor" | "allowEmailCode">,
): SecondFactors {
  const filtered = {
    totp: policy.allowTotp && factors.totp,
    phone: policy.allowSms ? factors.phone : null,
    passkeys: policy.allowPasskeyAsFactor ? factors.passkeys : 0,
    emailCode: policy.allowEmailCode && factors.emailCode,
    recoveryCodesLeft: 0,
  };
  return { ...filtered, recoveryCodesLeft: hasAnySecondFactor(filtered) ? factors.recoveryCodesLeft : 0 };
}

/**
 * The factors that can still prove something after the primary method the session used: after an
 * emailed sign-in link, a code to the same mailbox proves nothing new.
 */
export function usableAfter(factors: SecondFactors, amr: readonly string[]): SecondFactors {
  if (!amr.includes("email-link") || !factors.emailCode) return factors;
  const usable = { ...factors, emailCode: false };
  return hasAnySecondFactor(usable) ? usable : { ...usable, recoveryCodesLeft: 0 };
}

/** Whether any factor (other than recovery codes) is there. */
export function hasAnySecondFactor(factors: SecondFactors): boolean {
  return factors.totp || factors.phone !== null || factors.passkeys > 0 || factors.emailCode;
}

/**
 * Whether the member's factors satisfy a workspace requirement of two-step sign-in. Codes by email
 * don't for Owners and Admins: the mailbox that receives them can also reset the password, so for
 * whoever holds it the two steps are one; for the workspace's most powerful accounts that is not
 * two-step sign-in. For other members the admin's switch (allowEmailCode) is the decision.
 */
export function meetsMfaRequirement(factors: SecondFactors, role: Role): boolean {
  const strong = factors.totp || factors.phone !== null || factors.passkeys > 0;
  return strong || (factors.emailCode && role !== "OWNER" && role !== "ADMIN");
}

/** The member's second factors that the workspace's policy allows right now. */
export async function listSecondFactors(tenantId: string, userId: string, policy?: MfaPolicy): Promise<SecondFactors> {
  const [factors, mfaPolicy] = await Promise.all([listEnrolledFactors(tenantId, userId), policy ?? getMfaPolicy(tenantId)]);
  return filterByPolicy(factors, mfaPolicy);
}
