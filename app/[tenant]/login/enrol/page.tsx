import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { workspaceDefaultCountry } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireSignedIn } from "@/lib/auth/current-member";
import { stepPath } from "@/lib/auth/session-restriction";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { finishForcedEnrolment } from "@/lib/auth/mfa-enrolment";
import { defaultPasskeyName } from "@/lib/auth/passkeys/names";
import { mailboxHref } from "@/lib/config";
import { getEmailCodeFactor, getOwnMfaOverview, getPendingTotpEnrolment } from "@/lib/dal/mfa/own-mfa";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { TotpEnrolment } from "@/components/mfa/totp-enrolment";
import { PhoneFactor } from "@/components/mfa/phone-factor";
import { EmailCodeFactor } from "@/components/mfa/email-code-factor";
import { AddPasskeyForm } from "@/components/passkeys/add-passkey-form";
import { signOutAction } from "@/lib/actions/sign-out-action";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import {
  cancelForcedPhoneAction,
  confirmForcedEmailCodeAction,
  confirmForcedPhoneAction,
  confirmForcedTotpAction,
  resendForcedPhoneCodeAction,
  sendForcedPhoneCodeAction,
  startForcedEmailCodeAction,
  startForcedTotpAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mfaEnrol"))("title") };
}

type EnrolMethod = "passkey" | "totp" | "sms" | "email";

// Forced enrolment: the workspace requires a second factor, the member has none (or only codes by
// email, which don't count for Owners and Admins) and the grace period is over. Nothing else opens
// until one is set up (requireMember and memberAction send every other page and action here). Every
// factor the policy allows is offered, strongest first, so a member without an authenticator app
// isn't stuck; a first factor's recovery codes come next, and their "I've saved them" brings the
// member back here, which lets them in. The page the member asked for rides along as ?next=.
export default async function ForcedEnrolmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ method?: string; next?: string }>;
}) {
  const { tenant } = await params;
  const { method, next } = await searchParams;
  const member = await requireSignedIn(tenant);
  const returnTo = safeReturnPath(tenant, typeof next === "string" ? next : null);
  if (member.restriction !== "mfa-enrol") redirect(member.restriction ? stepPath(tenant, member.restriction, returnTo) : returnTo);
  // Switching a factor on gives the session a new cookie, and a cookie set by a server action makes
  // Next render this page again as part of that action's answer: the recovery codes are on screen
  // then (the factor's form keeps them), so the member is let in only when "I've saved them" brings
  // them back here. ("next-action" names the server action a request runs.)
  const answeringAction = (await headers()).has("next-action");
  if (!answeringAction) {
    const finished = await finishForcedEnrolment(member);
    if (finished.enrolled) redirect(finished.nextStep ? stepPath(tenant, finished.nextStep, returnTo) : returnTo);
  }

  const [t, tVerify, policy, locale] = await Promise.all([getTranslations("mfaEnrol"), getTranslations("signInVerify"), getMfaPolicy(member.tenant.id), getLocale()]);
  const slug = member.tenant.slug;
  // This page again, with the page asked for still riding along.
  const enrolPath = stepPath(slug, "mfa-enrol", returnTo);
  const methodHref = (m: EnrolMethod) => `${enrolPath}${enrolPath.includes("?") ? "&" : "?"}method=${m}`;
  const methods: EnrolMethod[] = [];
  if (policy.allowPasskeyAsFactor) methods.push("passkey");
  if (policy.allowTotp) methods.push("totp");
  if (policy.allowSms) methods.push("sms");
  // Codes by email don't meet the requirement for Owners and Admins (lib/auth/second-factors.ts).
  if (policy.allowEmailCode && member.role !== "OWNER" && member.role !== "ADMIN") methods.push("email");
  const chosen = methods.find((m) => m === method) ?? methods[0];
  const recoveryCodesFor = { account: member.user.email, workspaceName: member.tenant.name, doneHref: enrolPath };
  const title: Record<EnrolMethod, string> = { passkey: t("choosePasskey"), totp: t("chooseTotp"), sms: t("chooseSms"), email: t("chooseEmailCode") };
  const hint: Record<EnrolMethod, string> = {
    passkey: t("choosePasskeyHint"),
    totp: t("chooseTotpHint"),
    sms: t("chooseSmsHint"),
    email: t("chooseEmailCodeHint", { email: member.user.email }),
  };

  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
        {!chosen ? (
          <Notice tone="error">{t("nothingAllowed")}</Notice>
        ) : (
          <>
            {methods.length > 1 ? (
              <nav aria-label={t("chooseLead")} className="mb-5">
                <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t("chooseLead")}</p>
                <ul className="grid gap-2 sm:grid-cols-2" data-testid="enrol-choices">
                  {methods.map((m) => (
                    <li key={m}>
                      <Link
                        href={methodHref(m)}
                        aria-current={m === chosen ? "true" : undefined}
                        className={
                          m === chosen
                            ? "flex min-h-11 items-center rounded-lg border-2 border-brand-600 bg-brand-50 px-3 py-2 text-sm font-semibold text-brand-800 dark:border-brand-400 dark:bg-slate-800 dark:text-brand-200"
                            : "flex min-h-11 items-center rounded-lg border border-slate-300 px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
                        }
                      >
                        {title[m]}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <section aria-labelledby="enrol-chosen" className="space-y-3" data-testid={`enrol-${chosen}`}>
              <h2 id="enrol-chosen" className="text-base font-semibold text-slate-900 dark:text-white">
                {title[chosen]}
              </h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">{hint[chosen]}</p>
              <EnrolForm method={chosen} member={member} locale={locale} recoveryCodesFor={recoveryCodesFor} enrolPath={enrolPath} />
            </section>
          </>
        )}
        <form action={signOutAction.bind(null, slug)} className="mt-6 border-t border-slate-200 pt-4 text-center dark:border-slate-800">
          <button type="submit" className="min-h-9 text-sm font-semibold text-slate-700 underline dark:text-slate-300">
            {tVerify("useAnotherAccount")}
          </button>
        </form>
      </Card>
    </PublicShell>
  );
}

async function EnrolForm({
  method,
  member,
  locale,
  recoveryCodesFor,
  enrolPath,
}: {
  method: EnrolMethod;
  member: Awaited<ReturnType<typeof requireSignedIn>>;
  locale: string;
  recoveryCodesFor: { account: string; workspaceName: string; doneHref: string };
  enrolPath: string;
}) {
  const slug = member.tenant.slug;
  if (method === "passkey") {
    const requestHeaders = await headers();
    return (
      <AddPasskeyForm
        slug={slug}
        defaultName={defaultPasskeyName(requestHeaders.get("user-agent"))}
        returnTo={enrolPath}
        refreshBeforeCodesSaved={false}
        account={member.user.email}
        workspaceName={member.tenant.name}
      />
    );
  }
  if (method === "totp") {
    const enrolment = await getPendingTotpEnrolment(member);
    return (
      <TotpEnrolment
        enrolment={enrolment ? { secret: enrolment.secret, groupedSecret: enrolment.groupedSecret, qrDataUrl: enrolment.qrDataUrl, account: enrolment.account } : null}
        startAction={startForcedTotpAction.bind(null, slug)}
        confirmAction={confirmForcedTotpAction.bind(null, slug)}
        doneHref={enrolPath}
        workspaceName={member.tenant.name}
        account={member.user.email}
      />
    );
  }
  if (method === "sms") {
    const [overview, defaultCountry] = await Promise.all([getOwnMfaOverview(member), workspaceDefaultCountry(member)]);
    return (
      <PhoneFactor
        verified={null}
        pending={overview.pendingPhone ? { display: overview.pendingPhone.display, sentAt: overview.pendingPhone.sentAt.toISOString(), resendInSeconds: overview.pendingPhone.resendInSeconds } : null}
        phoneCountries={{ options: phoneCountryOptions(locale), defaultCountry }}
        actions={{
          send: sendForcedPhoneCodeAction.bind(null, slug),
          resend: resendForcedPhoneCodeAction.bind(null, slug),
          confirm: confirmForcedPhoneAction.bind(null, slug),
          cancel: cancelForcedPhoneAction.bind(null, slug),
        }}
        recoveryCodesFor={recoveryCodesFor}
        enrolledHref={enrolPath}
      />
    );
  }
  const emailCode = await getEmailCodeFactor(member);
  return (
    <EmailCodeFactor
      email={member.user.email}
      enabledOn={null}
      pending={emailCode.pending}
      actions={{ start: startForcedEmailCodeAction.bind(null, slug), confirm: confirmForcedEmailCodeAction.bind(null, slug) }}
      recoveryCodesFor={recoveryCodesFor}
      mailboxHref={mailboxHref()}
      enrolledHref={enrolPath}
    />
  );
}
