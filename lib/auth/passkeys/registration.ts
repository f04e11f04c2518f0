import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { tenantDb } from "@/lib/db/tenant-db";
import { recordAuditEvent } from "@/lib/auth/audit";
import { issueRecoveryCodesForFirstFactor } from "@/lib/auth/recovery-codes";
import { renewSessionsAfterPrivilegeChange, withRenewedSession, type RenewedSession } from "@/lib/auth/privilege-change";
import type { RequestMeta } from "@/lib/dal/context";
import { CHALLENGE_TTL_MS, consumeChallenge, issueChallenge } from "./challenges";
import { allowedOrigins, relyingPartyId, relyingPartyName } from "./relying-party";
import { asRegistrationResponse, challengeOf, type registrationResponseSchema } from "./responses";
import { cleanPasskeyName, providerName } from "./names";
import type { z } from "zod";

// Adding a passkey to the signed-in member's account. Discoverable ("resident") credentials with
// user verification required, so the passkey alone can later sign in without a username and
// counts as two factors (the device, and the fingerprint, face or PIN that unlocks it).

export type PasskeyOwner = {
  tenant: { id: string; name: string };
  user: { id: string; email: string; name: string };
};

/** The WebAuthn user handle: the member's id, which names nobody outside this app. */
export function userHandleOf(userId: string): string {
  return Buffer.from(userId, "utf8").toString("base64url");
}

export async function passkeyRegistrationOptions(owner: PasskeyOwner, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await tenantDb(owner.tenant.id).passkey.findMany({
    where: { userId: owner.user.id },
    select: { credentialId: true, transports: true },
  });
  const challenge = await issueChallenge({ tenantId: owner.tenant.id, userId: owner.user.id, purpose: "registration", now });
  return generateRegistrationOptions({
    rpName: relyingPartyName(owner.tenant.name),
    rpID: relyingPartyId(),
    userName: owner.user.email,
    userDisplayName: owner.user.name,
    userID: Buffer.from(owner.user.id, "utf8"),
    // As bytes: a string would be UTF-8 encoded again, and the browser would sign something else than what is stored.
    challenge: Buffer.from(challenge, "base64url"),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    // The same authenticator twice would only be a duplicate: the browser says so instead.
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
}

export type RegistrationRefusal = "expired" | "invalid" | "user-verification" | "already-registered";

export type RegistrationResult =
  | { ok: true; passkey: { id: string; name: string }; recoveryCodes: string[] | null; renewedSession?: RenewedSession }
  | { ok: false; reason: RegistrationRefusal };

/**
 * Verifies the browser's answer to passkeyRegistrationOptions and stores the new passkey. A new
 * way to sign in is a privilege change (lib/auth/privilege-change.ts): the session it was added
 * from gets a new token (`renewedSession`, for the caller's cookie), the member's others end.
 */
export async function registerPasskey(input: {
  owner: PasskeyOwner;
  /** The session the member is adding it from (null: none to keep, every session of theirs ends). */
  sessionId: string | null;
  response: z.output<typeof registrationResponseSchema>;
  name: string;
  requestOrigin: string | null;
  meta: RequestMeta;
  now?: Date;
}): Promise<RegistrationResult> {
  const now = input.now ?? new Date();
  const { owner } = input;
  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "invalid" };
  const problem = await consumeChallenge({ tenantId: owner.tenant.id, challenge, purpose: "registration", userId: owner.user.id, now });
  if (problem) return { ok: false, reason: "expired" };

  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: asRegistrationResponse(input.response),
      expectedChallenge: challenge,
      expectedOrigin: allowedOrigins(input.requestOrigin),
      expectedRPID: relyingPartyId(),
      requireUserVerification: true,
    });
  } catch (error) {
    return { ok: false, reason: error instanceof Error && /user verification/i.test(error.message) ? "user-verification" : "invalid" };
  }
  if (!verification.verified) return { ok: false, reason: "invalid" };
  const info = verification.registrationInfo;
  // Checked on top of the library: only a verified user makes a passkey that counts as two factors.
  if (!info.userVerified) return { ok: false, reason: "user-verification" };

  const db = tenantDb(owner.tenant.id);
  const credentialId = info.credential.id;
  const taken = await db.passkey.findFirst({ where: { credentialId }, select: { id: true } });
  if (taken) return { ok: false, reason: "already-registered" };
  const name = cleanPasskeyName(input.name) || providerName(info.aaguid) || "Passkey";
  const { passkey, renewed, ended } = await db.$transaction(async (tx) => {
    const created = await tx.passkey.create({
      data: {
        tenantId: owner.tenant.id,
        userId: owner.user.id,
        credentialId,
        publicKey: Buffer.from(info.credential.publicKey),
        counter: BigInt(info.credential.counter),
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        name,
        createdAt: now,
      },
      select: { id: true, name: true },
    });
    const sessions = await renewSessionsAfterPrivilegeChange(tx, { userId: owner.user.id, keepSessionId: input.sessionId, change: "second-factor-changed", now });
    return { passkey: created, ...sessions };
  });
  await recordAuditEvent({
    tenantId: owner.tenant.id,
    type: "passkey.registered",
    actorUserId: owner.user.id,
    targetUserId: owner.user.id,
    ...input.meta,
    data: { passkeyId: passkey.id, name, synced: info.credentialBackedUp, provider: providerName(info.aaguid), otherSessionsEnded: ended },
  });
  // A passkey is also a second factor for password sign-in: as the member's first, it comes with
  // recovery codes, or losing the device would leave nothing but an admin's reset.
  const recoveryCodes = await issueRecoveryCodesForFirstFactor(owner.tenant.id, owner.user.id);
  return withRenewedSession({ ok: true as const, passkey, recoveryCodes }, renewed);
}
