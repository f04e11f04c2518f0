"use server";
import { after } from "next/server";
import { redirect, unstable_rethrow } from "next/navigation";
import { resetPasswordSchema } from "@/components/recovery/schemas";
import { formError, invalid, passwordProblems, type FormState } from "@/lib/forms/form-state";
import { completePasswordReset } from "@/lib/auth/password-reset";
import { requestInfo } from "@/lib/auth/request-info";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

async function completeReset(slug: string, token: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  try {
    const result = await completePasswordReset({
      slug,
      token,
      newPassword: parsed.data.password,
      ...(await requestInfo()),
      defer: (task) => after(task),
    });
    if (!result.ok) {
      // Every reason the policy refused the password, next to the field; the link stays usable.
      if (result.reason === "password") return passwordProblems(formData, "password", result.problems);
      return formError(formData, `resetLink_${result.reason}`);
    }
  } catch (error) {
    unstable_rethrow(error);
    logError("reset-password", error);
    return formError(formData, "generic");
  }
  // No session: the member signs in with the new password (and any second factor) as usual.
  redirect(`/${slug}/login?reason=password-reset`);
}

export const completePasswordResetAction = signInLikeAction(completeReset);
