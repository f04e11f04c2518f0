import "server-only";
import { authorize, type MemberContext } from "../context";

export type HomeSummary = { activeMembers: number; previousSignIn: { at: Date; ip: string | null } | null };

export async function getHomeSummary(ctx: MemberContext): Promise<HomeSummary> {
  const db = authorize(ctx, "workspace.view");
  const [activeMembers, signIns] = await Promise.all([
    db.user.count({ where: { status: "ACTIVE" } }),
    // The newest sign-in is this session's own; the one before it is "last time".
    db.auditEvent.findMany({
      where: { type: "signin.success", actorUserId: ctx.user.id },
      orderBy: { createdAt: "desc" },
      take: 2,
      select: { createdAt: true, ip: true },
    }),
  ]);
  const previous = signIns[1];
  return { activeMembers, previousSignIn: previous ? { at: previous.createdAt, ip: previous.ip } : null };
}
