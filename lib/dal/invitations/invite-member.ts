import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { assignableRoles } from "@/lib/auth/permissions";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { recordAuditEvent } from "@/lib/auth/audit";
import { EmailDeliveryError, sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { translatorFor } from "@/lib/i18n/translator";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantDb } from "@/lib/db/tenant-db";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteResult =
  | { ok: true; invitationId: string }
  | { ok: false; reason: "roleNotAllowed" | "alreadyMember" | "employeeNumberTaken" | "emailFailed" };

export async function inviteMember(
  ctx: MemberContext,
  input: { email: string; role: Role; employeeNumber: string | null; locale: string },
  meta: RequestMeta,
): Promise<InviteResult> {
  const db = authorize(ctx, "members.invite");
  if (!assignableRoles(ctx.role).includes(input.role)) return { ok: false, reason: "roleNotAllowed" };
  if (await db.user.findFirst({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, reason: "alreadyMember" };
  }
  if (input.employeeNumber && (await employeeNumberInUse(db, input.employeeNumber))) {
    return { ok: false, reason: "employeeNumberTaken" };
  }
  const token = generateToken(32);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitation = await db.$transaction(async (tx) => {
    // One open invitation per address: inviting again replaces the earlier link.
    await tx.invitation.updateMany({
      where: { tenantId: ctx.tenant.id, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return tx.invitation.create({
      data: {
        tenantId: ctx.tenant.id,
        email: input.email,
        role: input.role,
        employeeNumber: input.employeeNumber,
        tokenHash: hashToken(token),
        invitedById: ctx.user.id,
        expiresAt,
      },
    });
  });
  const sent = await trySendInvitationEmail(ctx, { email: input.email, role: input.role, token, expiresAt, locale: input.locale });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.invited",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { email: input.email, role: input.role, invitationId: invitation.id },
  });
  // The invitation stands either way; when the provider refused the email, the admin is told and
  // can use "Resend" once it is reachable again.
  return sent ? { ok: true, invitationId: invitation.id } : { ok: false, reason: "emailFailed" };
}

/** False when the email provider refused or stayed unreachable (already recorded as failed). */
export async function trySendInvitationEmail(ctx: MemberContext, input: Parameters<typeof sendInvitationEmail>[1]) {
  try {
    await sendInvitationEmail(ctx, input);
    return true;
  } catch (error) {
    if (error instanceof EmailDeliveryError) return false;
    throw error;
  }
}

/** In use by a member or an open invitation, whatever the case it was typed in. */
async function employeeNumberInUse(db: TenantDb, employeeNumber: string) {
  const employeeNumberKey = employeeNumber.toLowerCase();
  const [member, invited] = await Promise.all([
    db.user.findFirst({ where: { employeeNumberKey }, select: { id: true } }),
    db.invitation.findFirst({
      where: { employeeNumberKey, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    }),
  ]);
  return Boolean(member || invited);
}

export async function sendInvitationEmail(
  ctx: MemberContext,
  input: { email: string; role: Role; token: string; expiresAt: Date; locale: string },
) {
  const { locale, t } = translatorFor(input.locale);
  await sendEmail({
    to: input.email,
    locale,
    tenantId: ctx.tenant.id,
    template: {
      name: "invitation",
      data: {
        workspaceName: ctx.tenant.name,
        inviterName: ctx.user.name,
        role: t(`roles.${input.role}`),
        acceptUrl: `${appUrl()}/${ctx.tenant.slug}/invite/${input.token}`,
        expiresAt: input.expiresAt,
      },
    },
  });
}
