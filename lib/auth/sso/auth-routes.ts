import "server-only";
import { NextRequest } from "next/server";
import { currentSession } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/auth/audit";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { decodeFlow, flowCookieHeader, flowCookieName, type FlowIntent, type SsoFlow } from "./flow-cookie";
import { loadConnectionByProviderId, requestMetaOf, runAuthJs } from "./auth-js";
import { loginPageUrl, settingsUrl } from "./provider-callback";

// /api/auth/* (app/api/auth/[...nextauth]/route.ts): the only Auth.js endpoints served are
//   GET  /api/auth/csrf                 the token the sign-in form posts back (Auth.js's double submit);
//   POST /api/auth/signin/sso-<id>      start a flow (intent: sign-in, or an admin's test, or a link);
//   GET  /api/auth/callback/sso-<id>    the provider's redirect back.
// Everything else Auth.js would serve (its own sign-in and sign-out pages, session and JWT
// endpoints, GET sign-in) is a 404: there is no Auth.js session to read.

const notFound = () => new Response(null, { status: 404 });

/**
 * A redirect, or for the login page's fetch (which sends Auth.js's X-Auth-Return-Redirect header,
 * components/sso/auth-js-post-form.tsx) the same URL as JSON, as Auth.js itself answers it.
 */
function seeOther(request: Request, location: string, cookie?: string) {
  const headers = new Headers({ "cache-control": "no-store" });
  if (cookie) headers.append("set-cookie", cookie);
  if (request.headers.has("x-auth-return-redirect")) return Response.json({ url: location }, { headers });
  headers.set("location", location);
  return new Response(null, { status: 303, headers });
}

function withCookie(response: Response, cookie: string): Response {
  const copy = new Response(response.body, response);
  copy.headers.append("set-cookie", cookie);
  return copy;
}

const INTENTS: readonly FlowIntent[] = ["sign-in", "test", "link"];

/**
 * Auth.js answers 500 when its own checks reject a request before any work (a callbackUrl query or
 * cookie that isn't a URL of ours): that is bad input, so it is answered as such.
 */
async function authJs(request: NextRequest, context: Parameters<typeof runAuthJs>[1]): Promise<Response> {
  const response = await runAuthJs(request, context);
  return response.status >= 500 ? new Response(null, { status: 400, headers: { "cache-control": "no-store" } }) : response;
}

export async function handleAuthRequest(request: NextRequest, segments: readonly string[]): Promise<Response> {
  const [action, providerId, ...rest] = segments;
  if (rest.length > 0) return notFound();
  if (action === "csrf" && !providerId && request.method === "GET") return authJs(request, null);
  if (!providerId) return notFound();
  if (action === "signin" && request.method === "POST") return startFlow(request, providerId);
  if (action === "callback" && request.method === "GET") return finishFlow(request, providerId);
  return notFound();
}

async function startFlow(request: NextRequest, providerId: string): Promise<Response> {
  const connection = await loadConnectionByProviderId(providerId);
  if (!connection) return notFound();
  const slug = connection.tenant.slug;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return new Response(null, { status: 400 });
  }
  const intentField = form.get("intent");
  const intent = INTENTS.find((value) => value === intentField) ?? "sign-in";
  const nextField = form.get("next");
  const next = typeof nextField === "string" && nextField ? safeReturnPath(slug, nextField) : null;

  if (intent === "sign-in" && !connection.enabled) {
    await recordAuditEvent({ tenantId: connection.tenantId, type: "signin.failure", ...requestMetaOf(request), data: { method: "sso", connection: connection.displayName, reason: "connection-disabled" } });
    return seeOther(request, loginPageUrl(slug, "connection-disabled"));
  }
  if (intent !== "sign-in") {
    // A test or a link is for a member signed in to this very workspace (an admin, for a test).
    const member = await currentSession();
    const allowed = member && member.tenant.id === connection.tenantId && !member.restriction && member.networkAllowed && (intent === "link" || can(member.role, "sso.manage"));
    if (!allowed) return seeOther(request, intent === "test" ? settingsUrl(slug, "testFailed=not-signed-in") : loginPageUrl(slug, "not-signed-in"));
  }
  const flow: SsoFlow = { providerId, intent, next };
  const response = await authJs(request, { connection, flow, meta: requestMetaOf(request) });
  return withCookie(response, flowCookieHeader(flow));
}

async function finishFlow(request: NextRequest, providerId: string): Promise<Response> {
  const connection = await loadConnectionByProviderId(providerId);
  if (!connection) return notFound();
  const flow = decodeFlow(request.cookies.get(flowCookieName())?.value);
  // A callback for a connection this browser didn't start a flow with (another workspace's, or
  // none): refused before any code is exchanged.
  if (!flow || flow.providerId !== providerId) {
    await recordAuditEvent({ tenantId: connection.tenantId, type: "signin.failure", ...requestMetaOf(request), data: { method: "sso", connection: connection.displayName, reason: "flow-mismatch" } });
    return seeOther(request, loginPageUrl(connection.tenant.slug, "failed"), flowCookieHeader(null));
  }
  const response = await authJs(connection.kind === "DINGTALK" ? withDingTalkCode(request) : request, { connection, flow, meta: requestMetaOf(request) });
  return withCookie(response, flowCookieHeader(null));
}

/** DingTalk redirects back with the code as `authCode`; Auth.js reads the standard `code`. */
export function withDingTalkCode(request: NextRequest): NextRequest {
  const authCode = request.nextUrl.searchParams.get("authCode");
  if (!authCode || request.nextUrl.searchParams.has("code")) return request;
  const url = request.nextUrl.clone();
  url.searchParams.set("code", authCode);
  return new NextRequest(url, request);
}
