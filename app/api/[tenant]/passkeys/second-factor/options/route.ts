import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { passkeyAssertionOptions } from "@/lib/auth/passkeys/authentication";
import { json, memberFor, refusal } from "@/lib/auth/passkeys/route-support";
import { logError } from "@/lib/log";

// Options for a passkey as the second factor: only a session that owes one, only its member's passkeys.
export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const ctx = await memberFor((await params).tenant, "second-factor");
    if (!ctx) return refusal("signedOut", 401);
    if (!(await getMfaPolicy(ctx.tenant.id)).allowPasskeyAsFactor) return refusal("disabled", 403);
    return json({ options: await passkeyAssertionOptions({ tenantId: ctx.tenant.id, purpose: "second-factor", userId: ctx.user.id }) });
  } catch (error) {
    logError("passkey:second-factor-options", error);
    return refusal("generic", 500);
  }
}
