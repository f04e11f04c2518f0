import { z } from "zod";

// One schema per recovery form, shared by the form (checked in the browser for comfort) and its
// server action (the real check). Messages are keys under "errors." in messages/*.json.

export const forgotPasswordSchema = z.object({
  username: z.string().trim().min(1, { error: "usernameRequired" }).max(254, { error: "usernameTooLong" }),
  // Checked by verifyCaptchaSolution on the server; here only its size is bounded.
  captcha: z.string().max(4096).optional(),
});

export const resetPasswordSchema = z.object({
  // The workspace's policy (length, common passwords, …) is applied by setPassword on the server.
  password: z.string().min(1, { error: "newPasswordRequired" }).max(256, { error: "passwordTooLong" }),
});

export const smsResetCodeSchema = z.object({
  // Carried from the first step; the same username the code was asked for.
  username: z.string().trim().min(1, { error: "usernameRequired" }).max(254, { error: "usernameTooLong" }),
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, { error: "smsReset.codeRequired" }).regex(/^\d{6}$/, { error: "smsReset.codeFormat" })),
});

export const SMS_RESET_PROOF_KINDS = ["recovery-code", "totp"] as const;

export const smsResetPasswordSchema = z.object({
  password: z.string().min(1, { error: "newPasswordRequired" }).max(256, { error: "passwordTooLong" }),
  // Present only when the page asks for one more proof; the server decides whether it is needed.
  proofKind: z.enum(SMS_RESET_PROOF_KINDS, { error: "smsReset.proofKindInvalid" }).optional(),
  proofCode: z.string().trim().max(64, { error: "smsReset.proofInvalid" }).optional(),
});
