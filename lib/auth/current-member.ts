import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionCookieName } from "./session-cookie";
import { validateSessionToken, type ValidSession } from "./sessions";
import { can, PermissionDeniedError, type Permission } from "./permissions";

export type MemberContext = {
  tenant: ValidSession["tenant"];
  user: ValidSession["user"];
  role: ValidSession["user"]["role"];
  sessionId: string;
};

/** The signed-in member of this request, resolved once per request; null when signed out. */
export const currentSession = cache(async (): Promise<MemberContext | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const session = await validateSessionToken(token);
  if (!session) return null;
  return { tenant: session.tenant, user: session.user, role: session.user.role, sessionId: session.sessionId };
});

/**
 * For pages under /<slug>/: the member signed in to *this* workspace, or a redirect to its login
 * page. A session from workspace A is never valid in workspace B.
 */
export async function requireMember(slug: string, returnTo?: string): Promise<MemberContext> {
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) {
    const next = returnTo ? `?next=${encodeURIComponent(returnTo)}` : "";
    redirect(`/${encodeURIComponent(slug)}/login${next}`);
  }
  return member;
}

export async function requirePermission(slug: string, permission: Permission, returnTo?: string) {
  const member = await requireMember(slug, returnTo);
  if (!can(member.role, permission)) throw new PermissionDeniedError(permission);
  return member;
}
