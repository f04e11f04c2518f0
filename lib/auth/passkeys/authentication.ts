import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { z } from "zod";
import { tenantDb } from "@/lib/db/tenant-db";
import { recordAuditEvent } from "@/lib/auth/audit";
import type { RequestMeta } from "@/lib/dal/context";
import { CHALLENGE_TTL_MS, challengeIssuedAt, consumeChallenge, issueChallenge } from "./challenges";
import { allowedOrigins, relyingPartyId } from "./relying-party";
import { asAuthenticationResponse, authenticatorDataSummary, challengeOf, type authenticationResponseSchema } from "./responses";
import { userHandleOf } from "./registration";

// Proving who you are with a passkey: the username-less sign-in on the login page ("authentication",
// discoverable credentials, empty allowCredentials) and the second factor after a password
// ("second-factor", only the signed-in member's own passkeys). Credentials are looked up by
// (workspace, credential id), so a passkey of workspace A is simply unknown in workspace B.

export type AssertionPurpose = "authentication" | "second-factor";

export async function passkeyAssertionOptions(input: {
  tenantId: string;
  purpose: AssertionPurpose;
  /** The member who owes a second factor; null for the username-less sign-in. */
  userId: string | null;
  now?: Date;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const userId = input.purpose === "second-factor" ? input.userId : null;
  if (input.purpose === "second-factor" && !userId) throw new Error("a second-factor assertion needs the member");
  const allowCredentials = userId
    ? (
        await tenantDb(input.tenantId).passkey.findMany({ where: { tenantId: input.tenantId, userId }, select: { credentialId: true, transports: true } })
      ).map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] }))
    : [];
  const challenge = await issueChallenge({ tenantId: input.tenantId, userId, purpose: input.purpose, now: input.now });
  return generateAuthenticationOptions({
    rpID: relyingPartyId(),
    // As bytes: a string would be UTF-8 encoded again, and the browser would sign something else than what is stored.
    challenge: Buffer.from(challenge, "base64url"),
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
    allowCredentials,
  });
}

export type AssertionRefusal =
  /** Not a passkey of this workspace (or of this member, for a second factor). */
  | "unknown-passkey"
  /** The challenge is used, expired or was never issued here. */
  | "expired"
  /** Wrong origin or RP ID, bad signature, malformed data. */
  | "invalid"
  /** The authenticator did not verify the user (no fingerprint, face or PIN). */
  | "user-verification"
  /** The signature counter went backwards: possibly a cloned authenticator. */
  | "counter-regression"
  /**
   * Another ceremony of the same passkey, begun after this one, was verified first (two requests
   * from one click, or two tabs): this one is refused, but it is no sign of a copy.
   */
  | "superseded";

export type AssertionResult =
  | { ok: true; userId: string; passkeyId: string; passkeyName: string; userVerified: boolean }
  | { ok: false; reason: AssertionRefusal; userId: string | null };

/**
 * Verifies an assertion: the challenge (consumed first, so a response verifies at most once),
 * the credential (this workspace's, an active member's, and for a second factor that member's),
 * origin, RP ID, user verification (required) and signature; then the signature counter. Updates
 * the counter and last use, and audits passkey.signin or the refusal. The caller turns a success
 * into a session (completePrimarySignIn) or a completed second factor.
 */
export async function verifyPasskeyAssertion(input: {
  tenantId: string;
  purpose: AssertionPurpose;
  response: z.output<typeof authenticationResponseSchema>;
  /** For a second factor: the member the session belongs to. */
  userId?: string | null;
  requestOrigin: string | null;
  meta: RequestMeta;
  now?: Date;
}): Promise<AssertionResult> {
  const now = input.now ?? new Date();
  const db = tenantDb(input.tenantId);
  const expectedUserId = input.purpose === "second-factor" ? (input.userId ?? null) : null;
  if (input.purpose === "second-factor" && !expectedUserId) return { ok: false, reason: "unknown-passkey", userId: null };
  const refuse = async (reason: AssertionRefusal, userId: string | null, extra: Record<string, string | number> = {}): Promise<AssertionResult> => {
    await recordAuditEvent({
      tenantId: input.tenantId,
      type: reason === "counter-regression" ? "passkey.counter_regression" : input.purpose === "second-factor" ? "signin.second_factor_failed" : "signin.failure",
      targetUserId: userId,
      ...input.meta,
      data: { method: "passkey", reason, ...extra },
    });
    return { ok: false, reason, userId };
  };

  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (!challenge) return refuse("invalid", expectedUserId);
  const problem = await consumeChallenge({ tenantId: input.tenantId, challenge, purpose: input.purpose, userId: expectedUserId, now });
  if (problem) return refuse("expired", expectedUserId);

  const passkey = await db.passkey.findUnique({
    where: { tenantId_credentialId: { tenantId: input.tenantId, credentialId: input.response.id } },
    include: { user: { select: { id: true, status: true } } },
  });
  if (!passkey || passkey.user.status !== "ACTIVE" || (expectedUserId && passkey.userId !== expectedUserId)) {
    return refuse("unknown-passkey", expectedUserId);
  }
  // A discoverable credential names its owner; it must be the member the passkey was registered to.
  if (input.response.response.userHandle && input.response.response.userHandle !== userHandleOf(passkey.userId)) {
    return refuse("invalid", passkey.userId);
  }

  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: asAuthenticationResponse(input.response),
      expectedChallenge: challenge,
      expectedOrigin: allowedOrigins(input.requestOrigin),
      expectedRPID: relyingPartyId(),
      // The counter is compared below, after the signature is known to be good, so that only a
      // genuine regression is audited as one.
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: 0, transports: passkey.transports as AuthenticatorTransport[] },
      requireUserVerification: true,
    });
  } catch {
    const summary = authenticatorDataSummary(input.response.response.authenticatorData);
    return refuse(summary && !summary.userVerified ? "user-verification" : "invalid", passkey.userId);
  }
  if (!verification.verified) return refuse("invalid", passkey.userId);
  const info = verification.authenticationInfo;
  const counterProblem = async (current: { counter: bigint; lastUsedAt: Date | null }) => {
    const details = { passkeyId: passkey.id, storedCounter: Number(current.counter), newCounter: info.newCounter };
    // The stored counter was written by a use that finished after this ceremony began: the
    // authenticator signed both, and the later one happened to be verified first. A copy would
    // have to race a genuine use within the same few seconds; it is refused all the same.
    const issuedAt = await challengeIssuedAt({ tenantId: input.tenantId, challenge });
    if (current.lastUsedAt && issuedAt && current.lastUsedAt > issuedAt) return refuse("superseded", passkey.userId, details);
    return refuse("counter-regression", passkey.userId, details);
  };
  // WebAuthn §6.1.1: when either counter is nonzero, the new one must be greater. Passkeys that
  // always report 0 (synced ones) never trip this.
  const moved = (stored: bigint) => !(info.newCounter > 0 || stored > 0n) || BigInt(info.newCounter) > stored;
  let expected = { counter: passkey.counter, lastUsedAt: passkey.lastUsedAt };
  for (let attempt = 0; ; attempt++) {
    if (!moved(expected.counter)) return counterProblem(expected);
    // Conditional on the counter still being what was read: of two racing assertions only one
    // writes at a time; the other reads the new value and goes round again.
    const updated = await db.passkey.updateMany({
      where: { tenantId: input.tenantId, id: passkey.id, counter: expected.counter },
      data: { counter: BigInt(info.newCounter), lastUsedAt: now, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType },
    });
    if (updated.count === 1) break;
    const current = await db.passkey.findUnique({
      where: { tenantId_id: { tenantId: input.tenantId, id: passkey.id } },
      select: { counter: true, lastUsedAt: true },
    });
    if (!current) return refuse("unknown-passkey", passkey.userId);
    if (attempt >= 3) return counterProblem(current);
    expected = current;
  }
  await recordAuditEvent({
    tenantId: input.tenantId,
    type: "passkey.signin",
    actorUserId: passkey.userId,
    targetUserId: passkey.userId,
    ...input.meta,
    data: { passkeyId: passkey.id, name: passkey.name, purpose: input.purpose, userVerified: info.userVerified },
  });
  return { ok: true, userId: passkey.userId, passkeyId: passkey.id, passkeyName: passkey.name, userVerified: info.userVerified };
}
