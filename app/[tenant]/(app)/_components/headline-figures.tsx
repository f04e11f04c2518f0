import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { loadHeadlineFigures } from "@/lib/dal/reports/load-headline-figures";
import { formatMoney } from "@/lib/money";

/**
 * The workspace home's small dashboard: open pipeline, this quarter's weighted forecast, won this
 * month (in the workspace's default currency, other currencies listed beneath — never added
 * together) and the member's overdue tasks. Each figure links to the report or list behind it.
 */
export async function HeadlineFigures({ member }: { member: MemberContext }) {
  if (!can(member.role, "reports.view")) return null;
  const [t, locale, timeZone] = await Promise.all([getTranslations("dashboard"), getLocale(), getTimeZone()]);
  const { figures } = await loadHeadlineFigures(member, timeZone);
  const base = `/${encodeURIComponent(member.tenant.slug)}`;
  const links = {
    openPipeline: `${base}/reports#pipeline`,
    forecastQuarter: `${base}/reports?range=this-quarter#forecast`,
    wonMonth: `${base}/reports?range=this-month#won-lost`,
    overdueTasks: `${base}/tasks`,
  };
  return (
    <section aria-labelledby="dashboard-heading" className="mb-6" data-testid="headline-figures">
      <h2 id="dashboard-heading" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        {t("title")}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 2xl:grid-cols-4">
        {figures.map((figure) => {
          const [main, ...others] = figure.amounts;
          const label = t(figure.metric);
          const value = figure.metric === "overdueTasks" ? new Intl.NumberFormat(locale).format(figure.count) : formatMoney(main!.amount, main!.currency, locale);
          const detail =
            figure.metric === "openPipeline"
              ? t("openPipelineDeals", { count: figure.count })
              : figure.metric === "wonMonth"
                ? t("wonMonthDeals", { count: figure.count })
                : figure.metric === "forecastQuarter"
                  ? t("forecastQuarterHint")
                  : t("overdueTasksHint");
          const overdue = figure.metric === "overdueTasks" && figure.count > 0;
          return (
            <li key={figure.metric}>
              <Link
                href={links[figure.metric]}
                className="block h-full rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-400 hover:bg-brand-50/40 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-brand-400 dark:hover:bg-slate-800"
                data-testid={`headline-${figure.metric}`}
              >
                <span className="block text-sm text-slate-600 dark:text-slate-400">{label}</span>
                <span className={`mt-1 block break-words text-2xl font-bold tabular-nums ${overdue ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-white"}`}>{value}</span>
                <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{detail}</span>
                {others.length > 0 ? (
                  <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
                    {t("alsoIn", { list: others.slice(0, 3).map((other) => formatMoney(other.amount, other.currency, locale)).join(" · ") })}
                    {others.length > 3 ? " …" : ""}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
