import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { addDays, type DateRange } from "@/lib/dal/reports/report-filters";
import { loadReportsPage } from "@/lib/dal/reports/load-reports-page";
import { buildReportCharts, reportCurrencies } from "@/components/reports/build-report-charts";
import { ReportFiltersForm } from "@/components/reports/report-filters-form";
import { ReportChartCard } from "@/components/reports/report-chart-card";
import { Card, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReportsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/reports`);
  if (!can(member.role, "reports.view")) forbidden();
  const [query, timeZone, t, format] = await Promise.all([searchParams, getTimeZone(), getTranslations("reports"), getFormatter()]);
  const page = await loadReportsPage(member, query, timeZone);

  // Calendar days, not instants: format them as the UTC dates they are.
  const day = (value: string) => format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const period = (range: DateRange) => t("period", { from: day(range.from), to: day(addDays(range.toExclusive, -1)) });
  const currency = page.filters.currency ?? page.options.defaultCurrency;
  const charts = buildReportCharts(page, currency, (key, values) => t(key as never, values as never), period(page.forecastPeriod));
  const base = `/${encodeURIComponent(member.tenant.slug)}/reports`;
  const fileStem = `${member.tenant.slug}-${page.filters.range.from}-${addDays(page.filters.range.toExclusive, -1)}`;

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
      <Card className="mb-6">
        <ReportFiltersForm
          action={base}
          input={page.input}
          errors={page.errors}
          owners={page.options.owners}
          stages={page.options.stages}
          currencies={reportCurrencies(page, page.options.defaultCurrency)}
          currency={currency}
        />
      </Card>
      <p className="mb-4 text-sm font-medium text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="report-period">
        {t("showing", { period: period(page.filters.range), currency })}
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        {charts.map((spec) => (
          <ReportChartCard key={spec.id} spec={spec} fileStem={fileStem} />
        ))}
      </div>
    </>
  );
}
