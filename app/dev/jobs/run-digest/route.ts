import { isMailboxEnabled } from "@/lib/email/outbox";
import { runDigestNow } from "@/lib/jobs/run-digest-now";

// Development / end-to-end tests only, enabled exactly when /dev/mailbox is (never in production
// unless MAILBOX_ENABLED=true): sends the daily digest of the members with `email` now, through
// the real scheduled-job handler, instead of at 08:00 their time.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (!isMailboxEnabled()) return new Response("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  const email = form?.get("email");
  // A NUL can't be compared in PostgreSQL; the lookup would fail instead of finding no one.
  if (typeof email !== "string" || email.length === 0 || email.length > 254 || email.includes("\u0000")) {
    return Response.json({ error: "email required" }, { status: 400 });
  }
  return Response.json(await runDigestNow(email), { headers: { "cache-control": "no-store" } });
}
