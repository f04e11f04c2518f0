"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { passwordProblems } from "@/lib/forms/form-state";
import { completeForcedPasswordChange } from "@/lib/auth/change-password";
import { stepPath } from "@/lib/auth/session-restriction";

const schema = z.object({ password: z.string().min(1, { error: "passwordRequired" }).max(256, { error: "passwordTooLong" }) });

export const forcedPasswordChangeAction = memberAction(
  schema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    const result = await completeForcedPasswordChange(ctx, input.password, meta);
    if (!result.ok) return passwordProblems(formData, "password", result.problems);
    redirect(result.nextStep ? stepPath(ctx.tenant.slug, result.nextStep) : `/${ctx.tenant.slug}`);
  },
  { allowRestricted: "password-change" },
);
