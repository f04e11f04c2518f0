import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { requestInfo } from "@/lib/auth/request-info";
import { registerPasskey } from "@/lib/auth/passkeys/registration";
import { registrationResponseSchema } from "@/lib/auth/passkeys/responses";
import { PASSKEY_NAME_MAX } from "@/lib/auth/passkeys/names";
import { json, memberFor, readJsonBody, refusal, requestOriginOf } from "@/lib/auth/passkeys/route-support";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";
import { logError } from "@/lib/log";

// Verifies the browser's new credential and stores it as one of the member's passkeys.
export const dynamic = "force-dynamic";

const bodySchema = z.object({ response: registrationResponseSchema, name: z.string().max(200) });

export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const slug = (await params).tenant;
    // Also from the forced enrolment (a session owing "mfa-enrol"), where a passkey is one of the factors offered.
    const ctx = (await memberFor(slug)) ?? (await memberFor(slug, "mfa-enrol"));
    if (!ctx) return refusal("signedOut", 401);
    const body = await readJsonBody(request, bodySchema);
    if (!body) return refusal("invalid");
    const name = body.name.trim();
    if (!name) return refusal("nameRequired");
    if (name.length > PASSKEY_NAME_MAX) return refusal("nameTooLong");
    const policy = await getMfaPolicy(ctx.tenant.id);
    if (ctx.restriction === "mfa-enrol" ? !policy.allowPasskeyAsFactor : !policy.allowPasskey && !policy.allowPasskeyAsFactor) return refusal("disabled", 403);
    if (await needsReverification(ctx)) return refusal("reverify", 403, { reverifyPath: reverifyPath(slug, `/${slug}/security`) });
    const result = await registerPasskey({
      owner: ctx,
      sessionId: ctx.sessionId,
      response: body.response,
      name,
      requestOrigin: requestOriginOf(request),
      meta: await requestInfo(),
    });
    if (!result.ok) return refusal(result.reason);
    // A new way to sign in: this session carries on under a new token (set with this answer).
    if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
    revalidatePath(`/${slug}/security`);
    return json({ passkey: result.passkey, recoveryCodes: result.recoveryCodes });
  } catch (error) {
    logError("passkey:register", error);
    return refusal("generic", 500);
  }
}
