import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { SLUG_PATTERN } from "@/lib/workspace/slug";
import { safeReturnPath } from "./safe-return-path";
import { sessionCookieName } from "./session-cookie";
import { validateSessionToken, type ValidSession } from "./sessions";
import { ipAllowed } from "./ip-allowlist";
import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER } from "./request-info-header";
import { currentStep, parseRestriction, stepPath, type RestrictionStep } from "./session-restriction";

export type MemberContext = {
  tenant: ValidSession["tenant"];
  user: ValidSession["user"];
  role: ValidSession["user"]["role"];
  sessionId: string;
  /**
   * Non-null: the session may only complete this step ("second-factor", "password-change",
   * "mfa-enrol"); `pendingSteps` lists it and any that follow (lib/auth/session-restriction.ts).
   */
  restriction: RestrictionStep | null;
  pendingSteps: RestrictionStep[];
  /** How this session was authenticated ("pwd", "totp", "passkey", …). */
  amr: string[];
  /** When the member last proved who they are; sensitive actions ask again after ten minutes (lib/auth/reverify.ts). */
  verifiedAt: Date;
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
    restriction: currentStep(session.restriction),
    pendingSteps: parseRestriction(session.restriction),
    amr: session.amr,
    verifiedAt: session.verifiedAt,
    networkAllowed: ipAllowed(ip, session.tenant.ipAllowlist),
  };
});

/**
 * The member signed in to this workspace with nothing left to do before using it, or a redirect:
 * to its login page when signed out (a session from workspace A is never valid in workspace B),
 * to the company-network page from outside the allowed network, or to the one step the session
 * still owes (a second factor, a forced password change, a forced second-factor enrolment).
 */
export async function requireMember(slug: string, returnTo?: string): Promise<MemberContext> {
  const member = await requireSignedIn(slug, returnTo);
  if (member.restriction) redirect(stepPath(slug, member.restriction, await pageAskedFor(returnTo)));
  return member;
}

/**
 * The page to come back to after signing in: the address the browser asked for (set by proxy.ts,
 * query included, whichever of the layout and the page redirects first), else what the caller
 * named. The login page and each step keep only a path inside this workspace (safeReturnPath).
 */
async function pageAskedFor(returnTo?: string): Promise<string | undefined> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? returnTo;
}

/** Signed in and on an allowed network, but possibly still owing a step (for that step's own page). */
export async function requireSignedIn(slug: string, returnTo?: string): Promise<MemberContext> {
  // A file a browser asks for on its own (/apple-touch-icon.png) is no workspace: a 404, not a
  // redirect to /apple-touch-icon.png/login.
  if (!SLUG_PATTERN.test(slug)) notFound();
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug) {
    const wanted = safeReturnPath(slug, await pageAskedFor(returnTo));
    const next = wanted !== `/${slug}` ? `?next=${encodeURIComponent(wanted)}` : "";
    redirect(`/${encodeURIComponent(slug)}/login${next}`);
  }
  if (!member.networkAllowed) redirect(`/${encodeURIComponent(slug)}/network-only`);
  return member;
}
