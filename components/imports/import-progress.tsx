"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";

// The progress of one import: polls the job until it is done or failed, then says exactly how many
// records arrived and offers the rejected rows for download.

export type JobProgress = { id: string; status: string; totalRows: number; processedRows: number; importedRows: number; failedRows: number };

const POLL_MS = 1000;

export function ImportProgress({ slug, initial }: { slug: string; initial: JobProgress }) {
  const t = useTranslations("imports");
  const [job, setJob] = useState(initial);
  const [pollFailed, setPollFailed] = useState(false);
  const base = `/${encodeURIComponent(slug)}/customers`;

  useEffect(() => {
    if (job.status !== "running") return;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`${base}/import/jobs/${job.id}/status`, { cache: "no-store" });
        const data = (await response.json()) as { ok: boolean; job?: JobProgress };
        if (!data.ok || !data.job) throw new Error("status");
        setPollFailed(false);
        setJob(data.job);
      } catch {
        setPollFailed(true);
        setJob((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, base]);

  const percent = job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : job.status === "running" ? 0 : 100;
  return (
    <div className="space-y-5" data-testid="import-progress" data-status={job.status}>
      <div>
        <div
          role="progressbar"
          aria-label={t("job.progress")}
          aria-valuemin={0}
          aria-valuemax={job.totalRows}
          aria-valuenow={job.processedRows}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            className={`h-full rounded-full transition-[width] ${job.status === "failed" ? "bg-red-600 dark:bg-red-500" : "bg-brand-600 dark:bg-brand-500"}`}
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {job.status === "running" ? (
          <p>{t("job.running", { processed: job.processedRows, total: job.totalRows })}</p>
        ) : job.status === "done" ? (
          <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="import-done">
            {t("job.done", { imported: job.importedRows, failed: job.failedRows })}
          </p>
        ) : (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="import-failed">
            {t("job.failed", { imported: job.importedRows })}
          </p>
        )}
        {pollFailed ? <p className="mt-2 text-amber-800 dark:text-amber-300">{t("job.pollFailed")}</p> : null}
      </div>
      {job.status !== "running" ? (
        <div className="flex flex-wrap gap-3">
          {job.failedRows > 0 ? (
            <a href={`${base}/import/jobs/${job.id}/errors`} className={buttonStyles.secondary} download>
              {t("job.downloadErrors")}
            </a>
          ) : null}
          <Link href={base} className={buttonStyles.primary}>
            {t("job.viewCustomers")}
          </Link>
          <Link href={`${base}/import`} className={buttonStyles.ghost}>
            {t("job.importAnother")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
