import { z } from "zod";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { requestInfo } from "@/lib/auth/request-info";
import { authenticationResponseSchema } from "@/lib/auth/passkeys/responses";
import { signInWithPasskey } from "@/lib/auth/passkeys/sign-in";
import { json, readJsonBody, refusal, requestOriginOf } from "@/lib/auth/passkeys/route-support";
import { logError } from "@/lib/log";

// Verifies a passkey assertion from the login page and signs the browser in (session cookie set
// here); answers where to go next, or a message key for why not. Counted by the per-IP sign-in
// limit in proxy.ts (lib/auth/auth-endpoints.ts).
export const dynamic = "force-dynamic";

const bodySchema = z.object({ response: authenticationResponseSchema, next: z.string().max(2000).optional() });

export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const workspace = await findWorkspaceBySlug((await params).tenant);
    if (!workspace) return refusal("workspaceNotFound", 404);
    const body = await readJsonBody(request, bodySchema);
    if (!body) return refusal("invalid");
    const result = await signInWithPasskey({
      tenant: workspace,
      response: body.response,
      next: body.next,
      requestOrigin: requestOriginOf(request),
      meta: await requestInfo(),
    });
    if (result.ok) return json({ redirectTo: result.redirectTo });
    if (result.reason === "network") return json({ redirectTo: `/${workspace.slug}/network-only` });
    return refusal(result.reason, result.reason === "disabled" ? 403 : 400);
  } catch (error) {
    logError("passkey:sign-in", error);
    return refusal("generic", 500);
  }
}
