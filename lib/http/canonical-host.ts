// One server, one address. A passkey belongs to APP_URL's host (its relying-party id), so on
// another name for the same server (http://127.0.0.1:3000 when APP_URL is http://localhost:3000)
// the browser refuses every passkey, and cookies set on one name are missing on the other. Page
// visits there are sent to the same path on APP_URL.

export type CanonicalHostRequest = {
  method: string;
  pathname: string;
  search: string;
  /** The Host header. */
  host: string | null;
  /** X-Forwarded-Host, believed only behind a trusted proxy (TRUST_PROXY=true). */
  forwardedHost: string | null;
  trustProxy: boolean;
};

/**
 * Where to send a request that reached this server under another name, or null to serve it.
 * Only GET and HEAD (a redirected POST would lose its body), never /api/ (health checks and
 * machines call the server by whatever address reaches it) or Next's own files. Only a different
 * host name on APP_URL's port counts as "this server under another name": another port is another
 * server (the browser tests run two behind one APP_URL), and an address that doesn't parse is left
 * to the app.
 */
export function canonicalHostRedirect(request: CanonicalHostRequest, appUrl: string): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.pathname.startsWith("/api/") || request.pathname.startsWith("/_next/")) return null;
  const forwarded = request.trustProxy ? request.forwardedHost?.split(",")[0]?.trim() : undefined;
  const requested = parseHost(forwarded || request.host);
  const canonical = new URL(appUrl);
  if (!requested) return null;
  if (requested.hostname === canonical.hostname || requested.port !== webPort(canonical.port)) return null;
  return `${canonical.origin}${request.pathname}${request.search}`;
}

function parseHost(host: string | null | undefined): { hostname: string; port: string } | null {
  if (!host || /[\s/?#@\\]/.test(host)) return null;
  try {
    const url = new URL(`http://${host}`);
    return { hostname: url.hostname, port: webPort(url.port) };
  } catch {
    return null;
  }
}

/**
 * A Host header doesn't say which scheme the browser used (TLS may end at a proxy), so no port,
 * :80 and :443 all mean "the web's default port".
 */
function webPort(port: string): string {
  return port === "80" || port === "443" ? "" : port;
}
