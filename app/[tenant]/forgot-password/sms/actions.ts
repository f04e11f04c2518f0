"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { forgotPasswordSchema, smsResetCodeSchema, smsResetPasswordSchema } from "@/lib/validation/recovery";
import { fieldError, formError, passwordProblems, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import {
  checkSmsResetCode,
  completeSmsPasswordReset,
  emailResetLinkInstead,
  requestSmsPasswordReset,
  smsPasswordResetEnabled,
} from "@/lib/auth/sms-password-reset";
import { clearSmsResetCookie, readSmsResetCookie, setSmsResetCookie } from "@/lib/auth/sms-reset-cookie";
import { logError } from "@/lib/log";
import { publicAction } from "@/lib/actions/public-action";

/**
 * The one answer to every accepted request, whether or not the username names a member with a
 * verified phone: the lookup, the row and the text all happen in after(), so neither the answer
 * nor its timing tells them apart. Nothing typed is echoed back (the page keeps the username).
 */
const CODE_REQUESTED: FormState = { status: "success", fieldErrors: {}, values: {} };

export const requestSmsResetCodeAction = publicAction(
  {
    bound: ["slug"],
    schema: forgotPasswordSchema,
    logAs: "forgot-password:sms",
    // Always required: this form sends a text to whoever an attacker names.
    captcha: { missingKey: "smsReset.captchaRequired" },
  },
  async ({ username }, { slug, meta, formData }) => {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return { ...CODE_REQUESTED };
    // A workspace-wide switch: saying so tells nothing about any account.
    if (!(await smsPasswordResetEnabled(workspace.id))) return formError(formData, "smsReset.disabled");
    after(async () => {
      try {
        await requestSmsPasswordReset({ tenantId: workspace.id, username, ...meta });
      } catch (error) {
        logError("forgot-password:sms", error);
      }
    });
    return { ...CODE_REQUESTED };
  },
);

export const checkSmsResetCodeAction = publicAction(
  { bound: ["slug"], schema: smsResetCodeSchema, logAs: "forgot-password:sms-code" },
  async ({ username, code }, { slug, formData }) => {
    const workspace = await findWorkspaceBySlug(slug);
    // An unknown workspace has no codes: the same answer as a wrong code.
    if (!workspace) return fieldError(formData, "code", "smsReset.code_invalid");
    const result = await checkSmsResetCode({ tenantId: workspace.id, username, code });
    if (!result.ok) {
      if (result.reason === "disabled") return formError(formData, "smsReset.disabled");
      return fieldError(formData, "code", `smsReset.code_${result.reason}`);
    }
    await setSmsResetCookie(result.ticket);
    redirect(`/${slug}/forgot-password/sms/new-password`);
  },
);

export const completeSmsResetAction = publicAction(
  { bound: ["slug"], schema: smsResetPasswordSchema, logAs: "forgot-password:sms-complete" },
  async ({ password, proofKind, proofCode }, { slug, meta, formData }) => {
    const result = await completeSmsPasswordReset({
      slug,
      ticket: await readSmsResetCookie(),
      newPassword: password,
      proof: proofKind && proofCode ? { kind: proofKind, code: proofCode } : null,
      ...meta,
      defer: (task) => after(task),
    });
    if (!result.ok) {
      // Every reason the policy refused the password, next to the field; the ticket stays usable.
      if (result.reason === "password") return passwordProblems(formData, "password", result.problems);
      if (result.reason === "proof-required" || result.reason === "proof-invalid") return fieldError(formData, "proofCode", `smsReset.${result.reason}`);
      return formError(formData, `smsReset.ticket_${result.reason}`);
    }
    await clearSmsResetCookie();
    // No session: the member signs in with the new password (and their second factor) as usual.
    redirect(`/${slug}/login?reason=password-reset`);
  },
);

// A button with no fields: the ticket is in the cookie.
export const emailResetLinkInsteadAction = publicAction(
  { bound: ["slug"], schema: z.object({}), logAs: "forgot-password:sms-email-link" },
  async (_input, { slug, meta, formData }) => {
    const result = await emailResetLinkInstead({ slug, ticket: await readSmsResetCookie(), ...meta });
    if (!result.ok) return formError(formData, `smsReset.ticket_${result.reason}`);
    // The cookie stays until it expires (its ticket is spent): changing cookies in an action makes
    // Next.js render the page again, which would replace the "check your email" message.
    return { status: "success", fieldErrors: {}, values: {}, result: { email: result.email } };
  },
);
