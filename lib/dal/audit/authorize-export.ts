import "server-only";
import { currentSession, type MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";

export type ExportAccess = { ok: true; member: MemberContext } | { ok: false; status: 401 | 403 };

/**
 * The session check a CSV download route does for itself (route handlers get no layout and no
 * page-level redirect): 401 when nobody of this workspace is signed in, 403 when the member may
 * not export, is outside the allowed network, or still owes a step such as a password change.
 */
export async function authorizeExport(slug: string): Promise<ExportAccess> {
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) return { ok: false, status: 401 };
  if (!member.networkAllowed || member.restriction !== null || !can(member.role, "audit.view")) return { ok: false, status: 403 };
  return { ok: true, member };
}
