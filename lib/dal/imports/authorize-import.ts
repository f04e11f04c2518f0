import "server-only";
import { currentSession, type MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";

export type ImportAccess = { ok: true; member: MemberContext } | { ok: false; status: 401 | 403 };

/**
 * The session check the import route handlers do for themselves (route handlers get no layout):
 * 401 when nobody of this workspace is signed in, 403 when the member may not import, is outside
 * the allowed network, or still owes a step such as a password change.
 */
export async function authorizeImport(slug: string): Promise<ImportAccess> {
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) return { ok: false, status: 401 };
  if (!member.networkAllowed || member.restriction !== null || !can(member.role, "records.import")) return { ok: false, status: 403 };
  return { ok: true, member };
}
