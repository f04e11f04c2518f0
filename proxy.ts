import { NextResponse, type NextRequest } from "next/server";
import { isAuthEndpoint, RATE_LIMITED_PREFIX } from "@/lib/auth/auth-endpoints";
import { chargeAuthIpLimit } from "@/lib/auth/ip-limit";
import { CLIENT_IP_HEADER, IP_LIMIT_CHARGED_HEADER } from "@/lib/auth/request-info-header";

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

export async function proxy(request: NextRequest) {
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
  const requestHeaders = new Headers(request.headers);
  // Only this proxy says whether it counted the request (lib/auth/request-info-header.ts).
  requestHeaders.delete(IP_LIMIT_CHARGED_HEADER);
  if (request.method === "POST" && isAuthEndpoint(request.nextUrl.pathname)) {
    const retryAfter = await chargeAuthIpLimit(request.headers.get(CLIENT_IP_HEADER));
    requestHeaders.set(IP_LIMIT_CHARGED_HEADER, "1");
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
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
