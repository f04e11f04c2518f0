"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { passwordProblems } from "@/lib/forms/form-state";
import { completeForcedPasswordChange } from "@/lib/auth/change-password";
import { stepPath } from "@/lib/auth/session-restriction";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

const schema = z.object({
  password: z.string().min(1, { error: "passwordRequired" }).max(256, { error: "passwordTooLong" }),
  // The page asked for before signing in; anything outside the workspace becomes its home.
  next: z.string().max(500).optional(),
});

export const forcedPasswordChangeAction = memberAction(
  schema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    const result = await completeForcedPasswordChange(ctx, input.password, meta);
    if (!result.ok) return passwordProblems(formData, "password", result.problems);
    redirect(result.nextStep ? stepPath(ctx.tenant.slug, result.nextStep, input.next) : safeReturnPath(ctx.tenant.slug, input.next));
  },
  { allowRestricted: "password-change" },
);
