import { createHmac } from "node:crypto";

// RFC 6238 (HMAC-SHA-1, 6 digits, 30 s), written again here from the RFC because end-to-end tests
// can't import the app's server-only modules. An authenticator app does exactly this.

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error(`Not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code an authenticator app shows for this key, `offsetSteps` 30-second steps from now. */
export function totpCode(base32Key: string, offsetSteps = 0, now = Date.now()): string {
  const counter = BigInt(Math.floor(now / 1000 / 30) + offsetSteps);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac("sha1", base32Decode(base32Key)).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** A 6-digit code that is none of the codes valid around now (for "wrong code" checks). */
export function wrongTotpCode(base32Key: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(base32Key, offset)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(totpCode(base32Key)) + 1 + n) % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}
