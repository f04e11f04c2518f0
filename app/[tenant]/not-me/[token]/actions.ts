"use server";
import { unstable_rethrow } from "next/navigation";
import { formError, type FormState } from "@/lib/forms/form-state";
import { confirmNotMe } from "@/lib/auth/not-me";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

// A POST from the confirmation page's button: opening the emailed link (a GET, which mail
// scanners also do) changes nothing.
async function confirmNotMeLink(slug: string, token: string, _prev: FormState, formData: FormData): Promise<FormState> {
  try {
    // Every session of the member is revoked, this browser's included if it was signed in as them.
    const result = await confirmNotMe({ slug, token, ...(await requestInfo()) });
    if (!result.ok) return formError(formData, `notMeLink_${result.reason}`);
    // The page lists what was removed, as the email does.
    const { passkeys, authenticatorApp, phone, recoveryCodes, emailCodes } = result.removed;
    return { status: "success", fieldErrors: {}, values: {}, result: { passkeys, authenticatorApp, phone, recoveryCodes, emailCodes } };
  } catch (error) {
    unstable_rethrow(error);
    logError("not-me", error);
    return formError(formData, "generic");
  }
}

export const confirmNotMeAction = signInLikeAction(confirmNotMeLink);
