import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { NotMeForm } from "@/components/recovery/not-me-form";
import { BackToSignIn, LinkProblem } from "@/components/recovery/recovery-parts";
import { tokenFromParam } from "@/lib/auth/token-param";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { lookUpNotMeToken } from "@/lib/auth/not-me";
import { confirmNotMeAction } from "./actions";

type Props = { params: Promise<{ tenant: string; token: string }> };

// The token is in the URL: never send it onwards in a Referer header.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("notMeTitle"), referrer: "no-referrer", robots: { index: false } };
}

/** Only shows what confirming would do; the change happens when the button is pressed (a POST). */
export default async function NotMePage({ params }: Props) {
  const { tenant: slug, token: tokenParam } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations("recovery");
  const token = tokenFromParam(tokenParam);
  const link = await lookUpNotMeToken(slug, token);
  const problem = { expired: "notMeExpired", used: "notMeUsed", unknown: "notMeUnknown" } as const;

  return (
    <PublicShell>
      {link.status === "valid" ? (
        <Card>
          <PageHeader title={t("notMeTitle")} />
          <NotMeForm action={confirmNotMeAction.bind(null, slug, token)} workspaceName={link.workspaceName} />
        </Card>
      ) : (
        <LinkProblem
          testId={`not-me-link-${link.status}`}
          title={t(`${problem[link.status]}Title`)}
          body={t(`${problem[link.status]}Body`)}
          actionHref={`/${slug}/forgot-password`}
          actionLabel={t("resetNow")}
        />
      )}
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
