import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { lookUpInvitation } from "@/lib/dal/invitations/accept-invitation";
import { tokenFromParam } from "@/lib/auth/token-param";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { policyFromSecurityPolicy } from "@/lib/auth/password-policy/policy";
import { acceptInvitationAction } from "./actions";

type Props = { params: Promise<{ tenant: string; token: string }> };

export const metadata: Metadata = { referrer: "no-referrer" };

export default async function AcceptInvitationPage({ params }: Props) {
  const { tenant: slug, token: tokenParam } = await params;
  const token = tokenFromParam(tokenParam);
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations();
  const invitation = await lookUpInvitation(slug, token);

  if (invitation.status !== "valid") {
    return (
      <PublicShell>
        <Card>
          <div data-testid={`invitation-${invitation.status}`}>
            <PageHeader title={t(`invite.${invitation.status}Title`)} lead={t(`invite.${invitation.status}Body`)} />
          </div>
          <Link href={`/${slug}/login`} className={`${buttonStyles.primary} w-full`}>
            {t("invite.goToLogin")}
          </Link>
        </Card>
      </PublicShell>
    );
  }
  const policy = policyFromSecurityPolicy(await getSecurityPolicy(invitation.tenantId));
  return (
    <PublicShell>
      <Card>
        <PageHeader
          title={t("invite.title", { workspace: invitation.workspaceName })}
          lead={t("invite.lead", { role: t(`roles.${invitation.role}`) })}
        />
        <AcceptInvitationForm
          action={acceptInvitationAction.bind(null, slug)}
          token={token}
          email={invitation.email}
          policy={policy}
          context={{ workspaceName: invitation.workspaceName, workspaceSlug: slug, email: invitation.email, employeeNumber: invitation.employeeNumber }}
        />
      </Card>
    </PublicShell>
  );
}
