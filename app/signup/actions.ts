"use server";
import { redirect, unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import { signUpSchema } from "@/lib/validation/forms";
import { fieldError, formError, invalid, type FormState } from "@/lib/forms/form-state";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { startSession } from "@/lib/auth/start-session";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  const input = parsed.data;
  try {
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
