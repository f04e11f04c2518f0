import { describe, expect, it } from "vitest";
import { canonicalHostRedirect, type CanonicalHostRequest } from "./canonical-host";

const LOCAL = "http://localhost:3000";

function visit(overrides: Partial<CanonicalHostRequest>): CanonicalHostRequest {
  return { method: "GET", pathname: "/acme/login", search: "", host: "localhost:3000", forwardedHost: null, trustProxy: false, ...overrides };
}

describe("canonicalHostRedirect", () => {
  it("sends a page visit on another name for this server to APP_URL, keeping path and query", () => {
    expect(canonicalHostRedirect(visit({ host: "127.0.0.1:3000", search: "?next=%2Facme%2Fcustomers" }), LOCAL)).toBe(
      "http://localhost:3000/acme/login?next=%2Facme%2Fcustomers",
    );
    expect(canonicalHostRedirect(visit({ host: "0.0.0.0:3000", pathname: "/" }), LOCAL)).toBe("http://localhost:3000/");
    expect(canonicalHostRedirect(visit({ host: "[::1]:3000", method: "HEAD" }), LOCAL)).toBe("http://localhost:3000/acme/login");
    expect(canonicalHostRedirect(visit({ host: "www.crm.example.com" }), "https://crm.example.com")).toBe("https://crm.example.com/acme/login");
    expect(canonicalHostRedirect(visit({ host: "www.crm.example.com:443" }), "https://crm.example.com")).toBe("https://crm.example.com/acme/login");
  });

  it("serves the canonical address itself", () => {
    expect(canonicalHostRedirect(visit({}), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "LOCALHOST:3000" }), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "crm.example.com" }), "https://crm.example.com")).toBeNull();
  });

  it("never redirects a form post, an API call or a health check, whatever address they used", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(canonicalHostRedirect(visit({ host: "127.0.0.1:3000", method }), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "127.0.0.1:3000", pathname: "/api/health" }), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "10.0.0.5:3000", pathname: "/api/acme/passkeys/sign-in/options" }), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "127.0.0.1:3000", pathname: "/_next/static/chunks/app.js" }), LOCAL)).toBeNull();
  });

  it("leaves another port alone: that is another server (behind one APP_URL, or an internal address behind a proxy)", () => {
    expect(canonicalHostRedirect(visit({ host: "localhost:3001" }), LOCAL)).toBeNull();
    expect(canonicalHostRedirect(visit({ host: "app-7:3000" }), "https://crm.example.com")).toBeNull();
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", () => {
    const forwarded = visit({ host: "localhost:3000", forwardedHost: "127.0.0.1:3000" });
    expect(canonicalHostRedirect(forwarded, LOCAL)).toBeNull();
    expect(canonicalHostRedirect({ ...forwarded, trustProxy: true }, LOCAL)).toBe("http://localhost:3000/acme/login");
    // The proxy's own view wins over a Host header the proxy rewrote.
    expect(canonicalHostRedirect(visit({ host: "app-7:8080", forwardedHost: "crm.example.com", trustProxy: true }), "https://crm.example.com")).toBeNull();
  });

  it("only ever points at APP_URL, whatever the Host header says", () => {
    for (const host of ["evil.example:3000", "evil.example:3000/x", "user@evil.example:3000", "", null]) {
      const location = canonicalHostRedirect(visit({ host }), LOCAL);
      expect(location === null || location.startsWith("http://localhost:3000/")).toBe(true);
    }
    expect(canonicalHostRedirect(visit({ host: "evil.example:3000", pathname: "//evil.example/x" }), LOCAL)).toBe("http://localhost:3000//evil.example/x");
  });
});
