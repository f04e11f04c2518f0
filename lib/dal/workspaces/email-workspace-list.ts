import "server-only";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/config";
import { findWorkspacesByEmail } from "./find-workspaces-by-email";
import { isLocale } from "@/lib/i18n/locales";

/** Emails the login links of every workspace this address belongs to; nothing when there are none. */
export async function emailWorkspaceList(email: string, locale: string): Promise<number> {
  const workspaces = await findWorkspacesByEmail(email);
  if (workspaces.length === 0) return 0;
  await sendEmail({
    to: email,
    locale: isLocale(locale) ? locale : "en",
    tenantId: null,
    template: {
      name: "find-workspaces",
      data: { workspaces: workspaces.map((w) => ({ name: w.name, loginUrl: `${appUrl()}/${w.slug}/login` })) },
    },
  });
  return workspaces.length;
}
