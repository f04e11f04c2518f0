import { createHmac, randomBytes } from "node:crypto";
import { encodeBase32NoPadding, decodeBase32IgnorePadding } from "@oslojs/encoding";

// RFC 4226 (HOTP) and RFC 6238 (TOTP) with the parameters every authenticator app understands:
// HMAC-SHA-1, 6 digits, 30-second steps. Pure functions; the per-member state (secret, last step
// used) lives in lib/auth/totp-factor.ts.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one (clock drift between phone and server). */
export const TOTP_WINDOW = 1;

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte big-endian counter, dynamically truncated. */
export function hotp(key: Uint8Array, counter: bigint, digits = TOTP_DIGITS): string {
  if (digits < 6 || digits > 10) throw new RangeError("HOTP digits must be between 6 and 10");
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt.asUintN(64, counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  const code = BigInt(binary) % 10n ** BigInt(digits);
  return code.toString().padStart(digits, "0");
}

/** RFC 6238 T: whole 30-second steps since the Unix epoch. */
export function totpStep(now: Date, periodSeconds = TOTP_PERIOD_SECONDS): bigint {
  return BigInt(Math.floor(now.getTime() / 1000 / periodSeconds));
}

/** The code an authenticator shows at `now` (or for an explicit step). */
export function totpCode(key: Uint8Array, now: Date, digits = TOTP_DIGITS): string {
  return hotp(key, totpStep(now), digits);
}

/** A new shared secret: 160 random bits (RFC 4226 §4 recommends the HMAC-SHA-1 output size), base32. */
export function generateTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
}

/** Base32 secret (any case, spaces and padding ignored) to key bytes. Throws on invalid input. */
export function decodeTotpSecret(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
}

/** The secret in groups of four for reading aloud or typing: "ABCD EFGH …". */
export function formatTotpSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * The otpauth:// URI authenticator apps scan (Google Authenticator "Key Uri Format"): the label is
 * "Issuer:account", and the issuer is repeated as a parameter for apps that read only that.
 */
export function totpUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, "%20")}`;
}

/** A 6-digit code as typed: spaces and dashes removed. Null when it is not six digits. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
