import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { ForgotPasswordForm } from "@/components/recovery/forgot-password-form";
import { BackToSignIn } from "@/components/recovery/recovery-parts";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { requestPasswordResetAction } from "./actions";
import { mailboxHref } from "@/lib/config";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("forgotTitle") };
}

export default async function ForgotPasswordPage({ params }: Props) {
  const { tenant: slug } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations("recovery");
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("forgotTitle")} lead={t("forgotLead", { workspace: workspace.name })} />
        <ForgotPasswordForm action={requestPasswordResetAction.bind(null, slug)} mailboxHref={mailboxHref()} />
      </Card>
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
