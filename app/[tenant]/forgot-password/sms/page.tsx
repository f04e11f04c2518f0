import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { SmsResetRequestForm } from "@/components/recovery/sms-reset-forms";
import { BackToSignIn } from "@/components/recovery/recovery-parts";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { smsPasswordResetEnabled } from "@/lib/auth/sms-password-reset";
import { mailboxHref } from "@/lib/config";
import { checkSmsResetCodeAction, requestSmsResetCodeAction } from "./actions";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery.sms"))("title") };
}

export default async function SmsPasswordResetPage({ params }: Props) {
  const { tenant: slug } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  // Turned off by the workspace's admins: the page is not there (the actions refuse too).
  if (!workspace || !(await smsPasswordResetEnabled(workspace.id))) notFound();
  const t = await getTranslations("recovery.sms");
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead", { workspace: workspace.name })} />
        <SmsResetRequestForm
          requestAction={requestSmsResetCodeAction.bind(null, slug)}
          codeAction={checkSmsResetCodeAction.bind(null, slug)}
          mailboxHref={mailboxHref()}
        />
        <p className="mt-6 text-sm">
          <Link href={`/${slug}/forgot-password`} className="font-semibold text-brand-700 underline underline-offset-2 dark:text-brand-300">
            {t("emailChoice")}
          </Link>
        </p>
      </Card>
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
