"use server";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { acceptInvitationSchema } from "@/lib/validation/forms";
import { formError, passwordProblems } from "@/lib/forms/form-state";
import { acceptInvitation } from "@/lib/dal/invitations/accept-invitation";
import { readSessionToken, setSessionCookie } from "@/lib/auth/session-cookie-store";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { publicAction } from "@/lib/actions/public-action";

export const acceptInvitationAction = publicAction(
  { bound: ["slug"], schema: acceptInvitationSchema, logAs: "accept-invitation" },
  async (input, { slug, meta, formData }) => {
    const result = await acceptInvitation({ slug, ...input, locale: await getLocale() }, meta);
    if (!result.ok) {
      return result.reason === "passwordPolicy"
        ? passwordProblems(formData, "password", result.problems)
        : formError(formData, `invitation_${result.reason}`);
    }
    const previous = await readSessionToken();
    if (previous) await revokeSessionByToken(previous, "replaced");
    await setSessionCookie(result.token, result.maxAgeSeconds);
    redirect(`/${slug}`);
  },
);
