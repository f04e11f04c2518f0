import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { ResetPasswordForm } from "@/components/recovery/reset-password-form";
import { BackToSignIn, LinkProblem } from "@/components/recovery/recovery-parts";
import { tokenFromParam } from "@/lib/auth/token-param";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { lookUpPasswordResetToken } from "@/lib/auth/reset-links";
import { completePasswordResetAction } from "./actions";

type Props = { params: Promise<{ tenant: string; token: string }> };

// The token is in the URL: never send it onwards in a Referer header.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("resetTitle"), referrer: "no-referrer", robots: { index: false } };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { tenant: slug, token: tokenParam } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations("recovery");
  const token = tokenFromParam(tokenParam);
  const link = await lookUpPasswordResetToken(slug, token);

  return (
    <PublicShell>
      {link.status === "valid" ? (
        <Card>
          <PageHeader title={t("resetTitle")} lead={t("resetLead", { email: link.email, workspace: link.workspaceName })} />
          <ResetPasswordForm action={completePasswordResetAction.bind(null, slug, token)} email={link.email} policy={link.policy} context={link.context} />
        </Card>
      ) : (
        <LinkProblem
          testId={`reset-link-${link.status}`}
          title={t(`${link.status}Title`)}
          body={t(`${link.status}Body`)}
          actionHref={`/${slug}/forgot-password`}
          actionLabel={t("requestNewLink")}
        />
      )}
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
