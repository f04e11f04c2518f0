"use server";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { memberAction } from "@/lib/actions/member-action";
import { changeRoleSchema, invitationIdSchema, inviteMemberSchema, memberIdSchema } from "@/lib/validation/forms";
import { echoValues, fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { inviteMember } from "@/lib/dal/invitations/invite-member";
import { resendInvitation, revokeInvitation } from "@/lib/dal/invitations/manage-invitation";
import { changeMemberRole, deactivateMember, reactivateMember, type ManageResult } from "@/lib/dal/members/manage-member";
import { endMemberSessions, requireMemberPasswordReset, unlockMember } from "@/lib/dal/members/member-security";
import { resetMemberMfa } from "@/lib/dal/members/reset-member-mfa";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";

function done(ctxSlug: string, message: string, values: Record<string, string> = {}): FormState {
  revalidatePath(`/${ctxSlug}/members`);
  return { status: "success", fieldErrors: {}, message, values };
}

async function fromManageResult(slug: string, formData: FormData, result: ManageResult, message: string): Promise<FormState> {
  if (!result.ok) return formError(formData, result.reason);
  // An Owner who changed their own role carries on under a new session token (the old one is refused).
  if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
  return done(slug, message);
}

export const inviteMemberAction = memberAction(inviteMemberSchema, "members.invite", async (input, ctx, { formData, ...meta }) => {
  const result = await inviteMember(ctx, { ...input, locale: await getLocale() }, meta);
  if (!result.ok) {
    if (result.reason === "emailFailed") {
      revalidatePath(`/${ctx.tenant.slug}/members`);
      return formError(formData, "invitationEmailFailed");
    }
    const field = result.reason === "employeeNumberTaken" ? "employeeNumber" : result.reason === "roleNotAllowed" ? "role" : "email";
    return fieldError(formData, field, result.reason);
  }
  // The form is cleared for the next invitation; the message names who was invited.
  return done(ctx.tenant.slug, "invited", { invitedEmail: input.email, formKey: String(Date.now()) });
});

export const resendInvitationAction = memberAction(invitationIdSchema, "members.invite", async (input, ctx, { formData, ...meta }) => {
  const result = await resendInvitation(ctx, input.invitationId, await getLocale(), meta);
  if (!result.ok) return formError(formData, result.reason === "emailFailed" ? "invitationEmailFailed" : result.reason);
  return done(ctx.tenant.slug, "resent", { ...echoValues(formData), invitedEmail: result.email });
});

export const revokeInvitationAction = memberAction(invitationIdSchema, "members.invite", async (input, ctx, { formData, ...meta }) => {
  const result = await revokeInvitation(ctx, input.invitationId, meta);
  return result.ok ? done(ctx.tenant.slug, "revoked") : formError(formData, result.reason);
});

export const changeRoleAction = memberAction(changeRoleSchema, "members.changeRole", async (input, ctx, { formData, ...meta }) =>
  fromManageResult(ctx.tenant.slug, formData, await changeMemberRole(ctx, input.userId, input.role, meta), "roleChanged"),
);

export const deactivateMemberAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) =>
  fromManageResult(ctx.tenant.slug, formData, await deactivateMember(ctx, input.userId, meta), "deactivated"),
);

export const reactivateMemberAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) =>
  fromManageResult(ctx.tenant.slug, formData, await reactivateMember(ctx, input.userId, meta), "reactivated"),
);

export const unlockMemberAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) => {
  const result = await unlockMember(ctx, input.userId, meta);
  return result.ok ? done(ctx.tenant.slug, "unlocked") : formError(formData, result.reason);
});

export const endMemberSessionsAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) => {
  const result = await endMemberSessions(ctx, input.userId, meta);
  return result.ok ? done(ctx.tenant.slug, "sessionsEnded") : formError(formData, result.reason);
});

export const requireMemberPasswordResetAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) => {
  const result = await requireMemberPasswordReset(ctx, input.userId, meta);
  return result.ok ? done(ctx.tenant.slug, "newPasswordRequired") : formError(formData, result.reason);
});

export const resetMemberMfaAction = memberAction(memberIdSchema, "members.deactivate", async (input, ctx, { formData, ...meta }) => {
  const result = await resetMemberMfa(ctx, input.userId, meta);
  return result.ok ? done(ctx.tenant.slug, "mfaResetDone") : formError(formData, result.reason);
});
