import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Every request the server makes to an identity provider (discovery, token, user info, keys) goes
// through guardedFetch: the URLs come from an admin's form, so without a guard a workspace admin
// could make the server fetch its own loopback services or the cloud's metadata address (SSRF).
//
// - https only, except in development (`next dev`);
// - the host must resolve to public addresses only: loopback, private, link-local, CGNAT, unique
//   local and multicast ranges are refused outside development;
// - SSO_ALLOWED_PRIVATE_ISSUERS (comma-separated origins, e.g. "http://127.0.0.1:4400" or
//   "https://idp.corp.internal") lets an on-premises IdP through: exactly those origins, http
//   included, nothing else on those hosts' other ports. The browser tests' local IdP uses it.
// - redirects are not followed (a public URL redirecting to a private one would bypass the check).

export class OutboundUrlRefusedError extends Error {
  constructor(readonly reason: "invalid" | "insecure" | "private") {
    super(`identity provider URL refused: ${reason}`);
    this.name = "OutboundUrlRefusedError";
  }
}

const PRIVATE_RANGES = (() => {
  const list = new BlockList();
  for (const [address, prefix] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const) {
    list.addSubnet(address, prefix, "ipv4");
  }
  for (const [address, prefix] of [
    ["::", 128],
    ["::1", 128],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
    ["64:ff9b::", 96],
  ] as const) {
    list.addSubnet(address, prefix, "ipv6");
  }
  return list;
})();

export function isPrivateAddress(address: string): boolean {
  const mapped = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  const family = isIP(mapped);
  if (!family) return true;
  return PRIVATE_RANGES.check(mapped, family === 4 ? "ipv4" : "ipv6");
}

export type OutboundEnv = Readonly<Record<string, string | undefined>>;

/** The origins SSO_ALLOWED_PRIVATE_ISSUERS names, normalised (scheme://host:port). */
export function allowedPrivateOrigins(env: OutboundEnv = process.env): Set<string> {
  const origins = new Set<string>();
  for (const entry of (env.SSO_ALLOWED_PRIVATE_ISSUERS ?? "").split(",")) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    try {
      origins.add(new URL(trimmed).origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return origins;
}

type Resolver = (host: string) => Promise<string[]>;
const resolveAll: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Throws OutboundUrlRefusedError unless the server may fetch this URL for an identity provider. */
export async function assertOutboundUrlAllowed(rawUrl: string | URL, options: { env?: OutboundEnv; resolve?: Resolver } = {}): Promise<URL> {
  const env = options.env ?? process.env;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutboundUrlRefusedError("invalid");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new OutboundUrlRefusedError("invalid");
  if (url.username || url.password) throw new OutboundUrlRefusedError("invalid");
  if (env.NODE_ENV === "development") return url;
  if (allowedPrivateOrigins(env).has(url.origin)) return url;
  if (url.protocol !== "https:") throw new OutboundUrlRefusedError("insecure");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host.endsWith(".localhost")) throw new OutboundUrlRefusedError("private");
  const addresses = isIP(host) ? [host] : await (options.resolve ?? resolveAll)(host).catch(() => [] as string[]);
  if (addresses.length === 0) throw new OutboundUrlRefusedError("invalid");
  if (addresses.some(isPrivateAddress)) throw new OutboundUrlRefusedError("private");
  return url;
}

const TIMEOUT_MS = 10_000;

/** fetch() for identity-provider requests: the URL checked first, no redirects, a time limit. */
export async function guardedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : input;
  await assertOutboundUrlAllowed(url);
  return fetch(input, { ...init, redirect: "manual", signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
}
