import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys/registration";
import { json, memberFor, refusal } from "@/lib/auth/passkeys/route-support";
import { logError } from "@/lib/log";

// Options for adding a passkey to the signed-in member's account (security page, home-page offer).
// Adding a way to sign in is sensitive: a proof of identity older than ten minutes is asked again.
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const slug = (await params).tenant;
    // Also from the forced enrolment (a session owing "mfa-enrol"), where a passkey is one of the factors offered.
    const ctx = (await memberFor(slug)) ?? (await memberFor(slug, "mfa-enrol"));
    if (!ctx) return refusal("signedOut", 401);
    const policy = await getMfaPolicy(ctx.tenant.id);
    if (ctx.restriction === "mfa-enrol" ? !policy.allowPasskeyAsFactor : !policy.allowPasskey && !policy.allowPasskeyAsFactor) return refusal("disabled", 403);
    const returnTo = new URL(request.url).searchParams.get("returnTo");
    if (await needsReverification(ctx)) {
      return refusal("reverify", 403, { reverifyPath: reverifyPath(slug, returnTo?.startsWith(`/${slug}`) ? returnTo : `/${slug}/security`) });
    }
    return json({ options: await passkeyRegistrationOptions(ctx) });
  } catch (error) {
    logError("passkey:register-options", error);
    return refusal("generic", 500);
  }
}
