import "server-only";
import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import type { OAuthConfig, OIDCConfig } from "next-auth/providers";
import { NextRequest } from "next/server";
import { appUrl } from "@/lib/config";
import { logError } from "@/lib/log";
import { mfaSubkey } from "@/lib/auth/secret-box";
import { CLIENT_IP_HEADER } from "@/lib/auth/request-info-header";
import type { RequestMeta } from "@/lib/dal/context";
import { providerIdOf } from "./connection-kinds";
import { loadConnectionByProviderId, openClientSecret, type LoadedConnection } from "./connections";
import type { SsoFlow } from "./flow-cookie";
import { guardedFetch } from "./outbound-fetch";
import { answerProviderSignIn, loginPageUrl } from "./provider-callback";
import { authorizationParams, fetchWorkplaceProfile, isWorkplaceKind, workplaceEndpoints, workplaceFetch, type WorkplaceConfig } from "./workplace-apps";

// Auth.js runs the OpenID Connect protocol (discovery, the authorization request with PKCE, state
// and nonce, the code exchange, the id token's issuer, audience, expiry and nonce) and nothing
// else. Its configuration is built per request (NextAuth's lazy form) with the one provider the
// URL names, /api/auth/{signin,callback}/sso-<connection id>, so a workspace's connection exists
// only for its own flows. Its signIn callback always answers a URL (provider-callback.ts), which
// makes Auth.js redirect before it would create a user, an account or a session: the app's own
// revocable session is the only session (lib/auth/sso/complete-sign-in.ts opens it).

type FlowContext = { connection: LoadedConnection; flow: SsoFlow; meta: RequestMeta };

// The request object our route hands to Auth.js is the one Auth.js hands to the lazy config.
const contexts = new WeakMap<Request, FlowContext>();

/**
 * Auth.js encrypts its state, PKCE and nonce cookies with this; derived from the key that seals
 * second-factor secrets (MFA_ENCRYPTION_KEY), so there is no AUTH_SECRET to configure.
 */
function authJsSecret(): string {
  return mfaSubkey("authjs-flow-cookies").toString("base64url");
}

export function oidcProviderFor(connection: LoadedConnection): OIDCConfig<Record<string, unknown>> {
  const hd = connection.kind === "GOOGLE" && connection.providerTenant ? { hd: connection.providerTenant } : {};
  return {
    id: providerIdOf(connection.id),
    name: connection.displayName,
    type: "oidc",
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: openClientSecret(connection),
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile", ...hd } },
    allowDangerousEmailAccountLinking: false,
    profile: (profile) => ({ id: String(profile.sub ?? ""), email: typeof profile.email === "string" ? profile.email : null, name: typeof profile.name === "string" ? profile.name : null }),
    [customFetch]: guardedFetch,
  };
}

/**
 * WeCom, DingTalk or Feishu as an Auth.js OAuth 2.0 provider (workplace-apps.ts supplies the
 * non-standard code exchange and user info). PKCE where the app supports it (Feishu); state on all.
 */
export function workplaceProviderFor(connection: LoadedConnection): OAuthConfig<Record<string, unknown>> {
  if (!isWorkplaceKind(connection.kind)) throw new TypeError(`not a workplace app: ${connection.kind}`);
  const config: WorkplaceConfig = {
    kind: connection.kind,
    clientId: connection.clientId,
    clientSecret: openClientSecret(connection),
    providerTenant: connection.providerTenant,
    endpoints: workplaceEndpoints(connection.kind, connection.issuer),
  };
  return {
    id: providerIdOf(connection.id),
    name: connection.displayName,
    type: "oauth",
    clientId: connection.clientId,
    clientSecret: config.clientSecret,
    checks: connection.kind === "FEISHU" ? ["pkce", "state"] : ["state"],
    authorization: { url: config.endpoints.authorization, params: authorizationParams(config) },
    token: { url: config.endpoints.token },
    userinfo: { url: config.endpoints.userinfo, request: ({ tokens }: { tokens: Record<string, unknown> }) => fetchWorkplaceProfile(config, tokens, guardedFetch) },
    allowDangerousEmailAccountLinking: false,
    profile: (profile) => ({ id: String(profile.sub ?? ""), email: typeof profile.email === "string" ? profile.email : null, name: typeof profile.name === "string" ? profile.name : null }),
    [customFetch]: workplaceFetch(config, guardedFetch),
  };
}

export function providerFor(connection: LoadedConnection) {
  return isWorkplaceKind(connection.kind) ? workplaceProviderFor(connection) : oidcProviderFor(connection);
}

const { handlers } = NextAuth(async (req): Promise<NextAuthConfig> => {
  const context = req ? contexts.get(req) : undefined;
  return {
    basePath: "/api/auth",
    secret: authJsSecret(),
    // The request's host headers are ours: the route rebuilt them from APP_URL (requestForAuthJs).
    trustHost: true,
    providers: context ? [providerFor(context.connection)] : [],
    session: { strategy: "jwt" },
    pages: context ? { error: `/${context.connection.tenant.slug}/login?sso=failed`, signIn: `/${context.connection.tenant.slug}/login` } : {},
    callbacks: {
      async signIn({ profile }) {
        if (!context || !profile) return loginPageUrl(context?.connection.tenant.slug ?? "", "failed");
        return answerProviderSignIn({ connection: context.connection, flow: context.flow, claims: profile as Record<string, unknown>, meta: context.meta });
      },
    },
    // Auth.js logs errors with their stack and cause (which can hold a provider's response); the
    // app's log keeps the error class and a reference only.
    logger: {
      error: (error) => void logError("sso:authjs", error),
      warn: () => {},
      debug: () => {},
    },
  };
});

/**
 * The request Auth.js sees: the same method, path, body and cookies, but the origin of APP_URL,
 * in the URL and in the Host / X-Forwarded-* headers Auth.js derives callback URLs from. The
 * listening address (0.0.0.0) or a client-sent X-Forwarded-Host never reaches a redirect_uri.
 */
export function requestForAuthJs(request: NextRequest): NextRequest {
  const base = new URL(appUrl());
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, base);
  const headers = new Headers(request.headers);
  headers.set("host", base.host);
  headers.set("x-forwarded-host", base.host);
  headers.set("x-forwarded-proto", base.protocol.replace(":", ""));
  const init = { method: request.method, headers, body: request.body, duplex: "half" };
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
}

export function requestMetaOf(request: Request): RequestMeta {
  return { ip: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null };
}

/** Hands a request to Auth.js with its flow's connection (null: the CSRF token only); the caller has checked the flow. */
export async function runAuthJs(request: NextRequest, context: FlowContext | null): Promise<Response> {
  const forAuthJs = requestForAuthJs(request);
  if (context) contexts.set(forAuthJs, context);
  return request.method === "POST" ? handlers.POST(forAuthJs) : handlers.GET(forAuthJs);
}

export { loadConnectionByProviderId };
