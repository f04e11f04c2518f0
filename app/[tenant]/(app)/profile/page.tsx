import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { Card, PageHeader } from "@/components/ui/card";
import { ProfileForm } from "@/components/profile/profile-form";
import { updateProfileAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/profile`);
  const t = await getTranslations();
  const locale = member.user.locale ?? (await getLocale());
  return (
    <div className="max-w-xl">
      <PageHeader title={t("profile.title")} />
      <Card>
        <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">{t("profile.email")}</dt>
          <dd className="break-all">{member.user.email}</dd>
          {member.user.employeeNumber ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">{t("profile.employeeNumber")}</dt>
              <dd>{member.user.employeeNumber}</dd>
            </>
          ) : null}
          <dt className="text-slate-600 dark:text-slate-400">{t("profile.role")}</dt>
          <dd>{t(`roles.${member.role}`)}</dd>
        </dl>
        <ProfileForm action={updateProfileAction.bind(null, member.tenant.slug)} name={member.user.name} locale={locale} />
      </Card>
    </div>
  );
}
