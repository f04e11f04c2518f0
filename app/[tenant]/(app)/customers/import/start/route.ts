import { after } from "next/server";
import { startImport } from "@/lib/dal/imports/run-import";
import { requestInfo } from "@/lib/auth/request-info";
import { handleUpload, json } from "../handle-upload";

export const dynamic = "force-dynamic";

/** Creates the import job and answers with its id at once; the rows are written after the answer. */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return handleUpload(request, tenant, async (member, bytes, options) => {
    const started = await startImport(member, bytes, options, await requestInfo());
    if (!started.ok) return json(started, 422);
    after(started.run);
    return json({ ok: true, jobId: started.jobId });
  });
}
