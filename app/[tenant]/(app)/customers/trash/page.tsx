import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listTrash } from "@/lib/dal/customers/trash";
import { TRASH_DAYS } from "@/lib/dal/customers/write-customer";
import { PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RowActionForm } from "@/components/members/row-action-form";
import { restoreRecordAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trash"))("title") };
}

export default async function TrashPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/customers/trash`);
  if (!can(member.role, "records.restore")) forbidden();
  const [t, format, entries] = await Promise.all([getTranslations(), getFormatter(), listTrash(member)]);
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href={`/${tenant}/customers`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← {t("customers.title")}
        </Link>
      </nav>
      <PageHeader title={t("trash.title")} lead={t("trash.lead", { days: TRASH_DAYS })} />
      {entries.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 p-10 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="trash-empty">
          {t("trash.empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="trash-list">
          {entries.map((entry) => {
            return (
              <li key={`${entry.kind}-${entry.id}`} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center" data-testid={`trash-${entry.name}`}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium wrap-anywhere">
                    {entry.name}
                    <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                      {t(`trash.kind.${entry.kind}`)}
                    </span>
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {entry.customerName ? `${entry.customerName} · ` : ""}
                    {t("trash.deletedBy", {
                      name: entry.deletedBy ?? t("recordHistory.someone"),
                      time: format.dateTime(entry.deletedAt, { dateStyle: "medium", timeStyle: "short" }),
                    })}{" "}
                    · {t("trash.daysLeft", { count: entry.daysLeft })}
                  </p>
                </div>
                <RowActionForm action={restoreRecordAction.bind(null, tenant)} hidden={{ id: entry.id, kind: entry.kind }}>
                  <button type="submit" className={`${buttonStyles.secondary} ${buttonStyles.small}`} aria-label={t("trash.restoreNamed", { name: entry.name })}>
                    {t("trash.restore")}
                  </button>
                </RowActionForm>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
