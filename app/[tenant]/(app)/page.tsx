import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getHomeSummary } from "@/lib/dal/members/get-home-summary";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { appUrl } from "@/lib/config";
import { PasskeyOffer } from "@/components/passkeys/passkey-offer";
import { HeadlineFigures } from "@/components/reports/headline-figures";

export default async function WorkspaceHomePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}`);
  const [t, format, summary] = await Promise.all([getTranslations(), getFormatter(), getHomeSummary(member)]);
  const loginUrl = `${appUrl()}/${member.tenant.slug}/login`;
  return (
    <>
      <PageHeader
        title={t("home.title", { name: member.user.name })}
        lead={t("home.lead", { workspace: member.tenant.name, role: t(`roles.${member.role}`) })}
      />
      <PasskeyOffer member={member} />
      <HeadlineFigures member={member} />
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
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("home.loginLinkBody")}</p>
        <p className="mt-3 break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm dark:bg-slate-800">{loginUrl}</p>
        {can(member.role, "members.invite") ? (
          <Link href={`/${member.tenant.slug}/members`} className={`${buttonStyles.primary} mt-4`}>
            {t("home.inviteCta")}
          </Link>
        ) : null}
      </Card>
    </>
  );
}
