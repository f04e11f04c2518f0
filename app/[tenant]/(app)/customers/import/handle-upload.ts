import "server-only";
import type { MemberContext } from "@/lib/auth/current-member";
import { readUpload } from "@/lib/csv/read-upload";
import { authorizeImport } from "@/lib/dal/imports/authorize-import";
import { parseImportRequest, type ImportRequest } from "@/lib/dal/imports/import-request";
import { IMPORT_MAX_BYTES } from "@/lib/dal/imports/read-import-file";
import { logError } from "@/lib/log";

// The two upload routes (analyze, start) share this: session and permission check, the options
// header, the size limit, and JSON answers whose errors are message keys under "errors.".

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export async function handleUpload(
  request: Request,
  slug: string,
  work: (member: MemberContext, bytes: Uint8Array, options: ImportRequest) => Promise<Response>,
): Promise<Response> {
  try {
    const access = await authorizeImport(slug);
    if (!access.ok) return json({ ok: false, error: access.status === 401 ? "importSignedOut" : "notAllowed" }, access.status);
    const options = parseImportRequest(request.headers.get("x-import-options"));
    if (!options) return json({ ok: false, error: "generic" }, 400);
    const upload = await readUpload(request, IMPORT_MAX_BYTES);
    if (!upload.ok) return json({ ok: false, error: "importTooLarge", values: { max: IMPORT_MAX_BYTES / 1024 / 1024 } }, 413);
    return await work(access.member, upload.bytes, options);
  } catch (error) {
    const reference = logError("import:upload", error);
    return json({ ok: false, error: "importFailedReference", values: { reference } }, 500);
  }
}
