import { z } from "zod";
import { requestInfo } from "@/lib/auth/request-info";
import { authenticationResponseSchema } from "@/lib/auth/passkeys/responses";
import { passkeyAsSecondFactor } from "@/lib/auth/passkeys/sign-in";
import { json, memberFor, readJsonBody, refusal, requestOriginOf } from "@/lib/auth/passkeys/route-support";
import { logError } from "@/lib/log";

// Completes the second-factor step with a passkey: the session is rotated (new cookie) and the
// answer says where to go next. Counted by the per-IP sign-in limit in proxy.ts.
export const dynamic = "force-dynamic";

const bodySchema = z.object({
  response: authenticationResponseSchema,
  rememberDevice: z.boolean().default(false),
  next: z.string().max(2000).optional(),
});

export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  try {
    const ctx = await memberFor((await params).tenant, "second-factor");
    if (!ctx) return refusal("signedOut", 401);
    const body = await readJsonBody(request, bodySchema);
    if (!body) return refusal("invalid");
    const result = await passkeyAsSecondFactor({
      ctx,
      response: body.response,
      rememberDevice: body.rememberDevice,
      next: body.next,
      requestOrigin: requestOriginOf(request),
      meta: await requestInfo(),
    });
    if (result.ok) return json({ redirectTo: result.redirectTo });
    return refusal(result.reason, result.reason === "disabled" ? 403 : 400);
  } catch (error) {
    logError("passkey:second-factor", error);
    return refusal("generic", 500);
  }
}
