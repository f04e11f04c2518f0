import { NextResponse, type NextRequest } from "next/server";
import { isAuthEndpoint, RATE_LIMITED_PREFIX } from "@/lib/auth/auth-endpoints";
import { chargeAuthIpLimit } from "@/lib/auth/ip-limit";
import { CLIENT_IP_HEADER, IP_LIMIT_CHARGED_HEADER, REQUEST_PATH_HEADER } from "@/lib/auth/request-info-header";
import { ACTION_BODY_LIMIT_BYTES, bodyExceeds, isCleanUrl, isFormLikePost, isWellFormedActionCall, isWellFormedFormPost } from "@/lib/http/request-guards";
import { isKnownActionId } from "@/lib/http/known-actions";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { appUrl, isHttpsDeployment } from "@/lib/config";
import { canonicalHostRedirect } from "@/lib/http/canonical-host";

// Runs before every request: sets a per-request CSP nonce, refuses state-changing requests from
// other origins, refuses input no page or action can use (lib/http/request-guards.ts) with a 4xx
// instead of letting it become a 500, and turns away credential stuffing (too many sign-in-like
// POSTs from one IP) before any password is hashed. It makes no auth decisions; every page,
// action and route checks the session itself (DESIGN.md).

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

type RefusalKey = "badUrl" | "badRequest" | "payloadTooLarge" | "unknownAction" | "pageNotFound";

/** A short plain-text refusal in the reader's language (the same choice as i18n/request.ts). */
function refuse(request: NextRequest, status: number, key: RefusalKey, headers: Record<string, string> = {}) {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage(request.headers.get("accept-language"));
  return new NextResponse(MESSAGES[locale].errors[key], {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** Why a server action call or form post is refused before Next.js decodes it, if it is. */
async function refusedFormPost(request: NextRequest): Promise<NextResponse | null> {
  if (!isFormLikePost(request.method, request.headers)) return null;
  // Next.js reads a form body to its limit and then fails with a 500; say 413 before it starts.
  const length = request.headers.get("content-length");
  const tooLarge = length === null ? await bodyExceeds(request.clone(), ACTION_BODY_LIMIT_BYTES) : Number(length) > ACTION_BODY_LIMIT_BYTES;
  if (tooLarge) return refuse(request, 413, "payloadTooLarge");
  const actionId = request.headers.get("next-action");
  if (actionId === null) return (await isWellFormedFormPost(request.clone(), isKnownActionId)) ? null : refuse(request, 400, "badRequest");
  // Server action ids are hex digests; anything else is a forged request.
  if (!/^[0-9a-f]{40,64}$/i.test(actionId)) return refuse(request, 400, "badRequest");
  // The header tells Next.js's client to throw its "action not found" error, as Next.js's own 409 does.
  if (!isKnownActionId(actionId)) return refuse(request, 404, "unknownAction", { "x-nextjs-action-not-found": "1" });
  if (!(await isWellFormedActionCall(request.clone()))) return refuse(request, 400, "badRequest");
  return null;
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

// Two years, subdomains included: once a browser has seen the https site it never tries plain
// http for it again. Set here, per response, rather than in next.config.mjs's headers(), which
// `next build` bakes into the build: a build made without APP_URL (a CI image, the browser tests'
// build) would then serve an https deployment without HSTS.
const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export async function proxy(request: NextRequest) {
  const response = await answer(request);
  if (isHttpsDeployment()) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

async function answer(request: NextRequest): Promise<NextResponse> {
  const canonical = redirectToCanonicalHost(request);
  if (canonical) return canonical;
  const unsafe = !["GET", "HEAD", "OPTIONS"].includes(request.method);
  if (unsafe && isCrossOrigin(request)) {
    return new NextResponse("Cross-origin request refused", { status: 403 });
  }
  // A NUL or a broken escape would reach a page's lookups (PostgreSQL refuses U+0000) as a 500.
  if (!isCleanUrl(new URL(request.url))) return refuse(request, 400, "badUrl");
  // Next.js's own error pages answer their paths directly, /_global-error with a 500.
  if (/^\/_(?:global-error|not-found)(?:\/|$)/.test(request.nextUrl.pathname)) return refuse(request, 404, "pageNotFound");
  const refused = await refusedFormPost(request);
  if (refused) return refused;
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
  setRequestPath(requestHeaders, request);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // The icons are files, not pages: no CSP, no host redirect, and never a workspace address.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg).*)" }],
};
