// The SSRF guard in front of every request to an identity provider: by default https to public
// addresses only; SSO_ALLOWED_PRIVATE_ISSUERS names exact on-premises origins.
import { describe, expect, it } from "vitest";
import { assertOutboundUrlAllowed, isPrivateAddress } from "./outbound-fetch";

const production = { NODE_ENV: "production" };
const publicDns = async () => ["93.184.216.34"];
const refusal = (url: string, env: Record<string, string> = production, resolve = publicDns) =>
  assertOutboundUrlAllowed(url, { env, resolve }).then(
    () => "allowed",
    (error: { reason?: string }) => error.reason ?? "threw",
  );

describe("assertOutboundUrlAllowed", () => {
  it("allows https to a public address", async () => {
    expect(await refusal("https://idp.example.com/.well-known/openid-configuration")).toBe("allowed");
  });

  it("refuses http and loopback by default (the production build's default)", async () => {
    expect(await refusal("http://idp.example.com")).toBe("insecure");
    expect(await refusal("http://127.0.0.1:4400")).toBe("insecure");
    expect(await refusal("https://127.0.0.1:4400")).toBe("private");
    expect(await refusal("https://localhost")).toBe("private");
    expect(await refusal("https://[::1]/")).toBe("private");
  });

  it("refuses private, link-local and metadata addresses, literal or resolved", async () => {
    for (const host of ["10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "[fd00::1]", "[::ffff:127.0.0.1]", "0.0.0.0"]) {
      expect(await refusal(`https://${host}/`), host).toBe("private");
    }
    expect(await refusal("https://idp.internal.test", production, async () => ["10.1.2.3"])).toBe("private");
    // One private answer among public ones is enough to refuse (DNS answers can be mixed).
    expect(await refusal("https://idp.mixed.test", production, async () => ["93.184.216.34", "127.0.0.1"])).toBe("private");
    expect(await refusal("https://nowhere.test", production, async () => [])).toBe("invalid");
  });

  it("refuses other schemes and credentials in the URL", async () => {
    expect(await refusal("file:///etc/passwd")).toBe("invalid");
    expect(await refusal("https://user:pass@idp.example.com")).toBe("invalid");
    expect(await refusal("not a url")).toBe("invalid");
  });

  it("lets exactly the named on-premises origins through, not their other ports or paths' hosts", async () => {
    const env = { ...production, SSO_ALLOWED_PRIVATE_ISSUERS: "http://127.0.0.1:4400, https://idp.corp.internal" };
    expect(await refusal("http://127.0.0.1:4400/.well-known/openid-configuration", env)).toBe("allowed");
    expect(await refusal("https://idp.corp.internal/token", env, async () => ["10.0.0.9"])).toBe("allowed");
    expect(await refusal("http://127.0.0.1:5432/", env)).toBe("insecure");
    expect(await refusal("https://127.0.0.1:4400/", env)).toBe("private");
  });

  it("allows anything http(s) in development (next dev)", async () => {
    expect(await refusal("http://127.0.0.1:4400", { NODE_ENV: "development" })).toBe("allowed");
  });
});

describe("isPrivateAddress", () => {
  it("knows public from private", () => {
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("2606:4700::1111")).toBe(false);
    expect(isPrivateAddress("127.0.0.2")).toBe(true);
    expect(isPrivateAddress("fe80::1")).toBe(true);
  });
});
