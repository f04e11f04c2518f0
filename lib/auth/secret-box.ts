import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Secrets we must be able to read back (authenticator-app keys) are sealed with AES-256-GCM
// before they reach the database, so a leaked backup or a read-only SQL injection yields nothing
// usable. The key comes from MFA_ENCRYPTION_KEY (32 bytes, base64 or hex) when the operator sets
// it; otherwise it is derived (HKDF-SHA256) from DATABASE_URL, which every app server already
// shares — fine for development, but production should set MFA_ENCRYPTION_KEY
// (`openssl rand -base64 32`) and keep it out of the database's reach.
//
// Sealed format: "v1.<iv base64url>.<ciphertext base64url>.<tag base64url>". The version prefix
// leaves room for key rotation; the associated data binds a sealed value to its purpose and row,
// so a ciphertext copied onto another member's row does not open there.

const VERSION = "v1";
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  constructor() {
    super("Sealed secret could not be opened");
    this.name = "SecretBoxError";
  }
}

function parseConfiguredKey(value: string): Buffer {
  const hex = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : null;
  const key = hex ?? Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("MFA_ENCRYPTION_KEY must be 32 bytes, base64 or 64 hex characters");
  return key;
}

const keyCache = new Map<string, Buffer>();

/** The 32-byte master key for second-factor secrets. */
function masterKey(): Buffer {
  const configured = process.env.MFA_ENCRYPTION_KEY?.trim();
  const cacheKey = configured ? `configured:${configured}` : `derived:${process.env.DATABASE_URL ?? ""}`;
  let key = keyCache.get(cacheKey);
  if (key) return key;
  if (configured) {
    key = parseConfiguredKey(configured);
  } else {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("Set MFA_ENCRYPTION_KEY (or DATABASE_URL) to protect second-factor secrets");
    warnOnceInProduction();
    key = Buffer.from(hkdfSync("sha256", databaseUrl, "relay-crm mfa", "mfa master key v1", 32));
  }
  keyCache.set(cacheKey, key);
  return key;
}

/** A key for one purpose (e.g. "sms-code-hmac"), derived from the master key so purposes never share a key. */
export function mfaSubkey(purpose: string): Buffer {
  const cacheKey = `sub:${purpose}`;
  const master = masterKey();
  const cached = keyCache.get(cacheKey);
  if (cached && keyCache.get(`${cacheKey}:master`)?.equals(master)) return cached;
  const key = Buffer.from(hkdfSync("sha256", master, "relay-crm mfa subkey", purpose, 32));
  keyCache.set(cacheKey, key);
  keyCache.set(`${cacheKey}:master`, master);
  return key;
}

let warned = false;
function warnOnceInProduction() {
  if (warned || process.env.NODE_ENV !== "production") return;
  warned = true;
  console.warn(
    JSON.stringify({
      level: "warn",
      where: "secret-box",
      message:
        "MFA_ENCRYPTION_KEY is not set; the key for authenticator-app secrets is derived from DATABASE_URL. Set MFA_ENCRYPTION_KEY in production.",
      at: new Date().toISOString(),
    }),
  );
}

/** Encrypts `plaintext`; `context` (e.g. "totp:<tenantId>:<userId>") must be given again to open it. */
export function sealSecret(plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", mfaSubkey("secret-box"), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Decrypts a value from sealSecret. Throws SecretBoxError if it was altered, or sealed with another key or context. */
export function openSecret(sealed: string, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError();
  const [, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new SecretBoxError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", mfaSubkey("secret-box"), iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError();
  }
}
