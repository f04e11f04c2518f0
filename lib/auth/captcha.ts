import "server-only";
import { hkdfSync, randomInt } from "node:crypto";
import { z } from "zod";
import { createChallenge, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Challenge } from "altcha-lib/types";
import { systemDb } from "@/lib/db/prisma";
import { logError } from "@/lib/log";

// Self-hosted captcha (ALTCHA proof of work, DESIGN.md): the browser fetches a signed challenge
// from /api/captcha/challenge, the <altcha-widget> (components/forms/captcha-field.tsx) solves
// it, and the form posts the solution as the field "captcha", which the server action checks
// here. Nothing leaves our servers, and there is no puzzle to read or type.
//
// ALTCHA proof of work v2 (altcha 3.x widget + altcha-lib 2.x), deterministic mode: the server
// picks a secret counter, derives a key from it with PBKDF2, and publishes the first half of that
// key. The browser must try counters 0, 1, 2, … until it reproduces the key and sends back the
// counter and the key. The server checks its own signature on the challenge, then derives the
// key for that one counter (a single PBKDF2 run, ~0.3 ms) and compares: verifying costs one
// attempt, solving costs thousands. (altcha-lib can instead check an HMAC of the expected key,
// which skips the derivation but ignores the counter; we prefer checking both.)

/** The only algorithm we issue and accept; the widget ships a worker for it. */
const ALGORITHM = "PBKDF2/SHA-256";
/** PBKDF2 iterations per attempt. */
const COST = 1_000;
/**
 * Difficulty: the secret counter is drawn from [max/2, max], so a browser makes about ¾·max
 * attempts of COST PBKDF2 iterations each, spread over one Web Worker per CPU core. Measured in
 * Chromium on a busy 2-core server: 0.4–0.9 ms per attempt per worker, so ~2 250 attempts take
 * about 1 s; a mid-range phone (4–8 cores, ~1–2 ms per attempt) needs about a second as well.
 * (The equivalent for ALTCHA's older SHA-256 challenges would be maxnumber ≈ 100 000–250 000.)
 * A bot pays this for every sign-in attempt it wants to make.
 */
export const CAPTCHA_MAX_COUNTER = 3_000;
/** How long a challenge can be solved and submitted. */
export const CAPTCHA_TTL_MS = 10 * 60_000;
/**
 * Used solutions are kept this long past their expiry before pruning, so an app server whose
 * clock runs behind cannot accept one again after another server has already pruned it.
 */
const PRUNE_GRACE_MS = 60 * 60_000;
/** A genuine payload is ~600 characters; anything much longer is refused before decoding. */
const MAX_PAYLOAD_LENGTH = 2_048;

/**
 * The HMAC key that signs challenges. Every app server must use the same key (a challenge fetched
 * from one server is verified by whichever server receives the form), and the design keeps no
 * state in process memory, so the key is derived (HKDF-SHA256)
 * from a secret all servers already share: CAPTCHA_HMAC_KEY when the operator sets it, otherwise
 * DATABASE_URL, which holds the database password. Nothing needs configuring to get started, but
 * production should set CAPTCHA_HMAC_KEY (e.g. `openssl rand -base64 32`): a database URL can be
 * guessable (the embedded development database's is in this repository), and anyone who knows
 * the key can sign challenges that cost nothing to solve.
 */
function hmacSecret(): string {
  const configured = process.env.CAPTCHA_HMAC_KEY?.trim();
  const master = configured || process.env.DATABASE_URL;
  if (!master) throw new Error("Set CAPTCHA_HMAC_KEY (or DATABASE_URL) to sign captcha challenges");
  if (!configured) warnOnceInProduction();
  let secret = secretCache.get(master);
  if (!secret) {
    secret = Buffer.from(hkdfSync("sha256", master, "relay-crm captcha", "challenge signature v1", 32)).toString("hex");
    secretCache.set(master, secret);
  }
  return secret;
}
const secretCache = new Map<string, string>();

let warned = false;
function warnOnceInProduction() {
  if (warned || process.env.NODE_ENV !== "production") return;
  warned = true;
  console.warn(
    JSON.stringify({
      level: "warn",
      where: "captcha",
      message: "CAPTCHA_HMAC_KEY is not set; the captcha key is derived from DATABASE_URL. Set CAPTCHA_HMAC_KEY in production.",
      at: new Date().toISOString(),
    }),
  );
}

export type CaptchaChallenge = Challenge;

export type CaptchaChallengeOptions = {
  /** Upper bound of the secret counter (the work, see CAPTCHA_MAX_COUNTER). Tests use a small one. */
  maxCounter?: number;
  /** When the challenge stops being accepted. Default: CAPTCHA_TTL_MS from now. */
  expiresAt?: Date;
};

/** A fresh signed challenge, as JSON for the widget (GET /api/captcha/challenge). */
export async function createCaptchaChallenge(options: CaptchaChallengeOptions = {}): Promise<CaptchaChallenge> {
  const maxCounter = options.maxCounter ?? CAPTCHA_MAX_COUNTER;
  if (!Number.isInteger(maxCounter) || maxCounter < 1) throw new Error("maxCounter must be a positive integer");
  return createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    deriveKey,
    counter: randomInt(Math.ceil(maxCounter / 2), maxCounter + 1),
    expiresAt: options.expiresAt ?? new Date(Date.now() + CAPTCHA_TTL_MS),
    hmacSignatureSecret: hmacSecret(),
  });
}

export type CaptchaVerdict = "ok" | "missing" | "invalid" | "expired" | "replayed";

/** The message key (under errors.*) to show for a verdict other than "ok". */
export function captchaErrorKey(verdict: Exclude<CaptchaVerdict, "ok">): string {
  return {
    missing: "captchaRequired",
    invalid: "captchaInvalid",
    expired: "captchaExpired",
    replayed: "captchaReplayed",
  }[verdict];
}

const hex = z.string().max(512).regex(/^[0-9a-f]+$/);

// The shape the widget posts: base64(JSON.stringify({ challenge: { parameters, signature }, solution })).
// `parameters` stays a loose object: every field in it is covered by the signature, so none may be
// dropped before verifying.
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(ALGORITHM),
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive(),
      nonce: hex,
      salt: hex,
      keyPrefix: hex,
      expiresAt: z.number().int().positive(),
    }),
    signature: hex,
  }),
  solution: z.object({
    counter: z.number().int().nonnegative(),
    derivedKey: hex,
  }),
});

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parsePayload(text: string) {
  if (text.length > MAX_PAYLOAD_LENGTH || text.length % 4 !== 0 || !BASE64.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Checks the captcha field of a submitted form. Never throws for anything a client can send;
 * only a database failure propagates. A solution is good once: the first "ok" records it, and
 * every later submission of it (on any app server) is "replayed".
 *
 * Accepts what `formData.get("captcha")` returns (a File there is "invalid").
 */
export async function verifyCaptchaSolution(payload: FormDataEntryValue | null | undefined): Promise<CaptchaVerdict> {
  if (payload === null || payload === undefined) return "missing";
  if (typeof payload !== "string") return "invalid";
  const text = payload.trim();
  if (text === "") return "missing";

  const parsed = parsePayload(text);
  if (!parsed) return "invalid";
  const { challenge, solution } = parsed;

  let result: Awaited<ReturnType<typeof verifySolution>>;
  try {
    result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: hmacSecret() });
  } catch {
    return "invalid";
  }
  // altcha-lib checks the expiry before the signature, so "expired" can also answer a forged
  // challenge with a past expiry; either way the submission is refused.
  if (result.expired) return "expired";
  if (!result.verified || !challenge.signature) return "invalid";

  // Recorded only after verifying, so unverified input never writes. The primary key makes this
  // atomic: of concurrent submissions of one solution, exactly one inserts the row.
  const { count } = await systemDb().usedCaptcha.createMany({
    data: [{ signature: challenge.signature, expiresAt: new Date(challenge.parameters.expiresAt * 1000) }],
    skipDuplicates: true,
  });
  if (randomInt(50) === 0) await pruneUsedCaptchas().catch((error: unknown) => logError("captcha:prune", error));
  return count === 1 ? "ok" : "replayed";
}

/**
 * Deletes records of used solutions whose challenges expired (with a grace period) and that
 * could therefore no longer be accepted anyway. Runs opportunistically in about 1 in 50
 * verifications; safe to call from a scheduled job too. Returns the number of rows deleted.
 */
export async function pruneUsedCaptchas(now: Date = new Date()): Promise<number> {
  const { count } = await systemDb().usedCaptcha.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - PRUNE_GRACE_MS) } },
  });
  return count;
}
