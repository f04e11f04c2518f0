import { z } from "zod";
import { optionalPhoneCountry } from "@/lib/phone-countries";

// Forms of the security page's second-factor section. Messages are keys under "errors."
// (messages/<locale>/mfa.json, namespace errors.mfa). Shared by the browser check and the actions.

const SIX_DIGITS = /^\d{3}[\s-]?\d{3}$/;

export const mfaCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: "mfa.codeRequired" })
    .max(20, { error: "mfa.codeFormat" })
    .regex(SIX_DIGITS, { error: "mfa.codeFormat" }),
});

export const phoneNumberSchema = z.object({
  phone: z.string().trim().min(1, { error: "mfa.phoneRequired" }).max(40, { error: "mfa.phoneInvalid" }),
  // The picker beside the number: the country a number without "+" is read in (else the workspace's).
  country: optionalPhoneCountry,
});
