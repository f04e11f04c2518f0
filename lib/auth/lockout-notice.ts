import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { isLocale } from "@/lib/i18n/locales";

/** Tells the real owner of a locked account what happened and how to get back in. */
export async function notifyAccountLocked(input: {
  tenantId: string;
  userId: string;
  lockedUntil: Date | null;
  attemptedAt: Date;
  ip: string | null;
  userAgent: string | null;
}) {
  const user = await tenantDb(input.tenantId).user.findUnique({
    where: { tenantId_id: { tenantId: input.tenantId, id: input.userId } },
    include: { tenant: true },
  });
  if (!user) return;
  await sendEmail({
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : "en",
    tenantId: input.tenantId,
    template: {
      name: "account-locked",
      data: {
        workspaceName: user.tenant.name,
        lockedUntil: input.lockedUntil,
        attemptedAt: input.attemptedAt,
        ip: input.ip,
        device: input.userAgent,
        resetUrl: `${appUrl()}/${user.tenant.slug}/forgot-password`,
      },
    },
  });
}
