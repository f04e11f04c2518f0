"use server";
import { after } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { emailLinkRequestSchema } from "@/components/email-link/schemas";
import { fieldError, formError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { captchaErrorKey, verifyCaptchaSolution } from "@/lib/auth/captcha";
import { newRequestKey, requestEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { setLinkRequestCookie } from "@/lib/auth/email-link-cookie";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { hitRateLimit, peekRateLimit } from "@/lib/auth/rate-limit";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

/**
 * The one answer to every accepted request, whether or not the username names a member: the
 * lookup, the token and the email all happen in after(), so neither the answer nor its timing
 * tells real accounts from unknown ones. The waiting tab's key is set as a cookie either way.
 */
const REQUEST_ACCEPTED: FormState = { status: "success", fieldErrors: {}, values: {}, message: "linkSent" };

/** Link requests one address may make in 15 minutes before the captcha is asked for. */
const LINK_REQUESTS_BEFORE_CAPTCHA = 3;
const IP_WINDOW_SECONDS = 15 * 60;

async function requestSignInLink(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = emailLinkRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  try {
    const meta = await requestInfo();
    const ipKey = `sign-in-link:ip:${meta.ip ?? "unknown"}`;
    // This form sends email to whoever is named: past a few requests from one address, prove a human.
    if ((await peekRateLimit(ipKey, IP_WINDOW_SECONDS)) >= LINK_REQUESTS_BEFORE_CAPTCHA) {
      const verdict = await verifyCaptchaSolution(formData.get("captcha"));
      if (verdict !== "ok") {
        const key = verdict === "missing" ? "linkCaptchaRequired" : captchaErrorKey(verdict);
        return { ...fieldError(formData, "captcha", key), captchaRequired: true };
      }
    }
    await hitRateLimit(ipKey, Number.MAX_SAFE_INTEGER, IP_WINDOW_SECONDS);
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return { ...REQUEST_ACCEPTED };
    if (!(await getMfaPolicy(workspace.id)).allowEmailLink) return formError(formData, "emailLinkDisabled");
    const requestKey = newRequestKey();
    await setLinkRequestCookie(requestKey);
    const { username, next } = parsed.data;
    after(async () => {
      try {
        await requestEmailSignInLink({ tenantId: workspace.id, username, requestKey, next, ...meta });
      } catch (error) {
        logError("sign-in-link:request", error);
      }
    });
  } catch (error) {
    unstable_rethrow(error);
    logError("sign-in-link:request", error);
    return formError(formData, "generic");
  }
  return { ...REQUEST_ACCEPTED };
}

export const requestSignInLinkAction = signInLikeAction(requestSignInLink);
