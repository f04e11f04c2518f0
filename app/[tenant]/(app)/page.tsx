import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getHomeSummary } from "@/lib/dal/members/get-home-summary";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { appUrl } from "@/lib/config";
import { PasskeyOffer } from "@/app/[tenant]/(app)/_components/passkey-offer";
import { ClientMessages } from "@/components/i18n/client-messages";
import { HeadlineFigures } from "@/app/[tenant]/(app)/_components/headline-figures";
import { getSetupChecklist } from "@/lib/dal/setup/setup-checklist";
import { SetupChecklist } from "@/components/home/setup-checklist";
import { hideSetupChecklistAction, showSetupChecklistAction } from "./setup-actions";
import { HomeDashboard } from "@/app/[tenant]/(app)/_components/home-dashboard";

export default async function WorkspaceHomePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, query] = await Promise.all([params, searchParams]);
  const member = await requireMember(tenant, `/${tenant}`);
  const [t, format, summary, checklist] = await Promise.all([getTranslations(), getFormatter(), getHomeSummary(member), getSetupChecklist(member)]);
  const slug = member.tenant.slug;
  const loginUrl = `${appUrl()}/${slug}/login`;
  const canInvite = can(member.role, "members.invite");
  return (
    <>
      <PageHeader
        title={t("home.title", { name: member.user.name })}
        lead={t("home.lead", { workspace: member.tenant.name, role: t(`roles.${member.role}`) })}
      />
      {checklist ? (
        <SetupChecklist
          checklist={checklist}
          slug={slug}
          workspaceName={member.tenant.name}
          hideAction={hideSetupChecklistAction.bind(null, slug)}
          showAction={showSetupChecklistAction.bind(null, slug)}
        />
      ) : null}
      {/* The home page's only translated client component: the passkey offer and its recovery codes. */}
      <ClientMessages namespaces={["passkeys", "mfa.recovery", "mfa.totp", "errors"]}>
        <PasskeyOffer member={member} />
      </ClientMessages>
      <HeadlineFigures member={member} />
      {/* The report cards' charts, filters and forms (components/reports, components/dashboard). */}
      <ClientMessages namespaces={["reports", "dashboard", "errors"]}>
        <HomeDashboard member={member} editing={query.edit === "1"} />
      </ClientMessages>
      <dl className="grid gap-4 sm:grid-cols-3">
        <Card>
          <dt className="text-sm text-slate-600 dark:text-slate-400">{t("home.membersCard")}</dt>
          <dd className="mt-1 text-3xl font-bold">{format.number(summary.activeMembers)}</dd>
        </Card>
        <Card>
          <dt className="text-sm text-slate-600 dark:text-slate-400">{t("home.roleCard")}</dt>
          <dd className="mt-1 text-3xl font-bold">{t(`roles.${member.role}`)}</dd>
        </Card>
        <Card>
          <dt className="text-sm text-slate-600 dark:text-slate-400">{t("home.lastSignInCard")}</dt>
          <dd className="mt-1 text-base font-semibold">
            {summary.previousSignIn
              ? `${format.dateTime(summary.previousSignIn.at, { dateStyle: "medium", timeStyle: "short" })}${summary.previousSignIn.ip ? ` · ${summary.previousSignIn.ip}` : ""}`
              : t("home.firstSignIn")}
          </dd>
        </Card>
      </dl>
      <Card className="mt-6">
        <h2 className="font-semibold">{t("home.loginLinkTitle")}</h2>
        {/* "Every invitation email uses it too" only means something to those who send invitations. */}
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {canInvite ? t("home.loginLinkBody") : t("home.loginLinkBodyMember", { workspace: member.tenant.name })}
        </p>
        <p className="mt-3 break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm dark:bg-slate-800">{loginUrl}</p>
        {canInvite ? (
          <Link href={`/${slug}/members`} className={`${buttonStyles.primary} mt-4`}>
            {t("home.inviteCta")}
          </Link>
        ) : null}
      </Card>
    </>
  );
}
