import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionCookieName } from "./session-cookie";
import { validateSessionToken, type ValidSession } from "./sessions";
import { ipAllowed } from "./ip-allowlist";
import { CLIENT_IP_HEADER } from "./request-info-header";

export type MemberContext = {
  tenant: ValidSession["tenant"];
  user: ValidSession["user"];
  role: ValidSession["user"]["role"];
  sessionId: string;
  /** Non-null: the session may only complete this step (e.g. "password-change"). */
  restriction: string | null;
  /** False when the workspace allows only its company network and this request comes from elsewhere. */
  networkAllowed: boolean;
};

/** The signed-in member of this request, resolved once per request; null when signed out. */
export const currentSession = cache(async (): Promise<MemberContext | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const session = await validateSessionToken(token);
  if (!session) return null;
  const ip = (await headers()).get(CLIENT_IP_HEADER);
  return {
    tenant: session.tenant,
    user: session.user,
    role: session.user.role,
    sessionId: session.sessionId,
    restriction: session.restriction,
    networkAllowed: ipAllowed(ip, session.tenant.ipAllowlist),
  };
});

/**
 * The member signed in to this workspace with nothing left to do before using it, or a redirect:
 * to its login page when signed out (a session from workspace A is never valid in workspace B),
 * to the company-network page from outside the allowed network, or to the one step the session
 * still owes (a forced password change).
 */
export async function requireMember(slug: string, returnTo?: string): Promise<MemberContext> {
  const member = await requireSignedIn(slug, returnTo);
  if (member.restriction === "password-change") redirect(`/${encodeURIComponent(slug)}/change-password`);
  return member;
}

/** Signed in and on an allowed network, but possibly still owing a step (for that step's own page). */
export async function requireSignedIn(slug: string, returnTo?: string): Promise<MemberContext> {
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) {
    const next = returnTo ? `?next=${encodeURIComponent(returnTo)}` : "";
    redirect(`/${encodeURIComponent(slug)}/login${next}`);
  }
  if (!member.networkAllowed) redirect(`/${encodeURIComponent(slug)}/network-only`);
  return member;
}
