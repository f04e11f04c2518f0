import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { transferPreview } from "@/lib/dal/tasks/transfer-records";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { TransferForm } from "@/components/crm/tasks/transfer-form";
import { transferRecordsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("transfer"))("action") };
}

export default async function TransferRecordsPage({ params }: { params: Promise<{ tenant: string; userId: string }> }) {
  const { tenant, userId } = await params;
  const member = await requireMember(tenant, `/${tenant}/members/${encodeURIComponent(userId)}/transfer`);
  if (!can(member.role, "records.transfer")) forbidden();
  const preview = await transferPreview(member, userId);
  if (!preview) notFound();
  const t = await getTranslations("transfer");
  const name = preview.from.name;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Link href={`/${member.tenant.slug}/members`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
        ← {t("back")}
      </Link>
      <PageHeader title={t("title", { name })} lead={t("lead", { name })} />
      <Card>
        <p className="mb-4 text-slate-700 dark:text-slate-300" data-testid="transfer-counts">
          {t("counts", { name, ...preview.counts })}
        </p>
        {preview.candidates.length === 0 ? (
          <Notice>{t("noOtherMember")}</Notice>
        ) : (
          <TransferForm
            action={transferRecordsAction.bind(null, member.tenant.slug)}
            fromUserId={preview.from.id}
            candidates={preview.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
          />
        )}
      </Card>
    </div>
  );
}
