import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { BackToSignIn, LinkProblem } from "@/components/recovery/recovery-parts";
import { LinkSignInForm } from "@/components/email-link/link-sign-in-form";
import { tokenFromParam } from "@/lib/auth/token-param";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { lookUpEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { signInWithLinkAction } from "./actions";

type Props = { params: Promise<{ tenant: string; token: string }>; searchParams: Promise<{ next?: string }> };

// The token is in the URL: never send it onwards in a Referer header, never index the page.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const workspace = await findWorkspaceBySlug((await params).tenant);
  const t = await getTranslations("emailLink");
  return { title: t("pageTitle", { workspace: workspace?.name ?? "" }), referrer: "no-referrer", robots: { index: false } };
}

/**
 * Where an emailed sign-in link lands. Opening it (a GET, which mail scanners also do) changes
 * nothing; the button POSTs and only that uses the link (app/[tenant]/login/link/[token]/actions.ts).
 */
export default async function SignInLinkPage({ params, searchParams }: Props) {
  const { tenant: slug, token: tokenParam } = await params;
  const { next } = await searchParams;
  // The page asked for before the link was requested; only a page of this workspace.
  const returnTo = safeReturnPath(slug, typeof next === "string" ? next : null);
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const [t, format] = await Promise.all([getTranslations("emailLink"), getFormatter()]);
  const link = await lookUpEmailSignInLink(slug, tokenFromParam(tokenParam));

  return (
    <PublicShell>
      {link.status === "valid" ? (
        <Card>
          <PageHeader title={t("pageTitle", { workspace: workspace.name })} lead={t("pageLead", { workspace: workspace.name })} />
          <LinkSignInForm action={signInWithLinkAction.bind(null, slug, tokenParam, returnTo)} slug={slug} workspaceName={workspace.name} />
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            {t("pageExpires", { time: format.relativeTime(link.expiresAt) })}
          </p>
        </Card>
      ) : (
        <LinkProblem
          testId={`sign-in-link-${link.status}`}
          title={t(`problems.${link.status}Title`)}
          body={t(`problems.${link.status}Body`)}
          actionHref={`/${slug}/login#email-link`}
          actionLabel={t("requestAnother")}
        />
      )}
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
