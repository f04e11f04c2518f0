import type { ReactNode } from "react";

/** Label/value pairs of a record, two columns on wide screens, stacked on phones. */
export function DetailList({ items }: { items: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="text-slate-600 dark:text-slate-400">{item.label}</dt>
          <dd className="mt-0.5 wrap-anywhere" data-testid={item.testId}>
            {item.value === null || item.value === undefined || item.value === "" ? <span className="text-slate-400 dark:text-slate-500">—</span> : item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
