"use server";
import { redirect } from "next/navigation";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { fieldError, formError, passwordProblems, type FormState } from "@/lib/forms/form-state";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { revokeOtherOwnSessions, revokeOwnSession } from "@/lib/dal/sessions/own-sessions";

const sessionIdSchema = z.object({ sessionId: z.string().min(1).max(40) });

function ok(slug: string, message: string, values: Record<string, string> = {}): FormState {
  revalidatePath(`/${slug}/security`);
  return { status: "success", fieldErrors: {}, message, values };
}

export const endSessionAction = memberAction(sessionIdSchema, "workspace.view", async (input, ctx, { formData, ...meta }) =>
  (await revokeOwnSession(ctx, input.sessionId, meta)) ? ok(ctx.tenant.slug, "sessionEnded") : formError(formData, "notFound"),
);

export const endOtherSessionsAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, meta) => {
  const count = await revokeOtherOwnSessions(ctx, meta);
  return ok(ctx.tenant.slug, "otherSessionsEnded", { count: String(count) });
});

const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, { error: "currentPasswordRequired" }).max(256, { error: "passwordTooLong" }),
  password: z.string().min(1, { error: "passwordRequired" }).max(256, { error: "passwordTooLong" }),
});

export const changePasswordAction = memberAction(changePasswordSchema, "workspace.view", async (input, ctx, { formData, ...meta }) => {
  // Sensitive: a member who last proved who they are over ten minutes ago confirms it first
  // (nothing typed is lost: password fields are never echoed back anyway).
  if (await needsReverification(ctx)) redirect(reverifyPath(ctx.tenant.slug, `/${ctx.tenant.slug}/security`));
  const result = await changeOwnPassword(ctx, { currentPassword: input.currentPassword, newPassword: input.password }, meta);
  if (!result.ok) {
    return "reason" in result ? fieldError(formData, "currentPassword", result.reason) : passwordProblems(formData, "password", result.problems);
  }
  return { ...ok(ctx.tenant.slug, "passwordChanged"), values: { formKey: String(Date.now()) } };
});
