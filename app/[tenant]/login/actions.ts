"use server";
import { after } from "next/server";
import { redirect, unstable_rethrow } from "next/navigation";
import { getFormatter, getLocale } from "next-intl/server";
import { ensureDeviceCookie, noteSignInDevice } from "@/lib/auth/known-devices";
import { signInSchema } from "@/lib/validation/forms";
import { formError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { signInWithPassword, type SignInResult } from "@/lib/auth/sign-in-with-password";
import { readSessionToken, setLocaleCookie, setSessionCookie } from "@/lib/auth/session-cookie-store";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { requestInfo } from "@/lib/auth/request-info";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { logError } from "@/lib/log";

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

export async function signInAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  let destination: string;
  try {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return formError(formData, "invalidCredentials");
    const meta = await requestInfo();
    const policy = await getSecurityPolicy(workspace.id);
    if (!ipAllowed(meta.ip, policy.ipAllowlist)) redirect(`/${slug}/network-only`);
    const captcha = formData.get("captcha");
    const result = await signInWithPassword({
      tenantId: workspace.id,
      username: parsed.data.username,
      password: parsed.data.password,
      captcha: typeof captcha === "string" ? captcha : null,
      policy,
      defer: (task) => after(task),
      ...meta,
    });
    if (!result.ok) return await failure(formData, result);
    // A new session at every sign-in; whatever session this browser had before is ended.
    const previous = await readSessionToken();
    if (previous) await revokeSessionByToken(previous, "replaced");
    await setSessionCookie(result.token, result.maxAgeSeconds);
    await setLocaleCookie(result.user.locale);
    // A browser not seen for this member in 30 days gets them an email with "this wasn't me".
    const deviceToken = await ensureDeviceCookie();
    const locale = await getLocale();
    const userId = result.user.id;
    after(async () => {
      try {
        await noteSignInDevice({ tenantId: workspace.id, userId, deviceToken, ...meta, locale });
      } catch (error) {
        logError("signin:device", error);
      }
    });
    destination = result.restriction === "password-change" ? `/${slug}/change-password` : safeReturnPath(slug, parsed.data.next);
  } catch (error) {
    unstable_rethrow(error);
    logError("signin", error);
    return formError(formData, "generic");
  }
  redirect(destination);
}
