import { z } from "zod";
import { normalizeSlug, slugProblem } from "@/lib/workspace/slug";

// Field rules shared by forms (in the browser, for comfort) and server actions (the real check).
// Messages are keys under "errors." in messages/*.json.

export const PASSWORD_MAX = 256;

export const emailField = z
  .string()
  .trim()
  .min(1, { error: "emailRequired" })
  .max(254, { error: "emailTooLong" })
  .pipe(z.email({ error: "emailInvalid" }))
  .transform((value) => value.toLowerCase());

export const personNameField = z
  .string()
  .trim()
  .min(1, { error: "nameRequired" })
  .max(100, { error: "nameTooLong" });

export const companyNameField = z
  .string()
  .trim()
  .min(1, { error: "companyRequired" })
  .max(100, { error: "companyTooLong" });

// Only a size limit: the workspace's password policy (lib/auth/password-policy) is the real rule,
// checked by the server action with every reason reported together.
export const newPasswordField = z
  .string()
  .min(1, { error: "passwordRequired" })
  .max(PASSWORD_MAX, { error: "passwordTooLong" });

export const slugField = z
  .string()
  .transform(normalizeSlug)
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: "custom", message: `slug_${problem}` });
  });

export const employeeNumberField = z
  .string()
  .trim()
  .max(50, { error: "employeeNumberTooLong" })
  .regex(/^[A-Za-z0-9._-]*$/, { error: "employeeNumberFormat" })
  // Kept as typed ("E2001"); look-ups and uniqueness ignore case (User.employeeNumberKey).
  .transform((value) => value || null);
