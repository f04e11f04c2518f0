"use server";
import { redirect, unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import { acceptInvitationSchema } from "@/lib/validation/forms";
import { formError, invalid, passwordProblems, type FormState } from "@/lib/forms/form-state";
import { acceptInvitation } from "@/lib/dal/invitations/accept-invitation";
import { readSessionToken, setSessionCookie } from "@/lib/auth/session-cookie-store";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

async function acceptInvitationAsNewMember(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = acceptInvitationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  try {
    const result = await acceptInvitation({ slug, ...parsed.data, locale: await getLocale() }, await requestInfo());
    if (!result.ok) {
      return result.reason === "passwordPolicy"
        ? passwordProblems(formData, "password", result.problems)
        : formError(formData, `invitation_${result.reason}`);
    }
    const previous = await readSessionToken();
    if (previous) await revokeSessionByToken(previous, "replaced");
    await setSessionCookie(result.token, result.maxAgeSeconds);
  } catch (error) {
    unstable_rethrow(error);
    logError("accept-invitation", error);
    return formError(formData, "generic");
  }
  redirect(`/${slug}`);
}

export const acceptInvitationAction = signInLikeAction(acceptInvitationAsNewMember);
