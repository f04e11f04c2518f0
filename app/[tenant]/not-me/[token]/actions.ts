"use server";
import { z } from "zod";
import { formError } from "@/lib/forms/form-state";
import { confirmNotMe } from "@/lib/auth/not-me";
import { publicAction } from "@/lib/actions/public-action";

// A POST from the confirmation page's button (no fields): opening the emailed link (a GET, which
// mail scanners also do) changes nothing.
export const confirmNotMeAction = publicAction(
  { bound: ["slug", "token"], schema: z.object({}), logAs: "not-me" },
  async (_input, { slug, token, meta, formData }) => {
    // Every session of the member is revoked, this browser's included if it was signed in as them.
    const result = await confirmNotMe({ slug, token, ...meta });
    if (!result.ok) return formError(formData, `notMeLink_${result.reason}`);
    // The page lists what was removed, as the email does.
    const { passkeys, authenticatorApp, phone, recoveryCodes, emailCodes } = result.removed;
    return { status: "success", fieldErrors: {}, values: {}, result: { passkeys, authenticatorApp, phone, recoveryCodes, emailCodes } };
  },
);
