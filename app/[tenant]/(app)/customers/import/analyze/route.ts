import { analyzeImport } from "@/lib/dal/imports/analyze-import";
import { handleUpload, json } from "../handle-upload";

export const dynamic = "force-dynamic";

/** The mapping and preview step: the file is read and every row checked; nothing is written. */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return handleUpload(request, tenant, async (member, bytes, options) => {
    const result = await analyzeImport(member, bytes, options);
    return json(result, result.ok ? 200 : 422);
  });
}
