"use server";
import { after } from "next/server";
import { forgotPasswordSchema } from "@/lib/validation/recovery";
import { type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { logError } from "@/lib/log";
import { publicAction } from "@/lib/actions/public-action";

/**
 * The one answer to every accepted request, whether or not the username names a member: the
 * lookup, the token and the email all happen in after(), so neither the answer nor its timing
 * tells real accounts from unknown ones. Nothing typed is echoed back.
 */
const REQUEST_ACCEPTED: FormState = { status: "success", fieldErrors: {}, values: {} };

export const requestPasswordResetAction = publicAction(
  {
    bound: ["slug"],
    schema: forgotPasswordSchema,
    logAs: "forgot-password",
    // Always required here: this form sends email to whoever an attacker names. The shared
    // "captchaRequired" text speaks of signing in; this form sends a link.
    captcha: { missingKey: "recoveryCaptchaRequired" },
  },
  async ({ username }, { slug, meta }) => {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return { ...REQUEST_ACCEPTED };
    after(async () => {
      try {
        await requestPasswordReset({ tenantId: workspace.id, username, ...meta });
      } catch (error) {
        logError("forgot-password", error);
      }
    });
    return { ...REQUEST_ACCEPTED };
  },
);
