import "server-only";
import { isHttpsDeployment } from "@/lib/config";

// Which flow this browser started, kept from the POST that starts it to the provider's callback
// (HttpOnly, ten minutes): the provider id it was started for, why (signing in, an admin's test
// of the configuration, a signed-in member linking their identity) and the page asked for. A
// callback arriving at another provider's path (another workspace's connection) finds a cookie
// naming a different provider and is refused before any code is exchanged, whatever Auth.js's
// state and PKCE cookies (which are not bound to a provider) would say.

export type FlowIntent = "sign-in" | "test" | "link";
export type SsoFlow = { providerId: string; intent: FlowIntent; next: string | null };

export const FLOW_TTL_SECONDS = 10 * 60;

export function flowCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_sso_flow" : "relay_sso_flow";
}

export function encodeFlow(flow: SsoFlow): string {
  return Buffer.from(JSON.stringify({ p: flow.providerId, i: flow.intent, n: flow.next }), "utf8").toString("base64url");
}

export function decodeFlow(value: string | undefined | null): SsoFlow | null {
  if (!value || value.length > 4000) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!parsed || typeof parsed !== "object") return null;
    const { p, i, n } = parsed as Record<string, unknown>;
    if (typeof p !== "string" || (i !== "sign-in" && i !== "test" && i !== "link")) return null;
    return { providerId: p, intent: i, next: typeof n === "string" ? n : null };
  } catch {
    return null;
  }
}

export function flowCookieHeader(flow: SsoFlow | null): string {
  const secure = isHttpsDeployment() ? "; Secure" : "";
  if (!flow) return `${flowCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
  return `${flowCookieName()}=${encodeFlow(flow)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${FLOW_TTL_SECONDS}${secure}`;
}
