import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { EmailLinkInsteadForm, SmsNewPasswordForm } from "@/components/recovery/sms-reset-forms";
import { BackToSignIn, LinkProblem } from "@/components/recovery/recovery-parts";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { lookUpSmsResetTicket } from "@/lib/auth/sms-password-reset";
import { readSmsResetCookie } from "@/lib/auth/sms-reset-cookie";
import { mailboxHref } from "@/lib/config";
import { completeSmsResetAction, emailResetLinkInsteadAction } from "../actions";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery.sms"))("newPasswordTitle"), robots: { index: false } };
}

const PROBLEM_KEYS = {
  unknown: ["ticketUnknownTitle", "ticketUnknownBody"],
  expired: ["ticketExpiredTitle", "ticketExpiredBody"],
  used: ["ticketUsedTitle", "ticketUsedBody"],
} as const;

/** The new password after the texted code was right; the ticket is in an HttpOnly cookie, never in the URL. */
export default async function SmsNewPasswordPage({ params }: Props) {
  const { tenant: slug } = await params;
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) notFound();
  const t = await getTranslations("recovery.sms");
  const ticket = await lookUpSmsResetTicket(slug, await readSmsResetCookie());

  if (ticket.status !== "valid") {
    const [title, body] = PROBLEM_KEYS[ticket.status];
    return (
      <PublicShell>
        <LinkProblem testId={`sms-reset-${ticket.status}`} title={t(title)} body={t(body)} actionHref={`/${slug}/forgot-password/sms`} actionLabel={t("askNewCode")} />
        <BackToSignIn slug={slug} />
      </PublicShell>
    );
  }

  // Owed a forced reset, or asked for a proof the member has no code for: the emailed link is the way.
  const emailOnly =
    ticket.proof.resetByEmailRequired || (ticket.proof.required && !ticket.proofGiven && ticket.proof.offered.every((kind) => kind === "email-link"));
  const emailInstead = <EmailLinkInsteadForm action={emailResetLinkInsteadAction.bind(null, slug)} mailboxHref={mailboxHref()} />;
  return (
    <PublicShell>
      <Card>
        {emailOnly ? (
          <>
            <PageHeader
              title={ticket.proof.resetByEmailRequired ? t("resetByEmailRequiredTitle") : t("proofLegend")}
              lead={ticket.proof.resetByEmailRequired ? t("resetByEmailRequiredBody") : t("proofWhy")}
            />
            {emailInstead}
          </>
        ) : (
          <>
            <PageHeader title={t("newPasswordTitle")} lead={t("newPasswordLead", { email: ticket.email })} />
            <SmsNewPasswordForm
              action={completeSmsResetAction.bind(null, slug)}
              email={ticket.email}
              policy={ticket.policy}
              context={ticket.context}
              proof={ticket.proof}
              proofGiven={ticket.proofGiven}
            />
            {ticket.proof.required && !ticket.proofGiven ? <div className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-700">{emailInstead}</div> : null}
          </>
        )}
      </Card>
      <BackToSignIn slug={slug} />
    </PublicShell>
  );
}
