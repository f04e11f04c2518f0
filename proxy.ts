import { NextResponse, type NextRequest } from "next/server";
import { isAuthEndpoint, RATE_LIMITED_PREFIX } from "@/lib/auth/auth-endpoints";
import { AUTH_IP_LIMIT, hitRateLimit } from "@/lib/auth/rate-limit";
import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER } from "@/lib/auth/request-info-header";
import { logError } from "@/lib/log";
import { appUrl } from "@/lib/config";
import { canonicalHostRedirect } from "@/lib/http/canonical-host";

// Runs before every request: sets a per-request CSP nonce, refuses state-changing requests from
// other origins, and turns away credential stuffing (too many sign-in-like POSTs from one IP)
// before any password is hashed. It makes no auth decisions; every page, action and route
// checks the session itself (DESIGN.md).

function contentSecurityPolicy(nonce: string) {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The captcha's proof-of-work worker is a same-origin file; say so rather than leave workers to script-src.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return request.headers.get("sec-fetch-site") === "cross-site";
}

async function ipLimitExceeded(request: NextRequest): Promise<number | null> {
  const ip = request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
  try {
    const result = await hitRateLimit(`auth:ip:${ip}`, AUTH_IP_LIMIT.limit, AUTH_IP_LIMIT.windowSeconds);
    return result.allowed ? null : result.retryAfterSeconds;
  } catch (error) {
    // The limiter must not take sign-in down with it; the per-username lockout still applies.
    logError("proxy:ip-limit", error);
    return null;
  }
}

/** A page visit on another name for this server goes to APP_URL's (lib/http/canonical-host.ts). */
function redirectToCanonicalHost(request: NextRequest): NextResponse | null {
  const location = canonicalHostRedirect(
    {
      method: request.method,
      pathname: request.nextUrl.pathname,
      search: request.nextUrl.search,
      host: request.headers.get("host"),
      forwardedHost: request.headers.get("x-forwarded-host"),
      trustProxy: process.env.TRUST_PROXY === "true",
    },
    appUrl(),
  );
  return location ? new NextResponse(null, { status: 307, headers: { location, "cache-control": "no-store" } }) : null;
}

/**
 * The page the browser asked for, for lib/auth/current-member.ts to send a signed-out visitor back
 * to after sign-in. Always overwritten, so a client can't choose it; Next's own _rsc cache-buster
 * is no part of the address.
 */
function setRequestPath(requestHeaders: Headers, request: NextRequest) {
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${query ? `?${query}` : ""}`);
}

export async function proxy(request: NextRequest) {
  const canonical = redirectToCanonicalHost(request);
  if (canonical) return canonical;
  const unsafe = !["GET", "HEAD", "OPTIONS"].includes(request.method);
  if (unsafe && isCrossOrigin(request)) {
    return new NextResponse("Cross-origin request refused", { status: 403 });
  }
  // Server action ids are hex digests; anything else is a forged request that Next.js would answer
  // with a 500 (and a stack trace in the log) instead of the 400 it is.
  const actionId = request.headers.get("next-action");
  if (actionId !== null && !/^[0-9a-f]{40,64}$/i.test(actionId)) {
    return new NextResponse("Bad request", { status: 400, headers: { "content-type": "text/plain" } });
  }
  if (request.method === "POST" && isAuthEndpoint(request.nextUrl.pathname)) {
    const retryAfter = await ipLimitExceeded(request);
    if (retryAfter !== null) {
      // text/plain: Next's client hands this body to the form as the error message.
      return new NextResponse(`${RATE_LIMITED_PREFIX}${retryAfter}`, {
        status: 429,
        headers: { "content-type": "text/plain", "retry-after": String(retryAfter) },
      });
    }
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  setRequestPath(requestHeaders, request);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // The icons are files, not pages: no CSP, no host redirect, and never a workspace address.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg).*)" }],
};
