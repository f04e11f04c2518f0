import { afterEach, describe, expect, it, vi } from "vitest";
import { createHmac } from "node:crypto";
import { createChallenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { systemDb } from "@/lib/db/prisma";
import {
  CAPTCHA_TTL_MS,
  captchaErrorKey,
  createCaptchaChallenge,
  pruneUsedCaptchas,
  verifyCaptchaSolution,
  type CaptchaChallenge,
  type CaptchaChallengeOptions,
} from "./captcha";

// Small counters keep solving to a few PBKDF2 derivations; the checks are the same as in production.
const EASY: CaptchaChallengeOptions = { maxCounter: 8 };

type Solved = { challenge: CaptchaChallenge; solution: { counter: number; derivedKey: string; time?: number } };

async function solve(options: CaptchaChallengeOptions = {}): Promise<Solved> {
  const challenge = await createCaptchaChallenge({ ...EASY, ...options });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
  if (!solution) throw new Error("test challenge not solved");
  return { challenge, solution };
}

/** Exactly what the widget puts in the hidden "captcha" field. */
function encode({ challenge, solution }: Solved): string {
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

function clone(solved: Solved): Solved {
  return structuredClone(solved);
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("createCaptchaChallenge", () => {
  it("issues a signed PBKDF2 challenge that expires in 10 minutes", async () => {
    const before = Date.now();
    const challenge = await createCaptchaChallenge();
    expect(challenge.parameters.algorithm).toBe("PBKDF2/SHA-256");
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.keyPrefix).toMatch(/^[0-9a-f]{32}$/);
    const expiresAtMs = challenge.parameters.expiresAt! * 1000;
    expect(expiresAtMs).toBeGreaterThanOrEqual(Math.floor((before + CAPTCHA_TTL_MS) / 1000) * 1000);
    expect(expiresAtMs).toBeLessThanOrEqual(Date.now() + CAPTCHA_TTL_MS);
    expect(CAPTCHA_TTL_MS).toBe(10 * 60_000);
  });

  it("makes every challenge different", async () => {
    const [a, b] = await Promise.all([createCaptchaChallenge(EASY), createCaptchaChallenge(EASY)]);
    expect(a.parameters.nonce).not.toBe(b.parameters.nonce);
    expect(a.signature).not.toBe(b.signature);
  });

  it("demands real work: the answer is a counter in [max/2, max]", async () => {
    for (let i = 0; i < 5; i++) {
      const { solution } = await solve({ maxCounter: 20 });
      expect(solution.counter).toBeGreaterThanOrEqual(10);
      expect(solution.counter).toBeLessThanOrEqual(20);
    }
  });
});

describe("verifyCaptchaSolution", () => {
  it("accepts a solved challenge once, then reports it as replayed", async () => {
    const payload = encode(await solve());
    expect(await verifyCaptchaSolution(payload)).toBe("ok");
    expect(await verifyCaptchaSolution(payload)).toBe("replayed");
    expect(await verifyCaptchaSolution(payload)).toBe("replayed");
  });

  it("records the used solution in UsedCaptcha until the challenge expires", async () => {
    const solved = await solve();
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
    const row = await systemDb().usedCaptcha.findUnique({ where: { signature: solved.challenge.signature! } });
    expect(row?.expiresAt.getTime()).toBe(solved.challenge.parameters.expiresAt! * 1000);
  });

  it("lets exactly one of several concurrent submissions of the same solution through", async () => {
    const payload = encode(await solve());
    const verdicts = await Promise.all(Array.from({ length: 6 }, () => verifyCaptchaSolution(payload)));
    expect(verdicts.filter((v) => v === "ok")).toHaveLength(1);
    expect(verdicts.filter((v) => v === "replayed")).toHaveLength(5);
  });

  it("rejects a tampered counter, and still accepts the genuine payload afterwards", async () => {
    const solved = await solve();
    for (const counter of [solved.solution.counter + 1, solved.solution.counter - 1, 0]) {
      const tampered = clone(solved);
      tampered.solution.counter = counter;
      expect(await verifyCaptchaSolution(encode(tampered))).toBe("invalid");
    }
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects a tampered derived key, and still accepts the genuine payload afterwards", async () => {
    const solved = await solve();
    const tampered = clone(solved);
    const last = tampered.solution.derivedKey.at(-1)!;
    tampered.solution.derivedKey = tampered.solution.derivedKey.slice(0, -1) + (last === "0" ? "1" : "0");
    expect(await verifyCaptchaSolution(encode(tampered))).toBe("invalid");
    // The refused attempt did not use the challenge up.
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects a wrong counter with a guessed key", async () => {
    const solved = await solve();
    const guessed = clone(solved);
    guessed.solution = { counter: 0, derivedKey: guessed.challenge.parameters.keyPrefix.padEnd(64, "0") };
    expect(await verifyCaptchaSolution(encode(guessed))).toBe("invalid");
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects a tampered signature", async () => {
    const solved = await solve();
    const tampered = clone(solved);
    const sig = tampered.challenge.signature!;
    tampered.challenge.signature = (sig[0] === "a" ? "b" : "a") + sig.slice(1);
    expect(await verifyCaptchaSolution(encode(tampered))).toBe("invalid");
    const unsigned = clone(solved);
    delete unsigned.challenge.signature;
    expect(await verifyCaptchaSolution(encode(unsigned))).toBe("invalid");
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects signed parameters that were changed (easier cost, later expiry)", async () => {
    const solved = await solve();
    const cheaper = clone(solved);
    cheaper.challenge.parameters.cost = 1;
    expect(await verifyCaptchaSolution(encode(cheaper))).toBe("invalid");
    const extended = clone(solved);
    extended.challenge.parameters.expiresAt! += 3600;
    expect(await verifyCaptchaSolution(encode(extended))).toBe("invalid");
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects a challenge signed with another key", async () => {
    vi.stubEnv("CAPTCHA_HMAC_KEY", "someone else's key");
    const foreign = await solve();
    vi.unstubAllEnvs();
    const own = await solve();
    expect(await verifyCaptchaSolution(encode(foreign))).toBe("invalid");
    expect(await verifyCaptchaSolution(encode(own))).toBe("ok");
  });

  it("uses CAPTCHA_HMAC_KEY when set, so every app server with it verifies the others' challenges", async () => {
    vi.stubEnv("CAPTCHA_HMAC_KEY", "shared production key");
    const solved = await solve();
    // What a second server with the same setting (and nothing in memory) would compute.
    const expected = createHmac("sha256", await hkdfHex("shared production key", "challenge signature v1"))
      .update(canonical(solved.challenge.parameters))
      .digest("hex");
    expect(solved.challenge.signature).toBe(expected);
    expect(await verifyCaptchaSolution(encode(solved))).toBe("ok");
  });

  it("rejects a correctly solved challenge that an attacker made and signed himself", async () => {
    // A near-free challenge (1 iteration, counter 0) signed with a guessed key.
    const challenge = await createChallenge({
      algorithm: "PBKDF2/SHA-256",
      cost: 1,
      counter: 0,
      deriveKey,
      expiresAt: new Date(Date.now() + 60_000),
      hmacSignatureSecret: "guessed key",
    });
    const solution = await solveChallenge({ challenge, deriveKey });
    expect(solution).not.toBeNull();
    expect(await verifyCaptchaSolution(encode({ challenge, solution: solution! }))).toBe("invalid");
  });

  it("reports an expired challenge as expired, not as ok", async () => {
    const expired = await solve({ expiresAt: new Date(Date.now() - 1000) });
    expect(await verifyCaptchaSolution(encode(expired))).toBe("expired");
    // The same steps with a future expiry pass, so it is the expiry that was refused.
    expect(await verifyCaptchaSolution(encode(await solve({ expiresAt: new Date(Date.now() + 60_000) })))).toBe("ok");
  });

  it("expires a default challenge after 10 minutes, not before", async () => {
    const early = encode(await solve());
    const late = encode(await solve());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + CAPTCHA_TTL_MS - 30_000);
    expect(await verifyCaptchaSolution(early)).toBe("ok");
    vi.setSystemTime(Date.now() + 60_000);
    expect(await verifyCaptchaSolution(late)).toBe("expired");
  });

  it("reports a missing solution as missing", async () => {
    expect(await verifyCaptchaSolution(null)).toBe("missing");
    expect(await verifyCaptchaSolution(undefined)).toBe("missing");
    expect(await verifyCaptchaSolution("")).toBe("missing");
    expect(await verifyCaptchaSolution("   ")).toBe("missing");
    const form = new FormData();
    expect(await verifyCaptchaSolution(form.get("captcha"))).toBe("missing");
  });

  it("reports garbage as invalid and never throws", async () => {
    const valid = encode(await solve());
    const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64");
    const garbage: unknown[] = [
      "x",
      "not base64!",
      "%%%%",
      "AAA", // not a multiple of 4
      "====",
      valid.slice(0, -8),
      valid + "AAAA",
      b64("not json"),
      b64("null"),
      b64([]),
      b64({}),
      b64({ challenge: 1, solution: 2 }),
      b64({ challenge: { parameters: {}, signature: "00" }, solution: { counter: 1, derivedKey: "00" } }),
      b64({ ...JSON.parse(atob(valid)), solution: { counter: "1", derivedKey: "00" } }),
      b64({ ...JSON.parse(atob(valid)), solution: { counter: -1, derivedKey: "00" } }),
      b64({ ...JSON.parse(atob(valid)), solution: { counter: 1.5, derivedKey: "00" } }),
      b64({ ...JSON.parse(atob(valid)), solution: { counter: 1, derivedKey: "zz" } }),
      b64({ algorithm: "SHA-256", challenge: "abc", number: 1, salt: "x", signature: "y", took: 1 }), // v1 shape
      b64({ challenge: { parameters: { ...JSON.parse(atob(valid)).challenge.parameters, algorithm: "ARGON2ID" }, signature: "00" }, solution: { counter: 1, derivedKey: "00" } }),
      b64({ verificationData: "x", signature: "y", algorithm: "SHA-256", verified: true }), // Sentinel shape
      "A".repeat(100_000),
      b64("x".repeat(5_000)),
      new File(["abc"], "captcha.txt"),
    ];
    for (const input of garbage) {
      await expect(verifyCaptchaSolution(input as string), String(input).slice(0, 60)).resolves.toBe("invalid");
    }
    // The genuine payload, untouched by all of the above, still passes.
    expect(await verifyCaptchaSolution(valid)).toBe("ok");
  });

  it("maps every refusal to a message key under errors.*", () => {
    expect(captchaErrorKey("missing")).toBe("captchaRequired");
    expect(captchaErrorKey("invalid")).toBe("captchaInvalid");
    expect(captchaErrorKey("expired")).toBe("captchaExpired");
    expect(captchaErrorKey("replayed")).toBe("captchaReplayed");
  });
});

describe("pruneUsedCaptchas", () => {
  it("deletes only records well past their challenge's expiry", async () => {
    const db = systemDb();
    const now = new Date();
    const hour = 60 * 60_000;
    await db.usedCaptcha.createMany({
      data: [
        { signature: "prune-old", expiresAt: new Date(now.getTime() - 2 * hour) },
        { signature: "prune-recent", expiresAt: new Date(now.getTime() - 10 * 60_000) },
        { signature: "prune-live", expiresAt: new Date(now.getTime() + 10 * 60_000) },
      ],
    });
    expect(await pruneUsedCaptchas(now)).toBeGreaterThanOrEqual(1);
    const left = await db.usedCaptcha.findMany({ where: { signature: { startsWith: "prune-" } }, orderBy: { signature: "asc" } });
    expect(left.map((row) => row.signature)).toEqual(["prune-live", "prune-recent"]);
  });
});

// --- helpers that recompute the signature independently of lib/auth/captcha.ts ----------------

async function hkdfHex(master: string, info: string): Promise<string> {
  const { hkdfSync } = await import("node:crypto");
  return Buffer.from(hkdfSync("sha256", master, "relay-crm captcha", info, 32)).toString("hex");
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(sort(value));
}
