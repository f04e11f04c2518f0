import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

// What a browser sends back from navigator.credentials.create()/get(), checked for shape and
// size before any of it is decoded: whatever arrives here comes from the internet.

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/);
const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8);
const attachment = z.enum(["platform", "cross-platform"]).optional();
const extensions = z.record(z.string(), z.unknown()).default({});

export const registrationResponseSchema = z.object({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16_384),
    transports: transports.optional(),
    authenticatorData: b64url(8192).optional(),
    publicKey: b64url(2048).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

export const authenticationResponseSchema = z.object({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(8192),
    signature: b64url(1024),
    userHandle: b64url(1024).optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

export function asRegistrationResponse(value: z.output<typeof registrationResponseSchema>): RegistrationResponseJSON {
  return value as RegistrationResponseJSON;
}

export function asAuthenticationResponse(value: z.output<typeof authenticationResponseSchema>): AuthenticationResponseJSON {
  return value as AuthenticationResponseJSON;
}

/** The challenge the browser says it signed (verification then checks it matches the stored one). */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    if (data && typeof data === "object" && "challenge" in data && typeof data.challenge === "string") return data.challenge;
  } catch {
    // Not JSON: no challenge.
  }
  return null;
}

/** Flags and signature counter from authenticator data (WebAuthn §6.1), or null when too short. */
export function authenticatorDataSummary(authenticatorData: string): { userVerified: boolean; counter: number } | null {
  const bytes = Buffer.from(authenticatorData, "base64url");
  if (bytes.length < 37) return null;
  return { userVerified: (bytes[32]! & 0x04) !== 0, counter: bytes.readUInt32BE(33) };
}
