"use server";
import { after } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { forgotPasswordSchema } from "@/components/recovery/schemas";
import { fieldError, formError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { captchaErrorKey, verifyCaptchaSolution } from "@/lib/auth/captcha";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

/**
 * The one answer to every accepted request, whether or not the username names a member: the
 * lookup, the token and the email all happen in after(), so neither the answer nor its timing
 * tells real accounts from unknown ones. Nothing typed is echoed back.
 */
const REQUEST_ACCEPTED: FormState = { status: "success", fieldErrors: {}, values: {} };

async function requestPasswordResetLink(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  try {
    // Always required here: this form sends email to whoever an attacker names.
    const verdict = await verifyCaptchaSolution(formData.get("captcha"));
    if (verdict !== "ok") {
      // The shared "captchaRequired" text speaks of signing in; this form sends a link.
      const key = verdict === "missing" ? "recoveryCaptchaRequired" : captchaErrorKey(verdict);
      return { ...fieldError(formData, "captcha", key), captchaRequired: true };
    }
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return { ...REQUEST_ACCEPTED };
    const meta = await requestInfo();
    const username = parsed.data.username;
    after(async () => {
      try {
        await requestPasswordReset({ tenantId: workspace.id, username, ...meta });
      } catch (error) {
        logError("forgot-password", error);
      }
    });
  } catch (error) {
    unstable_rethrow(error);
    logError("forgot-password", error);
    return formError(formData, "generic");
  }
  return { ...REQUEST_ACCEPTED };
}

export const requestPasswordResetAction = signInLikeAction(requestPasswordResetLink);
