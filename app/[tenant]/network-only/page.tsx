import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { CLIENT_IP_HEADER } from "@/lib/auth/request-info-header";
import { currentSession } from "@/lib/auth/current-member";
import { signOutAction } from "@/lib/actions/sign-out-action";
import { buttonStyles } from "@/components/ui/button-styles";

// Where members and sign-in attempts from outside a workspace's allowed networks are sent.
export default async function NetworkOnlyPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const [t, h, member] = await Promise.all([getTranslations("security"), headers(), currentSession()]);
  return (
    <PublicShell>
      <Card>
        <div role="alert">
          <PageHeader title={t("networkOnlyTitle")} lead={t("networkOnlyBody", { workspace: workspace.name, ip: h.get(CLIENT_IP_HEADER) ?? "?" })} />
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("networkOnlyHelp")}</p>
        {member?.tenant.id === workspace.id ? (
          <form action={signOutAction.bind(null, slug)} className="mt-6">
            <button type="submit" className={buttonStyles.secondary}>
              {t("signOut")}
            </button>
          </form>
        ) : null}
      </Card>
    </PublicShell>
  );
}
