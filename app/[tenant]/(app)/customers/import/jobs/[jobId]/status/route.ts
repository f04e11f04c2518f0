import { authorizeImport } from "@/lib/dal/imports/authorize-import";
import { getImportJob } from "@/lib/dal/imports/import-jobs";
import { logError } from "@/lib/log";
import { json } from "../../../handle-upload";

export const dynamic = "force-dynamic";

/** What the progress bar polls. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; jobId: string }> }) {
  const { tenant, jobId } = await params;
  try {
    const access = await authorizeImport(tenant);
    if (!access.ok) return json({ ok: false }, access.status);
    const job = await getImportJob(access.member, jobId);
    if (!job) return json({ ok: false }, 404);
    const { createdBy: _createdBy, ...rest } = job;
    return json({ ok: true, job: rest });
  } catch (error) {
    logError("import:status", error);
    return json({ ok: false }, 500);
  }
}
