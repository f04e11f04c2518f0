import { authorizeImport } from "@/lib/dal/imports/authorize-import";
import { getImportErrorReport } from "@/lib/dal/imports/import-jobs";
import { csvResponse } from "@/lib/csv/csv-response";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

const plain = (text: string, status: number) => new Response(text, { status, headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" } });

/** The rejected rows of an import, as CSV: the original columns plus line number and reasons. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; jobId: string }> }) {
  const { tenant, jobId } = await params;
  try {
    const access = await authorizeImport(tenant);
    if (!access.ok) return plain(access.status === 401 ? "Sign in first." : "Forbidden.", access.status);
    const report = await getImportErrorReport(access.member, jobId);
    if (!report) return plain("Not found.", 404);
    const base = report.fileName.replace(/\.[^.]*$/, "") || "import";
    return csvResponse(`${base}-errors.csv`, report.csv);
  } catch (error) {
    const reference = logError("import:errors", error);
    return plain(`The download failed (reference ${reference}). Please try again.`, 500);
  }
}
