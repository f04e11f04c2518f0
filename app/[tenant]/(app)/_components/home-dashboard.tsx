import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getHomeDashboard } from "@/lib/dal/dashboards/home-dashboard";
import { startDashboardCards, type DashboardCardsStart } from "@/lib/dal/reports/load-dashboard-cards";
import { todayIn, addDays } from "@/lib/reports/report-filters";
import { MAX_DASHBOARD_CARDS } from "@/lib/reports/dashboard-cards";
import { buildReportCharts, REPORT_CARDS, type ReportLabels, type ReportTranslate } from "@/components/reports/build-report-charts";
import { storedListLabel } from "@/components/customers/field-definitions";
import { ReportChartCard } from "@/components/reports/report-chart-card";
import { ReportChartSkeleton, chartHeight } from "@/components/reports/report-chart-skeleton";
import { AddCardForm, CardToolbar, DashboardSwitcher, PublishDashboard, ShowOwnButton } from "@/components/dashboard/dashboard-controls";
import { Card } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import {
  addDashboardCardAction,
  dashboardCardFiltersAction,
  moveDashboardCardAction,
  publishDashboardAction,
  removeDashboardCardAction,
  showDashboardAction,
  unpublishDashboardAction,
} from "../dashboard-actions";

const TITLE_OF = Object.fromEntries(REPORT_CARDS.map((card) => [card.id, card]));

/**
 * The member's report cards on the home page: their own dashboard or a published one they
 * switched to. Each card is drawn by the Reports page's code (same queries, same chart) and
 * streams in on its own (a Suspense boundary per card). `?edit=1` shows the controls that change
 * the member's own cards; a published dashboard has none.
 */
export async function HomeDashboard({ member, editing }: { member: MemberContext; editing: boolean }) {
  if (!can(member.role, "reports.view")) return null;
  const [dashboard, timeZone, t, tReports, tRoot, format] = await Promise.all([
    getHomeDashboard(member),
    getTimeZone(),
    getTranslations("dashboard.board"),
    getTranslations("reports"),
    getTranslations(),
    getFormatter(),
  ]);
  // Calendar days, not instants: formatted as the UTC dates they are (as the Reports page does).
  const day = (value: string) => format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const started = await startDashboardCards(member, dashboard.cards, timeZone);
  const slug = member.tenant.slug;
  const translate: ReportTranslate = tReports;
  const labels: ReportLabels = { source: (code) => storedListLabel(tRoot, "source", code) };
  const ownerName = new Map(started.options.owners.map((owner) => [owner.id, owner.name]));
  const edit = editing && !dashboard.showing;
  const isAdmin = can(member.role, "workspace.manageSettings");
  const today = todayIn(timeZone);
  const base = `/${encodeURIComponent(slug)}`;

  return (
    <section aria-labelledby="report-cards-heading" id="report-cards" className="mb-8 scroll-mt-4" data-testid="home-dashboard">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="report-cards-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
            {dashboard.showing ? dashboard.showing.name : t("heading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {dashboard.shared.length > 0 ? (
            <DashboardSwitcher action={showDashboardAction.bind(null, slug)} shared={dashboard.shared} showingId={dashboard.showing?.id ?? null} />
          ) : null}
          {dashboard.showing ? null : edit ? (
            <Link href={`${base}#report-cards`} className={buttonStyles.primary} data-testid="dashboard-done">
              {t("doneEditing")}
            </Link>
          ) : (
            <Link href={`${base}?edit=1#report-cards`} className={buttonStyles.secondary} data-testid="dashboard-edit">
              {t("edit")}
            </Link>
          )}
        </div>
      </div>
      {dashboard.showing ? (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="dashboard-shared-note">
          <p className="flex-1">{t("showingShared", { name: dashboard.showing.name })}</p>
          <ShowOwnButton action={showDashboardAction.bind(null, slug)} />
        </div>
      ) : null}
      {dashboard.cards.length === 0 ? (
        <p className="rounded-lg bg-slate-50 px-4 py-8 text-center text-sm text-slate-600 dark:bg-slate-800/50 dark:text-slate-300" data-testid="dashboard-empty">
          {t("empty")}
        </p>
      ) : (
        <ol className="grid gap-6 xl:grid-cols-2" aria-label={dashboard.showing ? dashboard.showing.name : t("heading")}>
          {started.cards.map((entry, index) => {
            const layout = TITLE_OF[entry.card.report]!;
            const title = translate(layout.title);
            const owner = entry.filters.ownerId ? (ownerName.get(entry.filters.ownerId) ?? t("everyone")) : t("everyone");
            return (
              <li key={entry.card.id} className="min-w-0" data-testid={`dashboard-card-${index + 1}`} data-report={entry.card.report}>
                <p className="mb-2 text-sm font-medium text-slate-600 dark:text-slate-400" data-testid="card-filters">
                  {t("filtersSummary", { range: tReports(`presets.${entry.card.range}`), owner })}
                </p>
                <Suspense
                  fallback={
                    <ReportChartSkeleton
                      id={`card-${entry.card.id}`}
                      title={title}
                      height={chartHeight(layout.layout, started.options.owners.length)}
                      loading={tReports("loadingChart")}
                      buttons={[tReports("exportCsv"), tReports("exportPng")]}
                    />
                  }
                >
                  <DashboardChart entry={entry} currency={started.options.defaultCurrency} translate={translate} labels={labels} fileStem={`${slug}-${today}`} period={(from, to) => tReports("period", { from: day(from), to: day(to) })} />
                </Suspense>
                {edit ? (
                  <CardToolbar
                    cardId={entry.card.id}
                    title={title}
                    position={index + 1}
                    count={started.cards.length}
                    range={entry.card.range}
                    ownerId={entry.filters.ownerId}
                    owners={started.options.owners}
                    actions={{
                      move: moveDashboardCardAction.bind(null, slug),
                      remove: removeDashboardCardAction.bind(null, slug),
                      filters: dashboardCardFiltersAction.bind(null, slug),
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {edit ? (
        <Card className="mt-6 space-y-6">
          <AddCardForm
            action={addDashboardCardAction.bind(null, slug)}
            reports={REPORT_CARDS.map((card) => ({ id: card.id, title: translate(card.title) }))}
            full={dashboard.cards.length >= MAX_DASHBOARD_CARDS}
          />
          {isAdmin ? (
            <PublishDashboard
              publish={publishDashboardAction.bind(null, slug)}
              unpublish={unpublishDashboardAction.bind(null, slug)}
              published={dashboard.shared}
            />
          ) : null}
        </Card>
      ) : null}
    </section>
  );
}

/** One card, once its query has answered: the Reports page's chart for the card's report. */
async function DashboardChart({
  entry,
  currency,
  translate,
  labels,
  fileStem,
  period,
}: {
  entry: DashboardCardsStart["cards"][number];
  currency: string;
  translate: ReportTranslate;
  labels: ReportLabels;
  fileStem: string;
  period: (from: string, to: string) => string;
}) {
  const data = await entry.data;
  const forecastPeriod = period(entry.forecastPeriod.from, addDays(entry.forecastPeriod.toExclusive, -1));
  const spec = buildReportCharts(data, currency, translate, forecastPeriod, labels).find((chart) => chart.id === entry.card.report);
  return spec ? <ReportChartCard spec={spec} fileStem={`${fileStem}-${entry.card.id}`} anchorId={`card-${entry.card.id}`} /> : null;
}
