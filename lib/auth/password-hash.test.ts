import { describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword, verifyAgainstDummyHash } from "./password-hash";

describe("password hashing", () => {
  it("produces an argon2id PHC string with the OWASP parameters", async () => {
    const phc = await hashPassword("correct horse battery staple");
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(needsRehash(phc)).toBe(false);
  });

  it("verifies only the exact, case-sensitive password", async () => {
    const phc = await hashPassword("Correct Horse 42");
    expect(await verifyPassword(phc, "Correct Horse 42")).toBe(true);
    expect(await verifyPassword(phc, "correct horse 42")).toBe(false);
    expect(await verifyPassword(phc, "Correct Horse 42 ")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  it("flags hashes made with weaker parameters for rehashing", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
  });

  it("keeps the dummy hash at the production parameters, so an unknown name costs what a real one does", async () => {
    expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    // A well-formed hash: argon2 really runs against it (a malformed one would be refused at once).
    await expect(verify(DUMMY_PASSWORD_HASH, "anything")).resolves.toBe(false);
  });

  it("never accepts a password against the dummy hash", async () => {
    expect(await verifyAgainstDummyHash("relay-dummy-password-never-matches")).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("not-a-phc-string", "x")).toBe(false);
  });
});
