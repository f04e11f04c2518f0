"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { mfaCodeSchema } from "@/lib/validation/mfa";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/dal/mfa/own-mfa";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";

// The forced-enrolment page's authenticator-app steps: the same DAL as the security page, but only
// for a session that owes exactly this step ("mfa-enrol"), and refreshing this page, not that one.

const ENROL = { allowRestricted: "mfa-enrol" } as const;

function enrolPath(slug: string) {
  return `/${slug}/login/enrol`;
}

export const startForcedTotpAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData }): Promise<FormState> => {
    const result = await startTotpEnrolment(ctx);
    if (!result.ok) return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.alreadyEnabled");
    revalidatePath(enrolPath(ctx.tenant.slug));
    return { status: "success", fieldErrors: {}, message: "totpStarted", values: {} };
  },
  ENROL,
);

export const confirmForcedTotpAction = memberAction(
  mfaCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }): Promise<FormState> => {
    const result = await confirmTotpEnrolment(ctx, input.code, meta);
    if (!result.ok) {
      if (result.reason === "invalid") return fieldError(formData, "code", "mfa.totpInvalid");
      return formError(formData, result.reason === "not-allowed" ? "mfa.totpNotAllowed" : "mfa.noEnrolment");
    }
    // The enrolment gave this session a new token (lib/auth/privilege-change.ts); it goes out with this answer.
    if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
    // Not revalidated: the recovery codes are shown once by the form; "I've saved them" comes back
    // to this page, which then lifts the restriction (lib/auth/mfa-enrolment.ts).
    return { status: "success", fieldErrors: {}, message: "totpEnabled", values: { recoveryCodes: result.recoveryCodes.join("\n") } };
  },
  ENROL,
);
