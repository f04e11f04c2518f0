import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { forbidden } from "next/navigation";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { addDays, type DateRange } from "@/lib/reports/report-filters";
import { startReportsPage, type ReportsPageStart } from "@/lib/dal/reports/load-reports-page";
import { buildReportCharts, REPORT_CARDS, reportCurrencies, type ReportLabels, type ReportTranslate } from "@/components/reports/build-report-charts";
import { storedListLabel } from "@/components/customers/field-definitions";
import { ReportFiltersForm } from "@/components/reports/report-filters-form";
import { ReportChartCard } from "@/components/reports/report-chart-card";
import { ReportChartSkeleton, chartHeight } from "@/components/reports/report-chart-skeleton";
import { Card, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

// The shell (title, filters, the period shown) goes out as soon as the filters are checked; each
// chart follows in the same response as its own query finishes (a Suspense boundary per card, its
// skeleton the card's size), so the quick charts are not held back by the slowest one.
export default async function ReportsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/reports`);
  if (!can(member.role, "reports.view")) forbidden();
  const [query, timeZone, t, tRoot, format] = await Promise.all([searchParams, getTimeZone(), getTranslations("reports"), getTranslations(), getFormatter()]);
  const labels: ReportLabels = { source: (code) => storedListLabel(tRoot, "source", code) };
  const page = await startReportsPage(member, query, timeZone);

  // Calendar days, not instants: format them as the UTC dates they are.
  const day = (value: string) => format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const period = (range: DateRange) => t("period", { from: day(range.from), to: day(addDays(range.toExclusive, -1)) });
  const currency = page.filters.currency ?? page.options.defaultCurrency;
  const translate: ReportTranslate = t;
  const forecastPeriod = period(page.forecastPeriod);
  const base = `/${encodeURIComponent(member.tenant.slug)}/reports`;
  const fileStem = `${member.tenant.slug}-${page.filters.range.from}-${addDays(page.filters.range.toExclusive, -1)}`;
  const filtersForm = (currencies: string[]) => (
    <ReportFiltersForm
      action={base}
      input={page.input}
      errors={page.errors}
      owners={page.options.owners}
      stages={page.options.stages}
      currencies={currencies}
      currency={currency}
    />
  );

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
      <Card className="mb-6">
        {/* The currency picker offers the currencies the money reports find; until they answer, the default and the chosen one. */}
        <Suspense fallback={filtersForm([...new Set([page.options.defaultCurrency, currency])].sort())}>
          <FiltersWithCurrencies page={page} render={filtersForm} />
        </Suspense>
      </Card>
      <p className="mb-4 text-sm font-medium text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="report-period">
        {t("showing", { period: period(page.filters.range), currency })}
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        {REPORT_CARDS.map((card) => (
          <Suspense
            key={card.id}
            fallback={
              <ReportChartSkeleton
                id={card.id}
                title={translate(card.title)}
                height={chartHeight(card.layout, page.options.owners.length)}
                loading={t("loadingChart")}
                buttons={[t("exportCsv"), t("exportPng")]}
              />
            }
          >
            <StreamedChart card={card} page={page} currency={currency} translate={translate} labels={labels} forecastPeriod={forecastPeriod} fileStem={fileStem} />
          </Suspense>
        ))}
      </div>
    </>
  );
}

async function FiltersWithCurrencies({ page, render }: { page: ReportsPageStart; render: (currencies: string[]) => ReactNode }) {
  const [pipeline, forecast, wonLost] = await Promise.all([page.data.pipeline, page.data.forecast, page.data.wonLost]);
  return render(reportCurrencies({ filters: page.filters, data: { pipeline, forecast, wonLost } }, page.options.defaultCurrency));
}

/** One card, once the query it draws from has answered. */
async function StreamedChart({
  card,
  page,
  currency,
  translate,
  labels,
  forecastPeriod,
  fileStem,
}: {
  card: (typeof REPORT_CARDS)[number];
  page: ReportsPageStart;
  currency: string;
  translate: ReportTranslate;
  labels: ReportLabels;
  forecastPeriod: string;
  fileStem: string;
}) {
  const rows = await page.data[card.source];
  const spec = buildReportCharts({ [card.source]: rows }, currency, translate, forecastPeriod, labels).find((chart) => chart.id === card.id);
  return spec ? <ReportChartCard spec={spec} fileStem={fileStem} /> : null;
}
