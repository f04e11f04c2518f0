"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { resetPasswordSchema } from "@/lib/validation/recovery";
import { formError, passwordProblems } from "@/lib/forms/form-state";
import { completePasswordReset } from "@/lib/auth/complete-password-reset";
import { publicAction } from "@/lib/actions/public-action";

export const completePasswordResetAction = publicAction(
  { bound: ["slug", "token"], schema: resetPasswordSchema, logAs: "reset-password" },
  async ({ password }, { slug, token, meta, formData }) => {
    const result = await completePasswordReset({ slug, token, newPassword: password, ...meta, defer: (task) => after(task) });
    if (!result.ok) {
      // Every reason the policy refused the password, next to the field; the link stays usable.
      if (result.reason === "password") return passwordProblems(formData, "password", result.problems);
      return formError(formData, `resetLink_${result.reason}`);
    }
    // No session: the member signs in with the new password (and any second factor) as usual.
    redirect(`/${slug}/login?reason=password-reset`);
  },
);
