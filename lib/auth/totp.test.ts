import { describe, expect, it } from "vitest";
import { decodeTotpSecret, formatTotpSecret, generateTotpSecret, hotp, normaliseTotpCode, totpStep, totpUri } from "./totp";

const RFC_KEY = new TextEncoder().encode("12345678901234567890");

describe("HOTP (RFC 4226)", () => {
  it("produces the Appendix D values for counters 0 to 9", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, counter) => hotp(RFC_KEY, BigInt(counter)))).toEqual(expected);
  });
});

describe("TOTP (RFC 6238)", () => {
  it("produces the Appendix B SHA-1 values (8 digits)", () => {
    const vectors: [number, string, bigint][] = [
      [59, "94287082", 0x1n],
      [1111111109, "07081804", 0x23523ecn],
      [1111111111, "14050471", 0x23523edn],
      [1234567890, "89005924", 0x273ef07n],
      [2000000000, "69279037", 0x3f940aan],
      [20000000000, "65353130", 0x27bc86aan],
    ];
    for (const [seconds, code, step] of vectors) {
      const at = new Date(seconds * 1000);
      expect(totpStep(at), `T at ${seconds}`).toBe(step);
      expect(hotp(RFC_KEY, totpStep(at), 8), `code at ${seconds}`).toBe(code);
    }
  });

  it("generates 160-bit base32 secrets that differ every time", () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeTotpSecret(a)).toHaveLength(20);
    expect(a).not.toBe(b);
    expect(decodeTotpSecret(formatTotpSecret(a).toLowerCase())).toEqual(decodeTotpSecret(a));
    expect(formatTotpSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  it("builds the otpauth URI authenticator apps scan", () => {
    const uri = new URL(totpUri({ secret: "JBSWY3DPEHPK3PXP", account: "ann@example.com", issuer: "Relay CRM (Acme & Co)" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Relay CRM (Acme & Co):ann@example.com");
    expect(uri.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(uri.searchParams.get("issuer")).toBe("Relay CRM (Acme & Co)");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });

  it("accepts six digits with spaces or a dash, nothing else", () => {
    expect(normaliseTotpCode(" 123 456 ")).toBe("123456");
    expect(normaliseTotpCode("123-456")).toBe("123456");
    expect(normaliseTotpCode("12345")).toBeNull();
    expect(normaliseTotpCode("1234567")).toBeNull();
    expect(normaliseTotpCode("12345a")).toBeNull();
  });
});
