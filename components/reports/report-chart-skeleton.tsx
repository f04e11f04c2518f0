import { buttonStyles } from "@/components/ui/button-styles";

// What a Reports card shows while its query runs: the card's frame, title and buttons at their
// final size and the chart's area at the chart's height (components/reports/report-chart-card.tsx),
// so the page does not jump when the chart streams in.

/** The drawn chart's height in pixels, as the card computes it; a vertical chart has a bar per owner (at most 20 drawn). */
export function chartHeight(layout: "horizontal" | "vertical", rows: number): number {
  return layout === "vertical" ? Math.max(220, Math.min(rows, 20) * 36 + 80) : 320;
}

export function ReportChartSkeleton({ id, title, height, loading, buttons }: { id: string; title: string; height: number; loading: string; buttons: [string, string] }) {
  const bar = "rounded bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800";
  return (
    <section
      aria-labelledby={`${id}-loading-title`}
      aria-busy="true"
      data-testid={`report-loading-${id}`}
      className="scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-loading-title`} className="text-lg font-semibold text-slate-900 dark:text-white">
            {title}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{loading}</p>
        </div>
        <div className="flex shrink-0 gap-2" aria-hidden="true">
          {buttons.map((label) => (
            <span key={label} className={`${buttonStyles.secondary} ${buttonStyles.small} invisible`}>
              {label}
            </span>
          ))}
        </div>
      </div>
      <div className={`mt-4 w-full ${bar}`} style={{ height }} aria-hidden="true" />
      <div className="mt-4 min-h-11" aria-hidden="true" />
    </section>
  );
}
