import { z } from "zod";

// Shared by the "Email me a sign-in link" form (checked in the browser for comfort) and its server
// action (the real check). Messages are keys under "errors.".
export const emailLinkRequestSchema = z.object({
  username: z.string().trim().min(1, { error: "usernameRequired" }).max(254, { error: "usernameTooLong" }),
  // Checked by verifyCaptchaSolution on the server when this address has asked for many links.
  captcha: z.string().max(4096).optional(),
  // The page asked for before signing in; the emailed link carries it (checked again where used).
  next: z.string().max(500).optional(),
});
