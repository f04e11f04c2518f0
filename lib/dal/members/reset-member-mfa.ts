import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { canManageMember } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/auth/audit";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { isLocale } from "@/lib/i18n/locales";
import { logError } from "@/lib/log";

export type ResetMfaResult =
  | { ok: true; removed: { totp: boolean; recoveryCodes: number; phone: boolean; passkeys: number; rememberedDevices: number }; sessionsRevoked: number }
  | { ok: false; reason: "notFound" | "notAllowed" | "self" };

/**
 * An Owner or Admin resets another member's second factors (they lost their phone and their
 * recovery codes): the authenticator app, recovery codes, phone, passkeys and remembered devices
 * go, every session of the member ends, and the member is emailed. Everything is removed in one
 * transaction through the workspace-scoped client. Audited as mfa.reset_by_admin with counts.
 * Not for oneself: one's own factors are managed on the security page (with a fresh second factor).
 */
export async function resetMemberMfa(ctx: MemberContext, userId: string, meta: RequestMeta, now = new Date()): Promise<ResetMfaResult> {
  const db = authorize(ctx, "members.deactivate");
  if (userId === ctx.user.id) return { ok: false, reason: "self" };
  const target = await db.user.findFirst({ where: { id: userId }, select: { id: true, role: true, email: true, locale: true } });
  if (!target) return { ok: false, reason: "notFound" };
  if (!canManageMember(ctx.role, target.role)) return { ok: false, reason: "notAllowed" };

  const [totp, recoveryCodes, phone, passkeys, rememberedDevices, sessions] = await db.$transaction([
    db.totpFactor.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.phoneFactor.deleteMany({ where: { userId } }),
    db.passkey.deleteMany({ where: { userId } }),
    db.rememberedDevice.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
    db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: "mfa-reset" } }),
    // Codes in flight are worthless once the phone is gone.
    db.smsCode.deleteMany({ where: { userId } }),
    db.emailCodeFactor.deleteMany({ where: { userId } }),
    db.emailCode.deleteMany({ where: { userId } }),
  ]);
  const removed = { totp: totp.count > 0, recoveryCodes: recoveryCodes.count, phone: phone.count > 0, passkeys: passkeys.count, rememberedDevices: rememberedDevices.count };
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "mfa.reset_by_admin",
    actorUserId: ctx.user.id,
    targetUserId: userId,
    ...meta,
    data: { ...removed, sessionsRevoked: sessions.count },
  });
  try {
    await sendEmail({
      to: target.email,
      locale: isLocale(target.locale) ? target.locale : "en",
      tenantId: ctx.tenant.id,
      template: {
        name: "mfa-reset",
        data: { workspaceName: ctx.tenant.name, adminName: ctx.user.name, resetAt: now, signInUrl: `${appUrl()}/${ctx.tenant.slug}/login` },
      },
    });
  } catch (error) {
    // The reset stands; the audit log has it even when the email provider is down.
    logError("mfa-reset:email", error);
  }
  return { ok: true, removed, sessionsRevoked: sessions.count };
}
