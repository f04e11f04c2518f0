import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { requestInfo } from "@/lib/auth/request-info";
import { completeSsoSignIn } from "@/lib/auth/sso/complete-sign-in";
import { appUrl } from "@/lib/config";
import { logError } from "@/lib/log";

// Where Auth.js's signIn callback sends the browser after a company sign-in, with a single-use
// ticket (lib/auth/sso/complete-sign-in.ts): sets the session cookie and moves on to the step the
// session owes or the page asked for.
export const dynamic = "force-dynamic";

const seeOther = (path: string) => new Response(null, { status: 303, headers: { location: `${appUrl()}${path}`, "cache-control": "no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const slug = (await params).tenant;
  try {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return new Response(null, { status: 404 });
    const ticket = new URL(request.url).searchParams.get("ticket") ?? "";
    const result = await completeSsoSignIn({ workspace, ticket, meta: await requestInfo() });
    if (result.ok) return seeOther(result.redirectTo);
    if (result.reason === "network") return seeOther(`/${workspace.slug}/network-only`);
    return seeOther(`/${workspace.slug}/login?sso=${result.reason}`);
  } catch (error) {
    logError("sso:complete", error);
    return seeOther(`/${encodeURIComponent(slug)}/login?sso=failed`);
  }
}
