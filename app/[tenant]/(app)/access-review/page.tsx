import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listAccessReview } from "@/lib/dal/access-review/list-access-review";
import { AccessReviewTable } from "@/components/audit/access-review-table";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessReview"))("title") };
}

export default async function AccessReviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/access-review`);
  if (!can(member.role, "audit.view")) forbidden();
  const [t, rows] = await Promise.all([getTranslations("accessReview"), listAccessReview(member)]);
  const base = `/${encodeURIComponent(member.tenant.slug)}/access-review`;

  return (
    <>
      <div className="flex flex-col gap-x-4 sm:flex-row sm:items-start sm:justify-between">
        <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
        <a href={`${base}/export`} download className={`${buttonStyles.secondary} mb-6 shrink-0 self-start`} data-testid="access-review-export">
          {t("export")}
        </a>
      </div>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="access-review-summary">
        {t("summary", {
          members: rows.length,
          active: rows.filter((row) => row.status === "ACTIVE").length,
          locked: rows.filter((row) => row.locked).length,
          expired: rows.filter((row) => row.passwordExpired).length,
        })}
      </p>
      {rows.length === 0 ? (
        <Card>
          <p>{t("empty")}</p>
        </Card>
      ) : (
        <AccessReviewTable rows={rows} caption={t("tableCaption", { workspace: member.tenant.name })} currentUserId={member.user.id} />
      )}
    </>
  );
}
