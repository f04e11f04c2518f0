import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { EmailWorkspacesForm, GoToWorkspaceForm } from "@/components/auth/find-workspace-forms";
import { appUrl, mailboxHref } from "@/lib/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("findWorkspace"))("title") };
}

export default async function FindWorkspacePage() {
  const t = await getTranslations("findWorkspace");
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead")} />
        <GoToWorkspaceForm origin={appUrl().replace(/^https?:\/\//, "")} />
        <div className="my-6 flex items-center gap-3 text-sm text-slate-500 dark:text-slate-400" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
          {t("or")}
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
        </div>
        <EmailWorkspacesForm mailboxHref={mailboxHref()} />
      </Card>
      <p className="mt-6 text-center text-sm">
        <Link href="/signup" className="font-semibold text-brand-700 underline dark:text-brand-300">
          {t("createInstead")}
        </Link>
      </p>
    </PublicShell>
  );
}
