"use server";
import { after } from "next/server";
import { redirect, unstable_rethrow } from "next/navigation";
import { getFormatter } from "next-intl/server";
import { signInSchema } from "@/lib/validation/forms";
import { formError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { signInWithPassword, type SignInResult } from "@/lib/auth/sign-in-with-password";
import { requestInfo } from "@/lib/auth/request-info";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { readRememberedDeviceTokens } from "@/lib/auth/remembered-devices";
import { adoptSessionInBrowser, destinationAfterSignIn } from "@/lib/auth/complete-sign-in";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

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

async function signIn(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  let destination: string;
  try {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return formError(formData, "invalidCredentials");
    const meta = await requestInfo();
    const [policy, mfaPolicy] = await Promise.all([getSecurityPolicy(workspace.id), getMfaPolicy(workspace.id)]);
    if (!ipAllowed(meta.ip, policy.ipAllowlist)) redirect(`/${slug}/network-only`);
    const captcha = formData.get("captcha");
    const result = await signInWithPassword({
      tenantId: workspace.id,
      username: parsed.data.username,
      password: parsed.data.password,
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
    destination = destinationAfterSignIn(slug, result.step, parsed.data.next);
  } catch (error) {
    unstable_rethrow(error);
    logError("signin", error);
    return formError(formData, "generic");
  }
  redirect(destination);
}

export const signInAction = signInLikeAction(signIn);
