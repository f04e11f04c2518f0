"use server";
import { redirect, unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import { signUpSchema } from "@/lib/validation/forms";
import { fieldError, formError, invalid, passwordProblems, withPasswordProblems, type FormState } from "@/lib/forms/form-state";
import { checkPassword } from "@/lib/auth/password-policy/check-password.server";
import { RECOMMENDED_POLICY } from "@/lib/auth/password-policy/policy";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { startSession } from "@/lib/auth/start-session";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { captchaErrorKey, verifyCaptchaSolution } from "@/lib/auth/captcha";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** A new workspace starts on the recommended policy; its owner's password meets it too. */
function checkOwnerPassword(formData: FormData) {
  return checkPassword(text(formData, "password"), RECOMMENDED_POLICY, {
    workspaceName: text(formData, "companyName"),
    workspaceSlug: text(formData, "slug").trim().toLowerCase(),
    userName: text(formData, "ownerName"),
    email: text(formData, "email"),
  });
}

async function signUp(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    // Every problem at once: the password's too, not only after the other fields are fixed.
    const state = invalid(formData, parsed.error);
    return state.fieldErrors.password ? state : withPasswordProblems(state, "password", (await checkOwnerPassword(formData)).problems);
  }
  const input = parsed.data;
  try {
    const check = await checkOwnerPassword(formData);
    if (!check.ok) return passwordProblems(formData, "password", check.problems);
    // Always on this form: creating workspaces is free, so scripts must pay in proof of work.
    const verdict = await verifyCaptchaSolution(formData.get("captcha"));
    if (verdict !== "ok") return fieldError(formData, "captcha", captchaErrorKey(verdict));
    const result = await createWorkspace({ ...input, locale: await getLocale() });
    if (!result.ok) {
      return fieldError(formData, "slug", "slugTaken", { slug: input.slug, suggestion: result.suggestion });
    }
    const session = await startSession({
      tenant: result.tenant,
      userId: result.owner.id,
      method: "signup",
      ...(await requestInfo()),
    });
    await setSessionCookie(session.token, session.maxAgeSeconds);
  } catch (error) {
    unstable_rethrow(error);
    logError("signup", error);
    return formError(formData, "generic");
  }
  redirect(`/${input.slug}`);
}

export const signUpAction = signInLikeAction(signUp);
