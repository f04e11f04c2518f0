import { describe, expect, it } from "vitest";
import { ipAllowed, parseCidr } from "./ip-allowlist";

describe("IP allowlist", () => {
  it("parses IPv4 and IPv6 ranges and refuses malformed ones", () => {
    expect(parseCidr("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseCidr("2001:db8::/32")).toEqual({ address: "2001:db8::", prefix: 32, family: "ipv6" });
    expect(parseCidr("192.168.1.7")).toEqual({ address: "192.168.1.7", prefix: 32, family: "ipv4" });
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "300.1.1.1/8", "10.0.0.0/8/1", "abc", "", "10.0.0.0/-1", "::/129"]) {
      expect(parseCidr(bad)).toBeNull();
    }
  });

  it("allows everyone when the list is empty", () => {
    expect(ipAllowed("203.0.113.9", [])).toBe(true);
  });

  it("allows addresses inside a range and refuses the rest", () => {
    const ranges = ["10.0.0.0/8", "2001:db8::/32"];
    expect(ipAllowed("10.20.30.40", ranges)).toBe(true);
    expect(ipAllowed("::ffff:10.1.2.3", ranges)).toBe(true);
    expect(ipAllowed("2001:db8::1", ranges)).toBe(true);
    expect(ipAllowed("11.0.0.1", ranges)).toBe(false);
    expect(ipAllowed("2001:db9::1", ranges)).toBe(false);
    expect(ipAllowed(null, ranges)).toBe(false);
    expect(ipAllowed("not-an-ip", ranges)).toBe(false);
  });
});
