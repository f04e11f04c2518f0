import type { ReactNode } from "react";

/**
 * A record page's body: its details (and related records) beside its timeline from 1024 px up,
 * one column below that with a link near the top that jumps past the details to the timeline
 * (plain anchors: they work without JavaScript and move keyboard focus along).
 */
export function RecordColumns({
  details,
  timeline,
  labels,
}: {
  details: ReactNode;
  timeline: ReactNode;
  labels: { sections: string; details: string; timeline: string };
}) {
  return (
    <>
      <nav aria-label={labels.sections} className="flex flex-wrap gap-2 lg:hidden" data-testid="record-jump">
        <a
          href="#record-timeline"
          className="inline-flex min-h-11 items-center rounded-lg border border-brand-600 px-4 text-sm font-medium text-brand-700 hover:bg-brand-50 dark:border-brand-400 dark:text-brand-300 dark:hover:bg-slate-900"
        >
          {labels.timeline} ↓
        </a>
      </nav>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start">
        <div id="record-details" className="min-w-0 space-y-6" aria-label={labels.details} role="region" data-testid="record-details">
          {details}
        </div>
        <div id="record-timeline" className="min-w-0 scroll-mt-4 space-y-6" data-testid="record-timeline-column">
          {timeline}
        </div>
      </div>
    </>
  );
}
