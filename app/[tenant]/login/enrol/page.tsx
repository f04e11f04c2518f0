import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSignedIn } from "@/lib/auth/current-member";
import { stepPath } from "@/lib/auth/session-restriction";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { finishForcedEnrolment } from "@/lib/auth/mfa-enrolment";
import { getPendingTotpEnrolment } from "@/lib/dal/mfa/own-mfa";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { TotpEnrolment } from "@/components/mfa/totp-enrolment";
import { signOutAction } from "@/app/actions/sign-out";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { confirmForcedTotpAction, startForcedTotpAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mfaEnrol"))("title") };
}

// Forced enrolment: the workspace requires a second factor, the member has none and the grace
// period is over. Nothing else opens until an authenticator app is set up (requireMember and
// memberAction send every other page and action here); the recovery codes come next, and their
// "I've saved them" brings the member back here, which lets them in.
export default async function ForcedEnrolmentPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ next?: string }> }) {
  const { tenant } = await params;
  const { next } = await searchParams;
  const member = await requireSignedIn(tenant);
  const returnTo = safeReturnPath(tenant, typeof next === "string" ? next : null);
  if (member.restriction !== "mfa-enrol") redirect(member.restriction ? stepPath(tenant, member.restriction, returnTo) : returnTo);
  // Switching the app on gives the session a new cookie, and a cookie set by a server action makes
  // Next render this page again as part of that action's answer: the recovery codes are on screen
  // then (TotpEnrolment keeps them), so the member is let in only when "I've saved them" brings
  // them back here. ("next-action" names the server action a request runs.)
  const answeringAction = (await headers()).has("next-action");
  if (!answeringAction) {
    const finished = await finishForcedEnrolment(member);
    if (finished.enrolled) redirect(finished.nextStep ? stepPath(tenant, finished.nextStep, returnTo) : returnTo);
  }

  const [t, policy, enrolment] = await Promise.all([getTranslations("mfaEnrol"), getMfaPolicy(member.tenant.id), getPendingTotpEnrolment(member)]);
  const slug = member.tenant.slug;
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
        {policy.allowTotp ? (
          <section aria-labelledby="enrol-totp" className="space-y-3">
            <h2 id="enrol-totp" className="text-base font-semibold text-slate-900 dark:text-white">
              {t("chooseTotp")}
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("chooseTotpHint")}</p>
            <TotpEnrolment
              enrolment={enrolment ? { secret: enrolment.secret, groupedSecret: enrolment.groupedSecret, qrDataUrl: enrolment.qrDataUrl, account: enrolment.account } : null}
              startAction={startForcedTotpAction.bind(null, slug)}
              confirmAction={confirmForcedTotpAction.bind(null, slug)}
              doneHref={stepPath(slug, "mfa-enrol", returnTo)}
              workspaceName={member.tenant.name}
              account={member.user.email}
            />
          </section>
        ) : (
          <Notice tone="error">{t("nothingAllowed")}</Notice>
        )}
        <form action={signOutAction.bind(null, slug)} className="mt-6 border-t border-slate-200 pt-4 text-center dark:border-slate-800">
          <button type="submit" className="min-h-9 text-sm font-semibold text-slate-700 underline dark:text-slate-300">
            {(await getTranslations("signInVerify"))("useAnotherAccount")}
          </button>
        </form>
      </Card>
    </PublicShell>
  );
}
