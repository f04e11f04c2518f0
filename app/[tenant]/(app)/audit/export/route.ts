import type { NextRequest } from "next/server";
import { authorizeExport, recordExport } from "@/lib/dal/audit/authorize-export";
import { parseAuditFilters } from "@/lib/audit/audit-filters";
import { exportAuditEvents } from "@/lib/dal/audit/export-audit-events";
import { csvStream } from "@/lib/csv/csv-writer";
import { csvResponse, fileDate } from "@/lib/csv/csv-response";
import { detailParts, deviceLabel, englishTranslator, eventLabel } from "@/components/audit/audit-text";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

const HEADER = [
  "Time (UTC)",
  "Event type",
  "Event",
  "Actor",
  "Actor email",
  "Target",
  "Target email",
  "Unknown username",
  "IP address",
  "Device",
  "User agent",
  "Details",
  "Data (JSON)",
] as const;

/** The audit log as CSV, with the same filters as the page (cursor ignored: the whole result). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  try {
    const access = await authorizeExport(slug, `/${slug}/audit${request.nextUrl.search}`);
    if (!access.ok && access.status === 303) return new Response(null, { status: 303, headers: { location: access.location, "cache-control": "no-store" } });
    if (!access.ok) return new Response(access.status === 401 ? "Sign in first." : "Forbidden.", { status: access.status, headers: { "cache-control": "no-store" } });
    const { filters } = parseAuditFilters(request.nextUrl.searchParams);
    await recordExport(access.member, "audit log", request.nextUrl.searchParams.toString());
    const batches = exportAuditEvents(access.member, filters);
    const t = englishTranslator();
    const iso = (date: Date) => date.toISOString();
    const rows = (async function* () {
      for await (const batch of batches) {
        yield batch.map((row) => [
          row.createdAt,
          row.type,
          eventLabel(t, row.type),
          row.actor?.name,
          row.actor?.email,
          row.target?.name,
          row.target?.email,
          row.unknownUsername,
          row.ip,
          row.userAgent ? deviceLabel(t, row.userAgent) : "",
          row.userAgent,
          detailParts(t, row.data, iso).join("; "),
          JSON.stringify(row.data),
        ]);
      }
    })();
    return csvResponse(`audit-${slug}-${fileDate()}.csv`, csvStream(HEADER, rows));
  } catch (error) {
    const reference = logError("audit-export", error);
    return new Response(`The export failed (reference ${reference}). Please try again.`, { status: 500, headers: { "cache-control": "no-store" } });
  }
}
