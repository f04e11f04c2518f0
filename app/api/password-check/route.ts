import { commonPasswordVerdict, PASSWORD_CHECK_BODY_LIMIT } from "@/lib/auth/password-policy/common-check.server";
import { readUpload } from "@/lib/csv/read-upload";
import { logError } from "@/lib/log";

// POST { password } → { common }: the common-password list's verdict for a new password while it
// is typed (components/forms/use-common-password-verdict.ts). Public, because sign-up and
// invitations are used before sign-in; it reads a list that is public anyway and changes nothing,
// so it is not counted against the sign-in attempts per IP. The body is never logged.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (!request.headers.get("content-type")?.startsWith("application/json") || length > PASSWORD_CHECK_BODY_LIMIT) {
    return Response.json({ error: "badRequest" }, { status: 400, headers: NO_STORE });
  }
  let body: unknown;
  try {
    // Read up to the limit only: a chunked body has no content-length to check first.
    const upload = await readUpload(request, PASSWORD_CHECK_BODY_LIMIT);
    if (!upload.ok) return Response.json({ error: "badRequest" }, { status: 400, headers: NO_STORE });
    body = JSON.parse(new TextDecoder().decode(upload.bytes));
  } catch {
    return Response.json({ error: "badRequest" }, { status: 400, headers: NO_STORE });
  }
  try {
    const verdict = await commonPasswordVerdict(body);
    if (!verdict) return Response.json({ error: "badRequest" }, { status: 400, headers: NO_STORE });
    return Response.json(verdict, { headers: NO_STORE });
  } catch (error) {
    logError("password-check", error);
    return Response.json({ error: "unavailable" }, { status: 503, headers: NO_STORE });
  }
}
