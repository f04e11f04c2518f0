import type { NextRequest } from "next/server";
import { handleAuthRequest } from "@/lib/auth/sso/auth-routes";
import { logError } from "@/lib/log";

// Auth.js, for company single sign-on only (lib/auth/sso/auth-routes.ts says which of its
// endpoints are served). Counted by the per-IP sign-in limit in proxy.ts when a flow starts.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, { params }: Context): Promise<Response> {
  try {
    return await handleAuthRequest(request, (await params).nextauth);
  } catch (error) {
    logError("sso:route", error);
    return new Response(null, { status: 500 });
  }
}

export { handle as GET, handle as POST };
