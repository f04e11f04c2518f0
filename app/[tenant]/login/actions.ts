"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { getFormatter } from "next-intl/server";
import { signInCaptchaCheckSchema, signInSchema } from "@/lib/validation/forms";
import { formError, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { signInCaptchaRequired, signInWithPassword, type SignInResult } from "@/lib/auth/sign-in-with-password";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { readRememberedDeviceTokens } from "@/lib/auth/remembered-devices";
import { adoptSessionInBrowser, destinationAfterSignIn } from "@/lib/auth/complete-sign-in";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { logError } from "@/lib/log";
import { publicAction } from "@/lib/actions/public-action";

async function failure(formData: FormData, result: Extract<SignInResult, { ok: false }>): Promise<FormState> {
  if (result.reason === "locked") {
    const format = await getFormatter();
    return result.lockedUntil
      ? formError(formData, "locked", {
          time: format.dateTime(result.lockedUntil, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }),
        })
      : formError(formData, "lockedAdmin");
  }
  return { ...formError(formData, result.captchaError ?? result.reason), captchaRequired: result.captchaRequired };
}

export const signInAction = publicAction(
  { bound: ["slug"], schema: signInSchema, logAs: "signin" },
  async ({ username, password, next }, { slug, meta, formData }) => {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return formError(formData, "invalidCredentials");
    const [policy, mfaPolicy] = await Promise.all([getSecurityPolicy(workspace.id), getMfaPolicy(workspace.id)]);
    if (!ipAllowed(meta.ip, policy.ipAllowlist)) redirect(`/${slug}/network-only`);
    // Asked for only after failures (signInWithPassword decides), so it is checked there.
    const captcha = formData.get("captcha");
    const result = await signInWithPassword({
      tenantId: workspace.id,
      username,
      password,
      captcha: typeof captcha === "string" ? captcha : null,
      policy,
      mfaPolicy,
      rememberedDeviceTokens: await readRememberedDeviceTokens(),
      defer: (task) => after(task),
      ...meta,
    });
    if (!result.ok) return await failure(formData, result);
    // Ends this browser's previous session, sets the cookies, notes the device ("this wasn't me" email).
    await adoptSessionInBrowser({ tenantId: workspace.id, userId: result.user.id, token: result.token, maxAgeSeconds: result.maxAgeSeconds, ...meta });
    // The step the session owes first (second factor, password change, enrolment), or the page asked for.
    redirect(destinationAfterSignIn(slug, result.step, next));
  },
);

const captchaAnswer = (captchaRequired: boolean): FormState => ({ status: "idle", fieldErrors: {}, values: {}, captchaRequired });

/**
 * Asked by the sign-in form when the username has been typed (on leaving the field): whether the
 * sign-in will need a captcha, so it shows before the submit rather than after a refused one.
 * lib/auth/sign-in-with-password.ts (signInCaptchaRequired) says why this is no enumeration
 * oracle; like the sign-in it counts against the address's attempts (publicAction). Its only
 * answer is yes or no: a username it cannot read, or a failure, is "no" (the sign-in still asks).
 */
export const signInCaptchaCheckAction = publicAction(
  { bound: ["slug"], schema: signInCaptchaCheckSchema, logAs: "signin-captcha-check", onInvalid: async () => captchaAnswer(false) },
  async ({ username }, { slug, meta }) => {
    try {
      const workspace = await findWorkspaceBySlug(slug);
      if (!workspace) return captchaAnswer(false);
      return captchaAnswer(await signInCaptchaRequired({ tenantId: workspace.id, username, ip: meta.ip }));
    } catch (error) {
      logError("signin-captcha-check", error);
      return captchaAnswer(false);
    }
  },
);
