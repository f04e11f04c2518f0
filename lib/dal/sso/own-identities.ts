import "server-only";
import { authorize, type MemberContext } from "@/lib/dal/context";
import { providerIdOf } from "@/lib/auth/sso/connection-kinds";

// The signed-in member's company accounts on /<workspace>/security: each enabled connection, and
// whether an identity of it is linked to them (a link is made there, signed in: never by email).
export type OwnSsoAccount = { providerId: string; displayName: string; linkedAt: Date | null };

export async function listOwnSsoAccounts(ctx: MemberContext): Promise<OwnSsoAccount[]> {
  const db = authorize(ctx, "workspace.view");
  const connections = await db.ssoConnection.findMany({
    where: { enabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true, accounts: { where: { userId: ctx.user.id }, select: { createdAt: true }, take: 1 } },
  });
  return connections.map((c) => ({ providerId: providerIdOf(c.id), displayName: c.displayName, linkedAt: c.accounts[0]?.createdAt ?? null }));
}
