const TONES: Record<string, string> = {
  LEAD: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  ACTIVE: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  INACTIVE: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`rounded-full px-2.5 py-1 text-xs font-semibold ${TONES[status] ?? TONES.INACTIVE}`}>{label}</span>;
}
