import type { NextRequest } from "next/server";
import { currentSession } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { recordAuditEvent } from "@/lib/auth/audit";
import { requestInfo } from "@/lib/auth/request-info";
import { csvStream } from "@/lib/csv/csv-writer";
import { csvResponse, fileDate } from "@/lib/csv/csv-response";
import { CUSTOMER_EXPORT_COLUMNS, exportCustomers } from "@/lib/dal/customers/export-customers";
import { customerListSearchParams, parseCustomerListQuery } from "@/lib/dal/customers/list-query";
import { cleanIds } from "@/lib/dal/crm/bulk-selection";
import { logError } from "@/lib/log";
import { translatorFor } from "@/lib/i18n/translator";
import { storedListLabel } from "@/components/customers/field-definitions";

export const dynamic = "force-dynamic";

/**
 * The customer list as CSV with the page's filters (the cursor is ignored: the whole result),
 * limited to what the member may see. Exporting takes data out of the workspace, so it needs a
 * recent proof of identity (lib/auth/reverify.ts) and is audited.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const noStore = { "cache-control": "no-store" };
  try {
    const member = await currentSession();
    if (!member || member.tenant.slug !== slug) return new Response("Sign in first.", { status: 401, headers: noStore });
    if (!member.networkAllowed || member.restriction !== null || !can(member.role, "records.export")) return new Response("Forbidden.", { status: 403, headers: noStore });
    const { query } = parseCustomerListQuery(request.nextUrl.searchParams);
    const filters = customerListSearchParams(query);
    // Rows ticked on the list (the bulk bar's "Export CSV"): only those, within the filters and visibility.
    const idsParam = request.nextUrl.searchParams.get("ids");
    const ids = idsParam === null ? undefined : cleanIds(idsParam.split(","));
    if (await needsReverification(member)) {
      // Back to the list with its filters (and the ticked rows); the page offers the download again.
      filters.set("exportReady", "1");
      if (ids) filters.set("exportIds", ids.join(","));
      // A relative Location: the browser resolves it against the address it used. The request's
      // own URL here carries the address the server listens on (0.0.0.0), not one a browser can open.
      return new Response(null, { status: 303, headers: { location: reverifyPath(slug, `/${slug}/customers?${filters.toString()}`), ...noStore } });
    }
    // Labels in the member's language, as the list shows them: a spreadsheet reader sees "Lead", not LEAD.
    const { t } = translatorFor(member.user.locale);
    const batches = exportCustomers(member, query, (list, code) => storedListLabel(t, list, code), ids);
    await recordAuditEvent({
      tenantId: member.tenant.id,
      type: "records.exported",
      actorUserId: member.user.id,
      ...(await requestInfo()),
      data: { what: "customers", filters: Object.fromEntries(filters), ...(ids ? { selected: ids.length } : {}) },
    });
    // Headers in the member's language too; each one is a name the CSV import recognises again.
    const header = CUSTOMER_EXPORT_COLUMNS.map((column) => t(`imports.exportColumns.${column}`));
    return csvResponse(`customers-${slug}-${fileDate()}.csv`, csvStream(header, batches));
  } catch (error) {
    const reference = logError("customers-export", error);
    return new Response(`The export failed (reference ${reference}). Please try again.`, { status: 500, headers: noStore });
  }
}
