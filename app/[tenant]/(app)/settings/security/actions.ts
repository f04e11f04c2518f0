"use server";
import { revalidatePath } from "next/cache";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { passwordPolicyFormSchema, sessionPolicySchema, signInProtectionSchema } from "@/lib/validation/security-policy";
import { serverIpAllowlistSchema, type UpdateSettingsResult } from "@/lib/dal/security-policy/shared";
import { updatePasswordPolicy } from "@/lib/dal/security-policy/update-password-policy";
import { updateSignInProtection } from "@/lib/dal/security-policy/update-sign-in-protection";
import { updateSessionPolicy } from "@/lib/dal/security-policy/update-session-policy";
import { updateIpAllowlist } from "@/lib/dal/security-policy/update-ip-allowlist";
import { updateMfaPolicy } from "@/lib/dal/security-policy/update-mfa-policy";
import { needsReverification } from "@/lib/auth/reverify";
import { mfaPolicySchema } from "@/lib/validation/mfa-policy";
import { formError } from "@/lib/forms/form-state";

// The four forms of the workspace security settings page. memberAction checks the session, the
// network, the permission (Owners and Admins) and the schema; the DAL checks the permission and
// validates again, writes all of a section or nothing, and audits what changed.

/** The form's state after the DAL answered. On success `values` holds what was saved, as the form's strings. */
function outcome(slug: string, formData: FormData, result: UpdateSettingsResult, saved: Record<string, string | number | boolean>): FormState {
  if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) };
  revalidatePath(`/${slug}/settings/security`);
  const values = Object.fromEntries(
    Object.entries(saved).map(([key, value]) => [key, typeof value === "boolean" ? (value ? "on" : "") : String(value)]),
  );
  return { status: "success", fieldErrors: {}, message: Object.keys(result.changes).length > 0 ? "saved" : "unchanged", values };
}

// Every save here is a sensitive action: a member whose last proof of identity is older than ten
// minutes is refused (what they typed stays in the form) and the page offers "Confirm it's you".
const REVERIFY = (formData: FormData) => formError(formData, "reverifyRequired");

export const savePasswordPolicyAction = memberAction(passwordPolicyFormSchema, "workspace.manageSettings", async (input, ctx, { formData, ...meta }) =>
  (await needsReverification(ctx)) ? REVERIFY(formData) : outcome(ctx.tenant.slug, formData, await updatePasswordPolicy(ctx, input, meta), input),
);

export const saveSignInProtectionAction = memberAction(signInProtectionSchema, "workspace.manageSettings", async (input, ctx, { formData, ...meta }) =>
  (await needsReverification(ctx)) ? REVERIFY(formData) : outcome(ctx.tenant.slug, formData, await updateSignInProtection(ctx, input, meta), input),
);

export const saveSessionPolicyAction = memberAction(sessionPolicySchema, "workspace.manageSettings", async (input, ctx, { formData, ...meta }) =>
  (await needsReverification(ctx)) ? REVERIFY(formData) : outcome(ctx.tenant.slug, formData, await updateSessionPolicy(ctx, input, meta), input),
);

export const saveMfaPolicyAction = memberAction(mfaPolicySchema, "workspace.manageSettings", async (input, ctx, { formData, ...meta }) =>
  (await needsReverification(ctx)) ? REVERIFY(formData) : outcome(ctx.tenant.slug, formData, await updateMfaPolicy(ctx, input, meta), input),
);

export const saveIpAllowlistAction = memberAction(serverIpAllowlistSchema, "workspace.manageSettings", async (input, ctx, { formData, ...meta }) => {
  if (await needsReverification(ctx)) return REVERIFY(formData);
  // The schema already normalised the list; the DAL validates it again and checks the admin's own address.
  const text = input.ipAllowlist.join("\n");
  return outcome(ctx.tenant.slug, formData, await updateIpAllowlist(ctx, { ipAllowlist: text }, meta), { ipAllowlist: text });
});
