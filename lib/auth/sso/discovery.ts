import "server-only";
import { assertOutboundUrlAllowed, guardedFetch, OutboundUrlRefusedError } from "./outbound-fetch";

// Checks an issuer before a connection is saved: its discovery document is fetched server-side
// (through the same guard as every provider request), must name exactly this issuer (OpenID
// Connect Discovery 1.0, section 4.3: an IdP answering for another issuer is refused) and the
// endpoints a sign-in needs, each of them allowed by the same guard.

export type DiscoveryProblem = "insecure" | "private" | "invalid" | "unreachable" | "not-discovery" | "issuer-mismatch";

const MAX_BYTES = 256 * 1024;

export async function checkIssuerDiscovery(issuer: string): Promise<{ ok: true } | { ok: false; problem: DiscoveryProblem }> {
  try {
    await assertOutboundUrlAllowed(issuer);
    const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await guardedFetch(url, { headers: { accept: "application/json" } });
    } catch (error) {
      if (error instanceof OutboundUrlRefusedError) throw error;
      return { ok: false, problem: "unreachable" };
    }
    if (!response.ok) return { ok: false, problem: "not-discovery" };
    const body = await response.text();
    if (body.length > MAX_BYTES) return { ok: false, problem: "not-discovery" };
    let document: Record<string, unknown>;
    try {
      document = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { ok: false, problem: "not-discovery" };
    }
    if (!document || typeof document !== "object") return { ok: false, problem: "not-discovery" };
    if (document.issuer !== issuer) return { ok: false, problem: "issuer-mismatch" };
    for (const key of ["authorization_endpoint", "token_endpoint", "jwks_uri"]) {
      const endpoint = document[key];
      if (typeof endpoint !== "string") return { ok: false, problem: "not-discovery" };
      await assertOutboundUrlAllowed(endpoint);
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof OutboundUrlRefusedError) return { ok: false, problem: error.reason };
    throw error;
  }
}
