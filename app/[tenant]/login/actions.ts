"use server";
import { redirect, unstable_rethrow } from "next/navigation";
import { signInSchema } from "@/lib/validation/forms";
import { formError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { readSessionToken, setLocaleCookie, setSessionCookie } from "@/lib/auth/session-cookie-store";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { requestInfo } from "@/lib/auth/request-info";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { logError } from "@/lib/log";

export async function signInAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  let destination: string;
  try {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return formError(formData, "invalidCredentials");
    const result = await signInWithPassword({
      tenantId: workspace.id,
      username: parsed.data.username,
      password: parsed.data.password,
      ...(await requestInfo()),
    });
    if (!result.ok) return formError(formData, "invalidCredentials");
    // A new session at every sign-in; whatever session this browser had before is ended.
    const previous = await readSessionToken();
    if (previous) await revokeSessionByToken(previous, "replaced");
    await setSessionCookie(result.token, result.maxAgeSeconds);
    await setLocaleCookie(result.user.locale);
    destination = safeReturnPath(slug, parsed.data.next);
  } catch (error) {
    unstable_rethrow(error);
    logError("signin", error);
    return formError(formData, "generic");
  }
  redirect(destination);
}
