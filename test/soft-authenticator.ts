// A software WebAuthn authenticator for tests and benchmarks: a real ES256 (P-256) key pair from
// node:crypto, authenticator data built byte by byte (RP ID hash, flags, signature counter,
// attested credential data with a COSE key), "none" attestation in CBOR, and assertion
// signatures over authenticatorData ‖ SHA-256(clientDataJSON) — what a browser and a platform
// authenticator produce, so the real verification code runs against it unchanged.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

// ── A little CBOR (RFC 8949): just the types attestation objects and COSE keys use ─────────────

type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | Record<string, never>;

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function cborEncode(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cborEncode(k), cborEncode(v as Cbor)])]);
}

// ── Authenticator data (WebAuthn §6.1) ───────────────────────────────────────────────────────

export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export type SoftAuthenticatorOptions = {
  /** The origin the "browser" reports in clientDataJSON. */
  origin: string;
  /** The RP ID whose hash goes into authenticator data (normally the origin's host name). */
  rpId?: string;
  /** Starting signature counter; 0 with countUp false behaves like a synced passkey. */
  counter?: number;
  /** Whether each assertion increases the counter (security keys do; synced passkeys report 0). */
  countUp?: boolean;
  /** Backup eligible and backed up (a synced passkey). */
  synced?: boolean;
};

export type Overrides = {
  origin?: string;
  rpId?: string;
  /** User verification flag (fingerprint, face, PIN); true unless a test says otherwise. */
  userVerified?: boolean;
  /** Signature counter to report instead of the authenticator's own. */
  counter?: number;
  /** A challenge to sign instead of the one in the options. */
  challenge?: string;
  type?: string;
};

export class SoftAuthenticator {
  readonly credentialId: Buffer;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private counter: number;
  private userHandle: string | null = null;

  constructor(private readonly options: SoftAuthenticatorOptions) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    this.credentialId = randomBytes(16);
    this.counter = options.counter ?? 0;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  get currentCounter(): number {
    return this.counter;
  }

  private rpId(overrides: Overrides): string {
    return overrides.rpId ?? this.options.rpId ?? new URL(this.options.origin).hostname;
  }

  private flags(overrides: Overrides, extra = 0): number {
    let flags = FLAGS.UP | extra;
    if (overrides.userVerified ?? true) flags |= FLAGS.UV;
    if (this.options.synced) flags |= FLAGS.BE | FLAGS.BS;
    return flags;
  }

  private clientData(type: string, challenge: string, overrides: Overrides): Buffer {
    return Buffer.from(
      JSON.stringify({ type: overrides.type ?? type, challenge: overrides.challenge ?? challenge, origin: overrides.origin ?? this.options.origin, crossOrigin: false }),
    );
  }

  /** COSE_Key for an EC2 P-256 ES256 public key: {1: 2, 3: -7, -1: 1, -2: x, -3: y}. */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: "jwk" });
    return cborEncode(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  /** navigator.credentials.create() answered with "none" attestation. */
  register(options: PublicKeyCredentialCreationOptionsJSON, overrides: Overrides = {}): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(overrides.counter ?? this.counter);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(this.rpId(overrides)),
      Buffer.from([this.flags(overrides, FLAGS.AT)]),
      counter,
      Buffer.alloc(16), // AAGUID: all zeros, as "none" attestation often reports
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cborEncode(new Map<string, Cbor>([["fmt", "none"], ["attStmt", {}], ["authData", authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(this.clientData("webauthn.create", options.challenge, overrides)),
        attestationObject: b64url(attestationObject),
        transports: ["internal", "hybrid"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** navigator.credentials.get() answered by this credential (discoverable: with its user handle). */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, overrides: Overrides = {}): AuthenticationResponseJSON {
    if (overrides.counter === undefined && this.options.countUp) this.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(overrides.counter ?? this.counter);
    const authData = Buffer.concat([sha256(this.rpId(overrides)), Buffer.from([this.flags(overrides)]), counter]);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, overrides);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}
