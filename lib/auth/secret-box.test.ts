import { afterEach, describe, expect, it, vi } from "vitest";
import { openSecret, sealSecret, SecretBoxError } from "./secret-box";

afterEach(() => vi.unstubAllEnvs());

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "totp:t1:u1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "totp:t1:u1")).toBe("JBSWY3DPEHPK3PXP");
    // A fresh IV every time: the same secret seals differently.
    expect(sealSecret("JBSWY3DPEHPK3PXP", "totp:t1:u1")).not.toBe(sealed);
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "ctx");
    const [version, iv, ciphertext, tag] = sealed.split(".") as [string, string, string, string];
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const altered of [
      [version, iv, flip(ciphertext), tag],
      [version, iv, ciphertext, flip(tag)],
      [version, flip(iv), ciphertext, tag],
      ["v2", iv, ciphertext, tag],
    ]) {
      expect(() => openSecret(altered.join("."), "ctx")).toThrow(SecretBoxError);
    }
    expect(() => openSecret("not a sealed value", "ctx")).toThrow(SecretBoxError);
  });

  it("refuses a value moved to another member's row (context) or opened with another key", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "totp:t1:u1");
    expect(() => openSecret(sealed, "totp:t1:u2")).toThrow(SecretBoxError);
    vi.stubEnv("MFA_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
    expect(() => openSecret(sealed, "totp:t1:u1")).toThrow(SecretBoxError);
    const withConfiguredKey = sealSecret("x", "c");
    expect(openSecret(withConfiguredKey, "c")).toBe("x");
    vi.stubEnv("MFA_ENCRYPTION_KEY", "07".repeat(32));
    // The same 32 bytes given as hex open it too.
    expect(openSecret(withConfiguredKey, "c")).toBe("x");
  });

  it("refuses a configured key of the wrong length", () => {
    vi.stubEnv("MFA_ENCRYPTION_KEY", "too-short");
    expect(() => sealSecret("x", "c")).toThrow(/32 bytes/);
  });
});
