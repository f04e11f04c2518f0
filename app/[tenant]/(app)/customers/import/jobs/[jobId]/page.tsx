import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getImportJob } from "@/lib/dal/imports/import-jobs";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportProgress } from "@/components/imports/import-progress";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function ImportJobPage({ params }: { params: Promise<{ tenant: string; jobId: string }> }) {
  const { tenant, jobId } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/import/jobs/${jobId}`);
  if (!can(member.role, "records.import")) forbidden();
  const [t, job] = await Promise.all([getTranslations("imports"), getImportJob(member, jobId)]);
  if (!job) notFound();
  const slug = member.tenant.slug;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/${slug}/customers/import`} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          ← {t("title")}
        </Link>
      </p>
      <PageHeader title={t("job.heading", { fileName: job.fileName })} />
      <Card>
        <ImportProgress
          slug={slug}
          initial={{ id: job.id, status: job.status, totalRows: job.totalRows, processedRows: job.processedRows, importedRows: job.importedRows, failedRows: job.failedRows }}
        />
      </Card>
    </>
  );
}
