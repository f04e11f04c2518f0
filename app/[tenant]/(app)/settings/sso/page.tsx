import type { Metadata } from "next";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/config";
import { providerIdOf } from "@/lib/auth/sso/connection-kinds";
import { listConnections } from "@/lib/dal/sso/manage-connections";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { SettingsSubnav } from "@/components/settings/settings-subnav";
import { ConnectionForm, type ConnectionFormValues } from "@/components/sso/connection-form";
import { CopyField } from "@/components/sso/copy-field";
import { AuthJsPostForm } from "@/components/sso/auth-js-post-form";
import { ToggleConnectionForm } from "@/components/sso/toggle-connection-form";
import { saveSsoConnectionAction, toggleSsoConnectionAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sso"))("title") };
}

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ tested?: string; testFailed?: string }> };

const TEST_FAILURES = new Set(["no-subject", "no-email", "email-unverified", "domain-not-allowed", "hosted-domain", "directory", "corp", "not-signed-in"]);

// Company single sign-on (issue 14): Owners and Admins add OpenID Connect, Google Workspace and
// Microsoft Entra ID connections, register the callback URL shown here at the provider, test a
// sign-in, and only then turn the connection on.
export default async function SsoSettingsPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const { tested, testFailed } = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/settings/sso`);
  if (!can(member.role, "sso.manage")) forbidden();
  const [t, tRoles, format, connections] = await Promise.all([getTranslations("sso"), getTranslations("roles"), getFormatter(), listConnections(member)]);
  const slug = member.tenant.slug;
  const roles = (["ADMIN", "MANAGER", "SALES_REP", "READ_ONLY"] as const).map((value) => ({ value, label: tRoles(value) }));
  const blank: ConnectionFormValues = {
    kind: "OIDC",
    displayName: "",
    issuer: "",
    providerTenant: "",
    authority: "",
    clientId: "",
    allowedDomains: "",
    jitProvisioning: false,
    jitRole: "SALES_REP",
    trustIdpMfa: false,
    ssoRequired: false,
  };
  const testedConnection = connections.find((c) => c.id === tested);
  const failure = testFailed && TEST_FAILURES.has(testFailed) ? testFailed : testFailed ? "generic" : null;
  const failureText = failure ? `testFailures.${failure}` : null;
  const failureKey = failureText && isMessageKey(t, failureText) ? failureText : failure ? ("testFailures.generic" as const) : null;

  return (
    <div className="max-w-3xl space-y-8">
      <SettingsSubnav slug={slug} current="sso" />
      <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
      {testedConnection ? <Notice tone="success">{t("testPassed", { name: testedConnection.displayName })}</Notice> : null}
      {failureKey ? <Notice tone="error">{t(failureKey)}</Notice> : null}

      {connections.map((connection) => (
        <Card key={connection.id}>
          <section aria-labelledby={`sso-${connection.id}-title`} className="space-y-5" data-testid={`sso-connection-${connection.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 id={`sso-${connection.id}-title`} className="text-lg font-semibold text-slate-900 dark:text-white">
                  {connection.displayName}
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t(`form.kinds.${connection.kind}`)} · {connection.enabled ? t("statusOn") : t("statusOff")} ·{" "}
                  {connection.testedAt ? t("testedAt", { date: format.dateTime(connection.testedAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("notTested")} ·{" "}
                  {t("linkedMembers", { count: connection.linkedMembers })}
                </p>
              </div>
              <ToggleConnectionForm action={toggleSsoConnectionAction.bind(null, slug)} id={connection.id} enabled={connection.enabled} tested={connection.testedAt !== null} />
            </div>
            <CopyField label={t("callbackUrl")} value={`${appUrl()}/api/auth/callback/${providerIdOf(connection.id)}`} testId={`sso-callback-${connection.id}`} />
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("callbackHint")}</p>
            <AuthJsPostForm providerId={providerIdOf(connection.id)} intent="test" buttonClassName={buttonStyles.secondary} testId={`sso-test-${connection.id}`}>
              {t("testSignIn")}
            </AuthJsPostForm>
            <details className="rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-700">
              <summary className="cursor-pointer text-sm font-semibold text-slate-800 dark:text-slate-200">{t("edit")}</summary>
              <div className="mt-4">
                <ConnectionForm
                  action={saveSsoConnectionAction.bind(null, slug)}
                  roles={roles}
                  saved={{ ...connection, allowedDomains: connection.allowedDomains.join(", ") }}
                />
              </div>
            </details>
          </section>
        </Card>
      ))}

      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900 dark:text-white">{t("addTitle")}</h2>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">{t("addLead")}</p>
        <ConnectionForm action={saveSsoConnectionAction.bind(null, slug)} roles={roles} saved={blank} />
      </Card>
    </div>
  );
}
