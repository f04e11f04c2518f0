import "server-only";
import { currentSession, type MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { recordAuditEvent } from "@/lib/auth/audit";
import { requestInfo } from "@/lib/auth/request-info";

export type ExportAccess =
  | { ok: true; member: MemberContext }
  | { ok: false; status: 401 | 403 }
  /** Exporting is sensitive: a member who last proved who they are over ten minutes ago re-verifies first (`location`). */
  | { ok: false; status: 303; location: string };

/**
 * The session check a CSV download route does for itself (route handlers get no layout and no
 * page-level redirect): 401 when nobody of this workspace is signed in, 403 when the member may
 * not export, is outside the allowed network, or still owes a step such as a password change; 303
 * to "Confirm it's you" (coming back to `returnTo`, the page the export was started from) when the
 * member's last verification is older than ten minutes.
 */
export async function authorizeExport(slug: string, returnTo = `/${slug}`): Promise<ExportAccess> {
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) return { ok: false, status: 401 };
  if (!member.networkAllowed || member.restriction !== null || !can(member.role, "audit.view")) return { ok: false, status: 403 };
  if (await needsReverification(member)) return { ok: false, status: 303, location: reverifyPath(slug, returnTo) };
  return { ok: true, member };
}

/**
 * An export of the audit log or the access review is itself a security event: who took a copy of
 * whom-did-what out of the workspace, and with which filters, goes into the audit log.
 */
export async function recordExport(member: MemberContext, what: "audit log" | "access review", filters: string): Promise<void> {
  await recordAuditEvent({
    tenantId: member.tenant.id,
    type: "records.exported",
    actorUserId: member.user.id,
    ...(await requestInfo()),
    data: { what, ...(filters ? { filters } : {}) },
  });
}
