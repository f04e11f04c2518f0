import { isMailboxEnabled } from "@/lib/email/outbox";
import { renderEmailTemplate } from "@/lib/email/templates";
import { previewTarget } from "../../../find-preview";
import { emailPreviewSample } from "../../../samples";

// The HTML part of one template's preview on its own, as a mail client receives it: to open in a
// browser at full width, or to check in another client. Served exactly when /dev/mailbox is.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ template: string; locale: string }> }) {
  if (!isMailboxEnabled()) return new Response("Not found", { status: 404 });
  const target = previewTarget(await params);
  if (!target) return new Response("Not found", { status: 404 });
  const email = await renderEmailTemplate(emailPreviewSample(target.name, target.locale).template, target.locale);
  return new Response(email.html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
