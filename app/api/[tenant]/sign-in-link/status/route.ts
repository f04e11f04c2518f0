import { waitingTabStatus } from "@/lib/auth/email-sign-in-link";
import { readLinkRequestCookie } from "@/lib/auth/email-link-cookie";
import { currentSession } from "@/lib/auth/current-member";
import { logError } from "@/lib/log";

// Polled by the login tab that asked for a sign-in link (components/email-link/link-waiting.tsx)
// with its HttpOnly request-key cookie: "waiting", "signed-in" (used in this browser: go on into
// the app) or "elsewhere" (used in another browser or device: this tab stays signed out).
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const session = await currentSession();
    const status = await waitingTabStatus((await params).tenant, await readLinkRequestCookie(), session?.tenant.slug ?? null);
    return Response.json({ status }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    logError("sign-in-link:status", error);
    return Response.json({ status: "waiting" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
