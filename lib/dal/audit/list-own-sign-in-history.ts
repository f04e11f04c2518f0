import "server-only";
import { authorize, type MemberContext } from "../context";
import { SIGN_IN_EVENT_TYPES } from "@/lib/audit/event-types";
import { flattenAuditData } from "./audit-rows";

export type SignInHistoryRow = {
  id: string;
  at: Date;
  success: boolean;
  /** "password", "invitation", "signup", … (later "passkey", "email-link"); null if unrecorded. */
  method: string | null;
  /** Why a failed attempt failed ("wrong-password", "locked", …); null for successes. */
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
};

/**
 * The signed-in member's own recent sign-ins, successful and failed, newest first: what they
 * need to spot an attempt that wasn't them. Every member may see their own; nobody else's.
 */
export async function listOwnSignInHistory(ctx: MemberContext, limit = 20): Promise<SignInHistoryRow[]> {
  const db = authorize(ctx, "workspace.view");
  const rows = await db.auditEvent.findMany({
    where: { type: { in: [...SIGN_IN_EVENT_TYPES] }, targetUserId: ctx.user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(Math.trunc(limit), 1), 200),
    select: { id: true, createdAt: true, type: true, ip: true, userAgent: true, data: true },
  });
  return rows.map((row) => {
    const data = flattenAuditData(row.data);
    const success = row.type === "signin.success";
    return {
      id: row.id,
      at: row.createdAt,
      success,
      method: typeof data.method === "string" ? data.method : null,
      reason: !success && typeof data.reason === "string" ? data.reason : null,
      ip: row.ip,
      userAgent: row.userAgent,
    };
  });
}
