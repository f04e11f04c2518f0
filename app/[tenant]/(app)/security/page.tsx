import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { listOwnSessions } from "@/lib/dal/sessions/own-sessions";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { SessionActionForm } from "@/components/security/session-action-form";
import { describeUserAgent } from "@/lib/user-agent";
import { passwordRulesFor } from "@/lib/auth/password-policy-for";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { listOwnSignInHistory } from "@/lib/dal/audit/list-own-sign-in-history";
import { SignInHistory } from "@/components/audit/sign-in-history";
import { changePasswordAction, endOtherSessionsAction, endSessionAction } from "./actions";
import { PasskeysSection } from "@/app/[tenant]/(app)/security/_components/passkeys-section";
import { MfaSection } from "./mfa-section";
import { RememberedDevicesSection } from "./remembered-devices-section";
import { SsoAccountsSection } from "@/app/[tenant]/(app)/security/_components/sso-accounts-section";
import { getSecurityChecklist } from "@/lib/dal/mfa/security-checklist";
import { SecurityChecklist } from "@/components/security/security-checklist";
import { regenerateRecoveryCodesAction } from "./mfa-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security"))("title") };
}

export default async function SecurityPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/security`);
  const [t, format, sessions, rules, history, checklist] = await Promise.all([
    getTranslations("security"),
    getFormatter(),
    listOwnSessions(member),
    passwordRulesFor(member),
    listOwnSignInHistory(member, 20),
    getSecurityChecklist(member),
  ]);
  const slug = member.tenant.slug;
  const others = sessions.filter((session) => !session.current);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={t("title")} lead={t("lead")} />
      <SecurityChecklist
        checklist={checklist}
        regenerateAction={regenerateRecoveryCodesAction.bind(null, slug)}
        account={member.user.email}
        workspaceName={member.tenant.name}
        securityPath={`/${slug}/security`}
      />
      <Card>
        <h2 id="password-title" className="mb-4 scroll-mt-20 text-lg font-semibold">
          {t("passwordTitle")}
        </h2>
        <ChangePasswordForm action={changePasswordAction.bind(null, slug)} policy={rules.policy} context={rules.context} />
      </Card>
      <PasskeysSection member={member} />
      <SsoAccountsSection member={member} />
      <MfaSection member={member} />
      <RememberedDevicesSection member={member} />
      <Card>
        <h2 id="sessions-title" className="scroll-mt-20 text-lg font-semibold">
          {t("sessionsTitle")}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("sessionsLead")}</p>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="session-list">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid="session-row">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {session.userAgent ? describeUserAgent(session.userAgent) : t("unknownDevice")}
                  {session.current ? (
                    <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                      {t("thisDevice")}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {session.ip ?? t("unknownIp")} · {t("signedInAt", { time: when(session.createdAt) })} · {t("lastActive", { time: when(session.lastActiveAt) })}
                </p>
              </div>
              {!session.current ? (
                <SessionActionForm action={endSessionAction.bind(null, slug)} sessionId={session.id}>
                  <button type="submit" className={`${buttonStyles.danger} ${buttonStyles.small}`}>
                    {t("endSession")}
                  </button>
                </SessionActionForm>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="mt-4">
          {others.length > 0 ? (
            <SessionActionForm action={endOtherSessionsAction.bind(null, slug)}>
              <button type="submit" className={buttonStyles.secondary}>
                {t("endOtherSessions")}
              </button>
            </SessionActionForm>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("noOtherSessions")}</p>
          )}
        </div>
      </Card>
      <Card>
        <SignInHistory rows={history} />
      </Card>
    </div>
  );
}
