// The client address every request carries into Next.js (x-relay-client-ip), set by
// scripts/server.mjs and trusted by per-IP limits, audit entries and session lists.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CLIENT_IP_HEADER = "x-relay-client-ip";
export const CLIENT_IP_SEAL_HEADER = "x-relay-client-ip-seal";

/**
 * Returns a function that overwrites the request's client address with the one that connected
 * (or, with trustProxy, the one the trusted proxy reports: the right-most X-Forwarded-For entry),
 * whatever the client sent.
 *
 * One exception: Next.js runs a server action posted to a page that doesn't render it by
 * re-sending the request, with the original's headers, as a new HTTP request from this process to
 * the page that does (marked x-action-forwarded). That request connects from this server's own
 * address; stamping it would charge the per-IP limit, and record in the audit log, the server
 * instead of whoever sent the original. So each stamped address goes out with a seal, an HMAC
 * under a key only this process holds, and a forwarded request keeps the address its seal
 * vouches for. A client cannot make a seal, so cannot choose its address this way.
 */
export function clientAddressStamper({ trustProxy, key = randomBytes(32) }) {
  const seal = (ip) => createHmac("sha256", key).update(ip).digest();

  function connectingAddress(req) {
    if (trustProxy) {
      const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1];
    }
    return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  }

  function sealedAddress(req) {
    const ip = req.headers[CLIENT_IP_HEADER];
    const proof = req.headers[CLIENT_IP_SEAL_HEADER];
    if (!req.headers["x-action-forwarded"] || typeof ip !== "string" || typeof proof !== "string") return null;
    const given = Buffer.from(proof, "base64url");
    const expected = seal(ip);
    return given.length === expected.length && timingSafeEqual(given, expected) ? ip : null;
  }

  return function stampClientAddress(req) {
    const ip = sealedAddress(req) ?? connectingAddress(req);
    req.headers[CLIENT_IP_HEADER] = ip;
    req.headers[CLIENT_IP_SEAL_HEADER] = seal(ip).toString("base64url");
    return ip;
  };
}
