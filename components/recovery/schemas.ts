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
