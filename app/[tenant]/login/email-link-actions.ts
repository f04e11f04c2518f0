"use server";
import { after } from "next/server";
import { emailLinkRequestSchema } from "@/lib/validation/email-link";
import { formError, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { newRequestKey, requestEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { setLinkRequestCookie } from "@/lib/auth/email-link-cookie";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { hitRateLimit, peekRateLimit } from "@/lib/auth/rate-limit";
import { logError } from "@/lib/log";
import { publicAction } from "@/lib/actions/public-action";
import type { RequestMeta } from "@/lib/dal/context";

/**
 * The one answer to every accepted request, whether or not the username names a member: the
 * lookup, the token and the email all happen in after(), so neither the answer nor its timing
 * tells real accounts from unknown ones. The waiting tab's key is set as a cookie either way.
 */
const REQUEST_ACCEPTED: FormState = { status: "success", fieldErrors: {}, values: {}, message: "linkSent" };

/** Link requests one address may make in 15 minutes before the captcha is asked for. */
const LINK_REQUESTS_BEFORE_CAPTCHA = 3;
const IP_WINDOW_SECONDS = 15 * 60;

const requestsFrom = (meta: RequestMeta) => `sign-in-link:ip:${meta.ip ?? "unknown"}`;

export const requestSignInLinkAction = publicAction(
  {
    bound: ["slug"],
    schema: emailLinkRequestSchema,
    logAs: "sign-in-link:request",
    // This form sends email to whoever is named: past a few requests from one address, prove a human.
    captcha: {
      requiredWhen: async ({ meta }) => (await peekRateLimit(requestsFrom(meta), IP_WINDOW_SECONDS)) >= LINK_REQUESTS_BEFORE_CAPTCHA,
      missingKey: "linkCaptchaRequired",
    },
  },
  async ({ username, next }, { slug, meta, formData }) => {
    await hitRateLimit(requestsFrom(meta), Number.MAX_SAFE_INTEGER, IP_WINDOW_SECONDS);
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return { ...REQUEST_ACCEPTED };
    if (!(await getMfaPolicy(workspace.id)).allowEmailLink) return formError(formData, "emailLinkDisabled");
    const requestKey = newRequestKey();
    await setLinkRequestCookie(requestKey);
    after(async () => {
      try {
        await requestEmailSignInLink({ tenantId: workspace.id, username, requestKey, next, ...meta });
      } catch (error) {
        logError("sign-in-link:request", error);
      }
    });
    return { ...REQUEST_ACCEPTED };
  },
);
