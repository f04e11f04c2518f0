import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "./tokens";

describe("tokens", () => {
  it("carries at least 256 bits of randomness by default", () => {
    const token = generateToken();
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(new Set(Array.from({ length: 1000 }, () => generateToken())).size).toBe(1000);
  });

  it("hashes deterministically with SHA-256 and never returns the token", () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});
