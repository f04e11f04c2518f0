import Link from "next/link";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { BrowserCheck } from "@/components/auth/browser-check";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { currentSession } from "@/lib/auth/current-member";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { PasskeySignIn } from "@/components/passkeys/passkey-sign-in";
import { EmailLinkRequest } from "@/components/email-link/email-link-request";
import { signInAction, signInCaptchaCheckAction } from "./actions";
import { requestSignInLinkAction } from "./email-link-actions";
import { mailboxHref } from "@/lib/config";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { listLoginConnections } from "@/lib/auth/sso/sso-required";
import { SsoSignIn } from "@/components/sso/sso-sign-in";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ next?: string; reason?: string; sso?: string; error?: string }> };

// Why a company sign-in came back to this page (lib/auth/sso/provider-callback.ts, complete-sign-in.ts).
const SSO_PROBLEMS = new Set([
  "connection-disabled",
  "not-linked",
  "link-required",
  "email-unverified",
  "domain-not-allowed",
  "hosted-domain",
  "directory",
  "corp",
  "no-email",
  "no-subject",
  "ticket",
  "blocked",
  "not-signed-in",
  "failed",
]);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const workspace = await findWorkspaceBySlug((await params).tenant);
  return { title: workspace ? (await getTranslations("signin"))("title", { workspace: workspace.name }) : undefined };
}

/** The refusal's sentence; a reason this build has no message for reads as the generic one. */
function ssoProblemText(t: Awaited<ReturnType<typeof getTranslations<"sso">>>, problem: string): string {
  const key = `problems.${problem}`;
  return isMessageKey(t, key) ? t(key) : t("problems.failed");
}

export default async function WorkspaceLoginPage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const { next, reason, sso, error } = await searchParams;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  // Only a page of this workspace; anything else (another site, another workspace) is its home.
  const returnTo = safeReturnPath(slug, typeof next === "string" ? next : null);
  const member = await currentSession();
  if (member?.tenant.id === workspace.id) redirect(returnTo);
  const [t, methods, ssoConnections] = await Promise.all([getTranslations("signin"), getMfaPolicy(workspace.id), listLoginConnections(workspace.id)]);
  // Auth.js itself sends a refused start (a missing CSRF token) here with ?error=<its error type>.
  const ssoProblem = typeof sso === "string" ? (SSO_PROBLEMS.has(sso) ? sso : "failed") : typeof error === "string" ? "failed" : null;
  const otherMethods = methods.allowPasskey || methods.allowEmailLink;
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title", { workspace: workspace.name })} />
        <BrowserCheck />
        {reason === "password-reset" ? (
          <div className="mb-5">
            <Notice tone="success">{(await getTranslations("signInHelp"))("passwordResetDone")}</Notice>
          </div>
        ) : null}
        {reason === "signed-out" ? (
          <div className="mb-5">
            <Notice tone="success">{t("signedOut")}</Notice>
          </div>
        ) : reason === "session" ? (
          <div className="mb-5">
            <Notice>{t("sessionEnded")}</Notice>
          </div>
        ) : null}
        {ssoProblem ? (
          <div className="mb-5" data-testid={`sso-problem-${ssoProblem}`}>
            <Notice tone="error">{ssoProblemText(await getTranslations("sso"), ssoProblem)}</Notice>
          </div>
        ) : null}
        {ssoConnections.length > 0 ? (
          <div className="mb-5">
            <SsoSignIn connections={ssoConnections.map(({ providerId, displayName, allowedDomains }) => ({ providerId, displayName, allowedDomains }))} next={returnTo} />
          </div>
        ) : null}
        {methods.allowPassword ? <SignInForm action={signInAction.bind(null, slug)} captchaCheck={signInCaptchaCheckAction.bind(null, slug)} next={returnTo} /> : null}
        {methods.allowPassword && otherMethods ? (
          <div className="my-5 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
            {(await getTranslations("passkeys"))("or")}
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          </div>
        ) : null}
        <div className="space-y-4">
          {methods.allowPasskey ? <PasskeySignIn slug={slug} workspaceName={workspace.name} next={returnTo} /> : null}
          {methods.allowEmailLink ? <EmailLinkRequest action={requestSignInLinkAction.bind(null, slug)} slug={slug} next={returnTo} mailboxHref={mailboxHref()} /> : null}
        </div>
        <div className="mt-5 flex flex-wrap justify-between gap-2 text-sm">
          <Link href={`/${slug}/forgot-password`} className="font-semibold text-brand-700 underline dark:text-brand-300">
            {(await getTranslations("signInHelp"))("forgotPassword")}
          </Link>
          <Link href={`/help/sign-in?workspace=${encodeURIComponent(slug)}`} className="font-semibold text-brand-700 underline dark:text-brand-300">
            {(await getTranslations("signInHelp"))("troubleSigningIn")}
          </Link>
        </div>
      </Card>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        {t("notYourWorkspace")}{" "}
        <Link href="/login" className="font-semibold text-brand-700 underline dark:text-brand-300">
          {t("findWorkspace")}
        </Link>
      </p>
    </PublicShell>
  );
}
