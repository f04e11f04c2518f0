import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { workspaceDefaultCountry } from "@/lib/dal/crm/crm-settings";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/dal/members/list-members";
import { listImportJobs } from "@/lib/dal/imports/import-jobs";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/dal/imports/read-import-file";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportWizard } from "@/components/imports/import-wizard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/import`);
  if (!can(member.role, "records.import")) forbidden();
  const [t, format, members, jobs, locale, workspaceCountry] = await Promise.all([
    getTranslations("imports"),
    getFormatter(),
    listMembers(member),
    listImportJobs(member),
    getLocale(),
    workspaceDefaultCountry(member),
  ]);
  const slug = member.tenant.slug;
  // A stored kind or status this build has no words for is shown as stored.
  const label = (key: string, stored: string) => (isMessageKey(t, key) ? t(key) : stored);
  const active = members.filter((m) => m.status === "ACTIVE").map(({ id, name, email }) => ({ id, name, email }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/${slug}/customers`} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          ← {t("backToCustomers")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("intro")} />
      <Card className="mb-8">
        <ImportWizard slug={slug} members={active} currentUserId={member.user.id} maxBytes={IMPORT_MAX_BYTES} maxRows={IMPORT_MAX_ROWS} countries={phoneCountryOptions(locale)} workspaceCountry={workspaceCountry} />
      </Card>

      <section aria-labelledby="import-history">
        <h2 id="import-history" className="mb-3 text-lg font-semibold">
          {t("history.heading")}
        </h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("history.empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="import-history">
              <thead className="text-left">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.file")}</th>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.kind")}</th>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.by")}</th>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.when")}</th>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.status")}</th>
                  <th scope="col" className="px-4 py-2 font-semibold">{t("history.result")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td className="px-4 py-2">
                      <Link href={`/${slug}/customers/import/jobs/${job.id}`} className="font-medium text-brand-700 wrap-anywhere underline-offset-2 hover:underline dark:text-brand-300">
                        {job.fileName}
                      </Link>
                    </td>
                    <td className="px-4 py-2">{label(`kinds.${job.kind}`, job.kind)}</td>
                    <td className="px-4 py-2">{job.createdBy.name}</td>
                    <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                    <td className="px-4 py-2">{label(`statuses.${job.status}`, job.status)}</td>
                    <td className="px-4 py-2 tabular-nums">
                      {job.importedRows} / {job.failedRows}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
