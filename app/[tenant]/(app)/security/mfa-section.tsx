import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { workspaceDefaultCountry } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import type { MemberContext } from "@/lib/auth/current-member";
import { mailboxHref } from "@/lib/config";
import { getEmailCodeFactor, getOwnMfaOverview, getPendingTotpEnrolment } from "@/lib/dal/mfa/own-mfa";
import { Card } from "@/components/ui/card";
import { TotpEnrolment } from "@/components/mfa/totp-enrolment";
import { TotpStatus } from "@/components/mfa/totp-status";
import { PhoneFactor } from "@/components/mfa/phone-factor";
import { EmailCodeFactor } from "@/components/mfa/email-code-factor";
import { FactorSection } from "@/components/mfa/factor-section";
import {
  cancelPhoneAction,
  cancelTotpAction,
  confirmEmailCodeAction,
  confirmPhoneAction,
  disableEmailCodeAction,
  confirmTotpAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  removePhoneAction,
  resendPhoneCodeAction,
  sendPhoneCodeAction,
  startEmailCodeAction,
  startTotpAction,
} from "./mfa-actions";

/** The security page's "Two-step verification" card: authenticator app and phone (SMS), as the workspace allows. */
export async function MfaSection({ member }: { member: MemberContext }) {
  const [t, format, locale, overview, enrolment, emailCode, defaultCountry] = await Promise.all([
    getTranslations("mfa"),
    getFormatter(),
    getLocale(),
    getOwnMfaOverview(member),
    getPendingTotpEnrolment(member),
    getEmailCodeFactor(member),
    workspaceDefaultCountry(member),
  ]);
  const slug = member.tenant.slug;
  const securityPath = `/${slug}/security`;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  // A factor the workspace no longer allows is still shown if enrolled, so it can be removed.
  const showTotp = overview.allowTotp || overview.totp !== null;
  const showPhone = overview.allowSms || overview.phone !== null;
  const showEmailCode = emailCode.allowed || emailCode.enabledAt !== null;
  const recoveryCodesFor = { account: member.user.email, workspaceName: member.tenant.name, doneHref: securityPath };

  return (
    <Card>
      <section aria-labelledby="mfa-title" data-testid="mfa-section">
        <h2 id="mfa-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        {!showTotp && !showPhone && !showEmailCode ? <p className="text-sm text-slate-700 dark:text-slate-300">{t("noneAllowed")}</p> : null}
        <div className="divide-y divide-slate-200 dark:divide-slate-800">
          {showTotp ? (
            <FactorSection titleId="mfa-totp-title" title={t("totp.title")} offLabel={t("off")} on={overview.totp !== null} className="py-4 first:pt-0" testId="mfa-totp">
              <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("totp.description")}</p>
              {!overview.allowTotp ? <p className="mb-3 text-sm font-medium text-amber-800 dark:text-amber-300">{t("totp.notAllowed")}</p> : null}
              {/* One component whether the app is on or not: the recovery codes it shows right after
                  switching the app on must outlive the re-render the new session cookie causes. */}
              <TotpEnrolment
                enrolment={enrolment ? { secret: enrolment.secret, groupedSecret: enrolment.groupedSecret, qrDataUrl: enrolment.qrDataUrl, account: enrolment.account } : null}
                enabled={
                  overview.totp ? (
                    <TotpStatus
                      onSince={when(overview.totp.confirmedAt)}
                      lastUsed={overview.totp.lastUsedAt ? when(overview.totp.lastUsedAt) : null}
                      recoveryCodesLeft={overview.recoveryCodesLeft}
                      regenerateAction={regenerateRecoveryCodesAction.bind(null, slug)}
                      disableAction={disableTotpAction.bind(null, slug)}
                      doneHref={securityPath}
                      workspaceName={member.tenant.name}
                      account={member.user.email}
                    />
                  ) : null
                }
                startAction={startTotpAction.bind(null, slug)}
                confirmAction={confirmTotpAction.bind(null, slug)}
                cancelAction={cancelTotpAction.bind(null, slug)}
                doneHref={securityPath}
                workspaceName={member.tenant.name}
                account={member.user.email}
              />
            </FactorSection>
          ) : null}
          {showPhone ? (
            <FactorSection titleId="mfa-phone-title" title={t("phone.title")} offLabel={t("off")} on={overview.phone !== null} className="py-4 last:pb-0" testId="mfa-phone">
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("phone.description")}</p>
              <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("phone.weakest")}</p>
              {!overview.allowSms ? <p className="mb-3 text-sm font-medium text-amber-800 dark:text-amber-300">{t("phone.notAllowed")}</p> : null}
              {overview.allowSms || overview.phone ? (
                <PhoneFactor
                  verified={overview.phone ? { display: overview.phone.display, verifiedOn: day(overview.phone.verifiedAt) } : null}
                  pending={
                    overview.allowSms && overview.pendingPhone
                      ? { display: overview.pendingPhone.display, sentAt: overview.pendingPhone.sentAt.toISOString(), resendInSeconds: overview.pendingPhone.resendInSeconds }
                      : null
                  }
                  phoneCountries={{ options: phoneCountryOptions(locale), defaultCountry }}
                  allowChange={overview.allowSms}
                  recoveryCodesFor={recoveryCodesFor}
                  actions={{
                    send: sendPhoneCodeAction.bind(null, slug),
                    resend: resendPhoneCodeAction.bind(null, slug),
                    confirm: confirmPhoneAction.bind(null, slug),
                    cancel: cancelPhoneAction.bind(null, slug),
                    remove: removePhoneAction.bind(null, slug),
                  }}
                />
              ) : null}
            </FactorSection>
          ) : null}
          {showEmailCode ? (
            <FactorSection
              titleId="mfa-email-code-title"
              title={t("emailCode.title")}
              offLabel={t("off")}
              on={emailCode.enabledAt !== null}
              className="py-4 last:pb-0"
              testId="mfa-email-code"
            >
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("emailCode.description", { email: member.user.email })}</p>
              <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("emailCode.weaker")}</p>
              {!emailCode.allowed ? <p className="mb-3 text-sm font-medium text-amber-800 dark:text-amber-300">{t("emailCode.notAllowed")}</p> : null}
              <EmailCodeFactor
                email={member.user.email}
                enabledOn={emailCode.enabledAt ? day(emailCode.enabledAt) : null}
                pending={emailCode.allowed && emailCode.pending}
                actions={{ start: startEmailCodeAction.bind(null, slug), confirm: confirmEmailCodeAction.bind(null, slug), disable: disableEmailCodeAction.bind(null, slug) }}
                recoveryCodesFor={recoveryCodesFor}
                mailboxHref={mailboxHref()}
              />
            </FactorSection>
          ) : null}
        </div>
      </section>
    </Card>
  );
}
