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
import { smsPasswordResetEnabled } from "@/lib/auth/sms-password-reset";
import Link from "next/link";
import { buttonStyles } from "@/components/ui/button-styles";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("forgotTitle") };
}

export default async function ForgotPasswordPage({ params }: Props) {
  const { tenant: slug } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations("recovery");
  const tSms = await getTranslations("recovery.sms");
  // The same for every visitor: whether the workspace offers it, never whether an account has a phone.
  const smsOffered = await smsPasswordResetEnabled(workspace.id);
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("forgotTitle")} lead={t("forgotLead", { workspace: workspace.name })} />
        <ForgotPasswordForm action={requestPasswordResetAction.bind(null, slug)} mailboxHref={mailboxHref()} />
        {smsOffered ? (
          <div className="mt-6 border-t border-slate-200 pt-6 text-sm dark:border-slate-700">
            <p className="text-slate-600 dark:text-slate-400">{tSms("choiceLead")}</p>
            <Link href={`/${slug}/forgot-password/sms`} className={`${buttonStyles.secondary} mt-3 w-full`} data-testid="sms-reset-choice">
              {tSms("choice")}
            </Link>
          </div>
        ) : null}
      </Card>
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
