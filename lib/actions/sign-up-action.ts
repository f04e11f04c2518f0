"use server";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { signUpSchema } from "@/lib/validation/forms";
import { fieldError, invalid, passwordProblems, withPasswordProblems } from "@/lib/forms/form-state";
import { checkPassword } from "@/lib/auth/password-policy/check-password.server";
import { RECOMMENDED_POLICY } from "@/lib/auth/password-policy/policy";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { startSession } from "@/lib/auth/start-session";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import { publicAction } from "@/lib/actions/public-action";

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

export const signUpAction = publicAction(
  {
    bound: [],
    schema: signUpSchema,
    logAs: "signup",
    // Every problem at once: the password's too, not only after the other fields are fixed.
    onInvalid: async (error, { formData }) => {
      const state = invalid(formData, error);
      return state.fieldErrors.password ? state : withPasswordProblems(state, "password", (await checkOwnerPassword(formData)).problems);
    },
    // Always on this form: creating workspaces is free, so scripts must pay in proof of work.
    captcha: {
      checkFirst: async (_input, { formData }) => {
        const check = await checkOwnerPassword(formData);
        return check.ok ? null : passwordProblems(formData, "password", check.problems);
      },
    },
  },
  async (input, { meta, formData }) => {
    const result = await createWorkspace({ ...input, locale: await getLocale() });
    if (!result.ok) {
      return fieldError(formData, "slug", "slugTaken", { slug: input.slug, suggestion: result.suggestion });
    }
    const session = await startSession({ tenant: result.tenant, userId: result.owner.id, method: "signup", ...meta });
    await setSessionCookie(session.token, session.maxAgeSeconds);
    redirect(`/${input.slug}`);
  },
);
