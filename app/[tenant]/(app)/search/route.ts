import type { NextRequest } from "next/server";
import { currentSession } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { searchRecords } from "@/lib/dal/search/search-records";
import { logError } from "@/lib/log";
import { getLocale } from "next-intl/server";
import { readerLocale } from "@/lib/i18n/name-order";

export const dynamic = "force-dynamic";

/** Ctrl/Cmd+K: JSON results for the command palette, only what the member may see. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const headers = { "cache-control": "no-store", "content-type": "application/json" };
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) return new Response(JSON.stringify({ error: "signedOut" }), { status: 401, headers });
  if (!member.networkAllowed || member.restriction !== null || !can(member.role, "records.read")) {
    return new Response(JSON.stringify({ error: "forbidden" }), { status: 403, headers });
  }
  try {
    const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
    const results = await searchRecords(member, q, 6, readerLocale(await getLocale()));
    return new Response(JSON.stringify(results), { status: 200, headers });
  } catch (error) {
    logError("search", error);
    return new Response(JSON.stringify({ error: "failed" }), { status: 500, headers });
  }
}
