import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";

export type SessionRow = {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

/** The member's own live sessions, this one first. */
export async function listOwnSessions(ctx: MemberContext, now = new Date()): Promise<SessionRow[]> {
  const db = authorize(ctx, "workspace.view");
  const rows = await db.session.findMany({
    where: { userId: ctx.user.id, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastActiveAt: "desc" },
    select: { id: true, createdAt: true, lastActiveAt: true, ip: true, userAgent: true },
  });
  return rows
    .map((row) => ({ ...row, current: row.id === ctx.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the member's own sessions (not the current one: that is "sign out"). */
export async function revokeOwnSession(ctx: MemberContext, sessionId: string, meta: RequestMeta): Promise<boolean> {
  const db = authorize(ctx, "workspace.view");
  if (sessionId === ctx.sessionId) return false;
  const result = await db.session.updateMany({
    where: { id: sessionId, userId: ctx.user.id, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "user" },
  });
  if (result.count === 0) return false;
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "session.revoked", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { sessionId } });
  return true;
}

/** "Sign out everywhere else": every session of the member except this one. */
export async function revokeOtherOwnSessions(ctx: MemberContext, meta: RequestMeta): Promise<number> {
  const db = authorize(ctx, "workspace.view");
  const result = await db.session.updateMany({
    where: { userId: ctx.user.id, revokedAt: null, id: { not: ctx.sessionId } },
    data: { revokedAt: new Date(), revokedReason: "user" },
  });
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "sessions.revoked_all", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { count: result.count, keptCurrent: true } });
  return result.count;
}
