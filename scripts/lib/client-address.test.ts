// The address scripts/server.mjs stamps on each request: what connected, never what the client
// claims; and for Next.js's own forwarding of a server action (a request from the server to
// itself), the original client's, which only a seal from this process can vouch for.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientAddressStamper, CLIENT_IP_HEADER, CLIENT_IP_SEAL_HEADER } from "./client-address.mjs";

type FakeRequest = { headers: Record<string, string | undefined>; socket: { remoteAddress?: string } };

function request(remoteAddress: string, headers: Record<string, string> = {}): FakeRequest {
  return { headers: { ...headers }, socket: { remoteAddress } };
}

/** What Next.js sends when it forwards an action: the original request's headers, from the server itself. */
function forwardedFrom(original: FakeRequest, serverAddress = "::ffff:127.0.0.1"): FakeRequest {
  return request(serverAddress, { ...(original.headers as Record<string, string>), "x-action-forwarded": "1" });
}

describe("client address", () => {
  it("is the connecting address, whatever the client sent", () => {
    const stamp = clientAddressStamper({ trustProxy: false });
    const req = request("::ffff:203.0.113.5", { [CLIENT_IP_HEADER]: "10.0.0.1", "x-forwarded-for": "10.0.0.2" });
    expect(stamp(req)).toBe("203.0.113.5");
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.5");
  });

  it("behind a trusted proxy, is the right-most X-Forwarded-For entry", () => {
    const stamp = clientAddressStamper({ trustProxy: true });
    expect(stamp(request("10.1.1.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.9" }))).toBe("198.51.100.9");
  });

  it("survives Next.js forwarding a server action to another page, instead of becoming the server's own", () => {
    const stamp = clientAddressStamper({ trustProxy: false });
    const original = request("203.0.113.5");
    stamp(original);
    expect(stamp(forwardedFrom(original))).toBe("203.0.113.5");
  });

  it("is not taken from a forged forwarded request: no seal, a made-up seal, another address's seal, or another server's", () => {
    const stamp = clientAddressStamper({ trustProxy: false });
    const attacker = "198.51.100.66";
    expect(stamp(request(attacker, { "x-action-forwarded": "1", [CLIENT_IP_HEADER]: "10.0.0.1" }))).toBe(attacker);
    expect(
      stamp(request(attacker, { "x-action-forwarded": "1", [CLIENT_IP_HEADER]: "10.0.0.1", [CLIENT_IP_SEAL_HEADER]: randomBytes(32).toString("base64url") })),
    ).toBe(attacker);
    // The attacker's own stamped request carries a valid seal for their own address only.
    const own = request(attacker);
    stamp(own);
    expect(stamp(request(attacker, { ...(own.headers as Record<string, string>), "x-action-forwarded": "1", [CLIENT_IP_HEADER]: "10.0.0.1" }))).toBe(attacker);
    const elsewhere = request("203.0.113.5");
    clientAddressStamper({ trustProxy: false })(elsewhere);
    expect(stamp(forwardedFrom(elsewhere, attacker))).toBe(attacker);
  });

  it("a sealed address is kept only on a forwarded request", () => {
    const stamp = clientAddressStamper({ trustProxy: false });
    const original = request("203.0.113.5");
    stamp(original);
    const replayed = request("198.51.100.66", original.headers as Record<string, string>);
    expect(stamp(replayed)).toBe("198.51.100.66");
  });
});
