import { z } from "zod";

// The code forms of the second-factor step (/<workspace>/login/verify) and of re-verification
// (/<workspace>/verify). Shared by the browser check and the server actions.

export const CODE_METHODS = ["totp", "sms", "email", "recovery-code"] as const;

export const secondFactorCodeSchema = z.object({
  method: z.enum(CODE_METHODS, { error: "secondFactor.codeMethodInvalid" }),
  code: z.string().trim().min(1, { error: "secondFactor.codeRequired" }).max(64, { error: "secondFactor.codeInvalid" }),
  remember: z.string().optional(),
  next: z.string().max(500).optional(),
});

export const reverifyPasswordSchema = z.object({
  password: z.string().min(1, { error: "passwordRequired" }).max(256, { error: "passwordTooLong" }),
  returnTo: z.string().max(500).optional(),
});

export const reverifyCodeSchema = z.object({
  method: z.enum(CODE_METHODS, { error: "secondFactor.codeMethodInvalid" }),
  code: z.string().trim().min(1, { error: "secondFactor.codeRequired" }).max(64, { error: "secondFactor.codeInvalid" }),
  returnTo: z.string().max(500).optional(),
});
