import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { recordAuditEvent } from "@/lib/auth/audit";
import { INVITATION_TTL_MS, trySendInvitationEmail } from "./invite-member";

/** Sends a fresh link (the old one stops working) with a new 7-day expiry. */
export async function resendInvitation(ctx: MemberContext, invitationId: string, locale: string, meta: RequestMeta) {
  const db = authorize(ctx, "members.invite");
  const token = generateToken(32);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const updated = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { tokenHash: hashToken(token), expiresAt },
  });
  if (updated.count === 0) return { ok: false as const, reason: "invitationNotOpen" as const };
  const invitation = await db.invitation.findFirstOrThrow({ where: { id: invitationId } });
  const sent = await trySendInvitationEmail(ctx, { email: invitation.email, role: invitation.role, token, expiresAt, locale });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.invitation_resent",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { email: invitation.email, invitationId },
  });
  return sent ? { ok: true as const, email: invitation.email } : { ok: false as const, reason: "emailFailed" as const };
}

export async function revokeInvitation(ctx: MemberContext, invitationId: string, meta: RequestMeta) {
  const db = authorize(ctx, "members.invite");
  const updated = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (updated.count === 0) return { ok: false as const, reason: "invitationNotOpen" as const };
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.invitation_revoked",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { invitationId },
  });
  return { ok: true as const };
}
