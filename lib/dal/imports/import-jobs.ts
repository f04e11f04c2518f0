import "server-only";
import { authorize, type MemberContext } from "../context";

// Reading import jobs back: the progress the page polls, the list of recent imports, and the
// error report download. Anyone who may import in the workspace may follow its imports.

export const importJobSelect = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  totalRows: true,
  processedRows: true,
  importedRows: true,
  failedRows: true,
  createdAt: true,
  finishedAt: true,
  createdBy: { select: { name: true } },
} as const;

export type ImportJobView = {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  failedRows: number;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: { name: string };
};

/**
 * An import runs in the server process that accepted the file; if that process died (a deploy, a
 * crash) the job would say "running" forever. 20,000 rows take well under a minute, so a job still
 * running after this long is shown as failed, with the rows it had written by then.
 */
export const STALLED_AFTER_MS = 30 * 60_000;

function withEffectiveStatus(job: ImportJobView, now: number): ImportJobView {
  return job.status === "running" && now - job.createdAt.getTime() > STALLED_AFTER_MS ? { ...job, status: "failed" } : job;
}

export async function getImportJob(ctx: MemberContext, id: string, now = Date.now()): Promise<ImportJobView | null> {
  if (id.length > 40) return null;
  const db = authorize(ctx, "records.import");
  const job = await db.importJob.findFirst({ where: { id }, select: importJobSelect });
  return job ? withEffectiveStatus(job, now) : null;
}

export async function listImportJobs(ctx: MemberContext, take = 10, now = Date.now()): Promise<ImportJobView[]> {
  const db = authorize(ctx, "records.import");
  const jobs = await db.importJob.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: importJobSelect });
  return jobs.map((job) => withEffectiveStatus(job, now));
}

/** The rejected rows as CSV, or null when the job does not exist (here) or rejected nothing. */
export async function getImportErrorReport(ctx: MemberContext, id: string): Promise<{ fileName: string; csv: string } | null> {
  if (id.length > 40) return null;
  const db = authorize(ctx, "records.import");
  const job = await db.importJob.findFirst({ where: { id }, select: { fileName: true, errorReport: true } });
  return job?.errorReport ? { fileName: job.fileName, csv: job.errorReport } : null;
}
