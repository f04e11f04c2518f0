import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { requestInfo } from "@/lib/auth/request-info";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { passkeyAssertionOptions } from "@/lib/auth/passkeys/authentication";
import { json, refusal } from "@/lib/auth/passkeys/route-support";
import { logError } from "@/lib/log";

// Options for a username-less passkey sign-in (the button, and autofill started on page load).
// Each call stores a challenge, so one address gets at most PASSKEY_OPTIONS_PER_MINUTE of them;
// the verify route is counted by the sign-in IP limit in proxy.ts like every other sign-in.
export const dynamic = "force-dynamic";

const PASSKEY_OPTIONS_PER_MINUTE = 60;

export async function POST(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const workspace = await findWorkspaceBySlug((await params).tenant);
    if (!workspace) return refusal("workspaceNotFound", 404);
    if (!(await getMfaPolicy(workspace.id)).allowPasskey) return refusal("disabled", 403);
    const { ip } = await requestInfo();
    const limit = await hitRateLimit(`passkey-options:ip:${ip ?? "unknown"}`, PASSKEY_OPTIONS_PER_MINUTE, 60);
    if (!limit.allowed) return refusal("rateLimited", 429, { seconds: limit.retryAfterSeconds });
    return json({ options: await passkeyAssertionOptions({ tenantId: workspace.id, purpose: "authentication", userId: null }) });
  } catch (error) {
    logError("passkey:sign-in-options", error);
    return refusal("generic", 500);
  }
}
