import type { Metadata } from "next";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { CLIENT_IP_HEADER } from "@/lib/auth/request-info-header";
import { getSecuritySettings } from "@/lib/dal/security-policy/get-security-settings";
import { PageHeader } from "@/components/ui/card";
import { PasswordPolicyForm } from "@/components/settings/password-policy-form";
import { SignInProtectionForm } from "@/components/settings/sign-in-protection-form";
import { SessionPolicyForm } from "@/components/settings/session-policy-form";
import { IpAllowlistForm } from "@/components/settings/ip-allowlist-form";
import { SettingsSubnav } from "@/components/settings/settings-subnav";
import { MfaPolicyForm } from "@/components/settings/mfa-policy-form";
import { ReverifyNotice } from "@/components/mfa/reverify-notice";
import { needsReverification } from "@/lib/auth/reverify";
import { getMfaPolicySettings } from "@/lib/dal/security-policy/get-mfa-policy-settings";
import {
  saveIpAllowlistAction,
  saveMfaPolicyAction,
  savePasswordPolicyAction,
  saveSessionPolicyAction,
  saveSignInProtectionAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.security"))("title") };
}

export default async function SecuritySettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/settings/security`);
  if (!can(member.role, "workspace.manageSettings")) forbidden();
  const [t, settings, requestHeaders, mfaPolicy, reverify] = await Promise.all([
    getTranslations("settings.security"),
    getSecuritySettings(member),
    headers(),
    getMfaPolicySettings(member),
    needsReverification(member),
  ]);
  const slug = member.tenant.slug;
  // scripts/server.mjs sets this header from the connection on every request; clients can't forge it.
  const currentIp = requestHeaders.get(CLIENT_IP_HEADER);

  return (
    <div className="max-w-3xl space-y-8">
      <SettingsSubnav slug={slug} current="security" />
      <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
      {reverify ? <ReverifyNotice slug={slug} returnTo={`/${slug}/settings/security`} /> : null}
      <PasswordPolicyForm action={savePasswordPolicyAction.bind(null, slug)} saved={settings.password} savedPreset={settings.passwordPreset} />
      <SignInProtectionForm action={saveSignInProtectionAction.bind(null, slug)} saved={settings.signIn} />
      <SessionPolicyForm action={saveSessionPolicyAction.bind(null, slug)} saved={settings.sessions} />
      <IpAllowlistForm action={saveIpAllowlistAction.bind(null, slug)} saved={settings.ipAllowlist} currentIp={currentIp} />
      <MfaPolicyForm action={saveMfaPolicyAction.bind(null, slug)} saved={mfaPolicy} />
    </div>
  );
}
