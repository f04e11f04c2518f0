// Passkeys as an attacker would try them: the real registration and verification code against a
// software authenticator (test/soft-authenticator.ts: real P-256 keys, real authenticator data
// and signatures) on a real database. Each refusal must be a refusal: wrong origin, wrong RP ID,
// reused or expired challenge, no user verification, a counter that goes backwards, another
// workspace's passkey, another member's passkey offered as a second factor.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { appUrl } from "@/lib/config";
import { SoftAuthenticator } from "@/test/soft-authenticator";
import { addMember, auditEvents, createWorkspace, TEST_META, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { passkeyRegistrationOptions, registerPasskey, type PasskeyOwner } from "./registration";
import { passkeyAssertionOptions, verifyPasskeyAssertion } from "./authentication";
import { CHALLENGE_TTL_MS } from "./challenges";
import { allowedOrigins, relyingPartyId } from "./relying-party";
import { authenticationResponseSchema, registrationResponseSchema } from "./responses";

const ORIGIN = new URL(appUrl()).origin;

let a: TestWorkspace;
let b: TestWorkspace;

beforeAll(async () => {
  a = await createWorkspace();
  b = await createWorkspace();
});

function ownerOf(ws: TestWorkspace, user: User = ws.owner): PasskeyOwner {
  return { tenant: { id: ws.tenant.id, name: ws.tenant.name }, user: { id: user.id, email: user.email, name: user.name } };
}

/** A member of `ws` with a freshly registered passkey on `authenticator`. */
async function enrolled(ws: TestWorkspace, authenticator = new SoftAuthenticator({ origin: ORIGIN })) {
  const user = await addMember(ws.tenant.id, "SALES_REP");
  const options = await passkeyRegistrationOptions(ownerOf(ws, user));
  const response = registrationResponseSchema.parse(authenticator.register(options));
  const result = await registerPasskey({ sessionId: null, owner: ownerOf(ws, user), response, name: "Work laptop", requestOrigin: ORIGIN, meta: TEST_META });
  expect(result).toMatchObject({ ok: true, passkey: { name: "Work laptop" } });
  return { user, authenticator };
}

async function signInOptions(ws: TestWorkspace, now?: Date) {
  return passkeyAssertionOptions({ tenantId: ws.tenant.id, purpose: "authentication", userId: null, now });
}

function verify(ws: TestWorkspace, response: ReturnType<SoftAuthenticator["authenticate"]>, extra: { now?: Date; requestOrigin?: string | null } = {}) {
  return verifyPasskeyAssertion({
    tenantId: ws.tenant.id,
    purpose: "authentication",
    response: authenticationResponseSchema.parse(response),
    requestOrigin: extra.requestOrigin === undefined ? ORIGIN : extra.requestOrigin,
    meta: TEST_META,
    now: extra.now,
  });
}

describe("a passkey as the member's first second factor", () => {
  it("comes with ten recovery codes; a second passkey, or one added beside an app, comes with none", async () => {
    const user = await addMember(a.tenant.id, "SALES_REP");
    const register = async (authenticator: SoftAuthenticator) => {
      const options = await passkeyRegistrationOptions(ownerOf(a, user));
      const response = registrationResponseSchema.parse(authenticator.register(options));
      return registerPasskey({ sessionId: null, owner: ownerOf(a, user), response, name: "Laptop", requestOrigin: ORIGIN, meta: TEST_META });
    };
    const first = await register(new SoftAuthenticator({ origin: ORIGIN }));
    expect(first.ok && first.recoveryCodes).toHaveLength(10);
    expect(await systemDb().recoveryCode.count({ where: { tenantId: a.tenant.id, userId: user.id, usedAt: null } })).toBe(10);
    expect(await register(new SoftAuthenticator({ origin: ORIGIN }))).toMatchObject({ ok: true, recoveryCodes: null });
    expect(await systemDb().recoveryCode.count({ where: { tenantId: a.tenant.id, userId: user.id } })).toBe(10);
  });
});

describe("relying party", () => {
  it("is APP_URL's host, and only APP_URL's origin plus same-host origins over plain http", () => {
    expect(relyingPartyId()).toBe(new URL(appUrl()).hostname);
    expect(allowedOrigins(null)).toEqual([ORIGIN]);
    expect(allowedOrigins("http://localhost:3101")).toContain("http://localhost:3101");
    expect(allowedOrigins("https://evil.example")).toEqual([ORIGIN]);
    expect(allowedOrigins("not a url")).toEqual([ORIGIN]);
  });
});

describe("registration", () => {
  it("stores a discoverable, user-verified passkey and audits it; options exclude the member's passkeys", async () => {
    const { user, authenticator } = await enrolled(a);
    const stored = await systemDb().passkey.findMany({ where: { tenantId: a.tenant.id, userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.credentialId).toBe(authenticator.id);
    const options = await passkeyRegistrationOptions(ownerOf(a, user));
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    expect(options.rp).toEqual({ name: `Relay CRM · ${a.tenant.name}`, id: relyingPartyId() });
    const audit = await auditEvents(a.tenant.id, "passkey.registered");
    expect(audit.some((event) => event.targetUserId === user.id)).toBe(true);
  });

  it("refuses a registration without user verification, from another origin, or answering a used challenge", async () => {
    const user = await addMember(a.tenant.id, "SALES_REP");
    const owner = ownerOf(a, user);
    const register = async (overrides: Parameters<SoftAuthenticator["register"]>[1], options?: Awaited<ReturnType<typeof passkeyRegistrationOptions>>) => {
      const opts = options ?? (await passkeyRegistrationOptions(owner));
      const response = registrationResponseSchema.parse(new SoftAuthenticator({ origin: ORIGIN }).register(opts, overrides));
      return registerPasskey({ sessionId: null, owner, response, name: "x", requestOrigin: ORIGIN, meta: TEST_META });
    };
    expect(await register({ userVerified: false })).toEqual({ ok: false, reason: "user-verification" });
    expect(await register({ origin: "https://relay-crm.evil.example" })).toEqual({ ok: false, reason: "invalid" });
    expect(await register({ rpId: "evil.example" })).toEqual({ ok: false, reason: "invalid" });
    const options = await passkeyRegistrationOptions(owner);
    expect((await register({}, options)).ok).toBe(true);
    expect(await register({}, options)).toEqual({ ok: false, reason: "expired" });
    expect(await systemDb().passkey.count({ where: { tenantId: a.tenant.id, userId: user.id } })).toBe(1);
  });

  it("refuses a registration answering another member's challenge", async () => {
    const [alice, mallory] = await Promise.all([addMember(a.tenant.id, "SALES_REP"), addMember(a.tenant.id, "SALES_REP")]);
    const aliceOptions = await passkeyRegistrationOptions(ownerOf(a, alice));
    const response = registrationResponseSchema.parse(new SoftAuthenticator({ origin: ORIGIN }).register(aliceOptions));
    expect(await registerPasskey({ sessionId: null, owner: ownerOf(a, mallory), response, name: "x", requestOrigin: ORIGIN, meta: TEST_META })).toEqual({ ok: false, reason: "expired" });
  });
});

describe("sign-in with a passkey", () => {
  it("accepts a good assertion, with user verification, and records when it was used", async () => {
    const { user, authenticator } = await enrolled(a);
    const result = await verify(a, authenticator.authenticate(await signInOptions(a)));
    expect(result).toMatchObject({ ok: true, userId: user.id, userVerified: true });
    const stored = await systemDb().passkey.findFirstOrThrow({ where: { tenantId: a.tenant.id, userId: user.id } });
    expect(stored.lastUsedAt).not.toBeNull();
    const audit = await auditEvents(a.tenant.id, "passkey.signin");
    expect(audit.some((event) => event.actorUserId === user.id)).toBe(true);
  });

  it("uses discoverable credentials: no allowCredentials, user verification required", async () => {
    const options = await signInOptions(a);
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe(relyingPartyId());
  });

  it("refuses a response from another origin (a phishing copy of the site)", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(a), { origin: "https://relay-crm.evil.example" });
    expect(await verify(a, response, { requestOrigin: "https://relay-crm.evil.example" })).toMatchObject({ ok: false, reason: "invalid" });
    // Another port of the same host counts only when the request itself came to that origin.
    const otherPort = authenticator.authenticate(await signInOptions(a), { origin: "http://localhost:4999" });
    expect(await verify(a, otherPort, { requestOrigin: null })).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a response signed for another RP ID", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(a), { rpId: "evil.example" });
    expect(await verify(a, response)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a reused challenge (a replayed response) and a challenge that was never issued", async () => {
    const { authenticator } = await enrolled(a);
    const options = await signInOptions(a);
    expect((await verify(a, authenticator.authenticate(options))).ok).toBe(true);
    expect(await verify(a, authenticator.authenticate(options))).toMatchObject({ ok: false, reason: "expired" });
    const invented = authenticator.authenticate(options, { challenge: "bm90LWEtcmVhbC1jaGFsbGVuZ2U" });
    expect(await verify(a, invented)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses an expired challenge (five minutes)", async () => {
    const { authenticator } = await enrolled(a);
    const issued = new Date(Date.now() - CHALLENGE_TTL_MS - 1000);
    const options = await signInOptions(a, issued);
    expect(await verify(a, authenticator.authenticate(options))).toMatchObject({ ok: false, reason: "expired" });
    const fresh = await signInOptions(a, new Date(Date.now() - CHALLENGE_TTL_MS + 30_000));
    expect((await verify(a, authenticator.authenticate(fresh))).ok).toBe(true);
  });

  it("refuses an assertion without user verification", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(a), { userVerified: false });
    expect(await verify(a, response)).toMatchObject({ ok: false, reason: "user-verification" });
  });

  it("refuses a tampered signature", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(a));
    const signature = Buffer.from(response.response.signature, "base64url");
    signature[signature.length - 1]! ^= 0x01;
    response.response.signature = signature.toString("base64url");
    expect(await verify(a, response)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses and audits a counter that goes backwards, and accepts counters that go up", async () => {
    const { user, authenticator } = await enrolled(a, new SoftAuthenticator({ origin: ORIGIN, countUp: true }));
    expect((await verify(a, authenticator.authenticate(await signInOptions(a)))).ok).toBe(true); // 1
    expect((await verify(a, authenticator.authenticate(await signInOptions(a)))).ok).toBe(true); // 2
    const stored = await systemDb().passkey.findFirstOrThrow({ where: { tenantId: a.tenant.id, userId: user.id } });
    expect(Number(stored.counter)).toBe(2);
    // A clone still at 1, and one that repeats 2.
    expect(await verify(a, authenticator.authenticate(await signInOptions(a), { counter: 1 }))).toMatchObject({ ok: false, reason: "counter-regression" });
    expect(await verify(a, authenticator.authenticate(await signInOptions(a), { counter: 2 }))).toMatchObject({ ok: false, reason: "counter-regression" });
    const audit = await auditEvents(a.tenant.id, "passkey.counter_regression");
    expect(audit.filter((event) => event.targetUserId === user.id)).toHaveLength(2);
    expect((await verify(a, authenticator.authenticate(await signInOptions(a), { counter: 7 }))).ok).toBe(true);
  });

  it("refuses the older of two ceremonies from one click quietly: overtaken, not a copy", async () => {
    const { user, authenticator } = await enrolled(a, new SoftAuthenticator({ origin: ORIGIN, countUp: true }));
    // The autofill request and the button's, both answered by the authenticator (counters 1 and 2)...
    const [first, second] = [await signInOptions(a), await signInOptions(a)];
    const older = authenticator.authenticate(first);
    const newer = authenticator.authenticate(second);
    // ...and the newer one reaches the server first.
    expect((await verify(a, newer)).ok).toBe(true);
    expect(await verify(a, older)).toMatchObject({ ok: false, reason: "superseded" });
    const regressions = (await auditEvents(a.tenant.id, "passkey.counter_regression")).filter((event) => event.targetUserId === user.id);
    expect(regressions).toEqual([]);
  });

  it("lets two racing verifications of one passkey through in counter order, never calling either a copy", async () => {
    const { user, authenticator } = await enrolled(a, new SoftAuthenticator({ origin: ORIGIN, countUp: true }));
    for (let round = 0; round < 5; round++) {
      const [first, second] = [await signInOptions(a), await signInOptions(a)];
      const responses = [authenticator.authenticate(first), authenticator.authenticate(second)];
      const results = await Promise.all(responses.map((response) => verify(a, response)));
      expect(results.some((result) => result.ok)).toBe(true);
      for (const result of results) if (!result.ok) expect(result.reason).toBe("superseded");
    }
    const regressions = (await auditEvents(a.tenant.id, "passkey.counter_regression")).filter((event) => event.targetUserId === user.id);
    expect(regressions).toEqual([]);
    const stored = await systemDb().passkey.findFirstOrThrow({ where: { tenantId: a.tenant.id, userId: user.id } });
    expect(Number(stored.counter)).toBe(10);
  });

  it("accepts a synced passkey whose counter is always 0 (0 then 0)", async () => {
    const { authenticator } = await enrolled(a, new SoftAuthenticator({ origin: ORIGIN, synced: true }));
    expect((await verify(a, authenticator.authenticate(await signInOptions(a)))).ok).toBe(true);
    expect((await verify(a, authenticator.authenticate(await signInOptions(a)))).ok).toBe(true);
  });

  it("refuses a counter that drops to 0 after counting", async () => {
    const { authenticator } = await enrolled(a, new SoftAuthenticator({ origin: ORIGIN, countUp: true }));
    expect((await verify(a, authenticator.authenticate(await signInOptions(a)))).ok).toBe(true);
    expect(await verify(a, authenticator.authenticate(await signInOptions(a), { counter: 0 }))).toMatchObject({ ok: false, reason: "counter-regression" });
  });

  it("answers a passkey of workspace A at workspace B like an unknown passkey", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(b));
    expect(await verify(b, response)).toEqual({ ok: false, reason: "unknown-passkey", userId: null });
    // And A's challenge can't be spent at B either.
    const aOptions = await signInOptions(a);
    expect(await verify(b, authenticator.authenticate(aOptions))).toMatchObject({ ok: false, reason: "expired" });
    expect((await verify(a, authenticator.authenticate(aOptions))).ok).toBe(true);
  });

  it("refuses a deactivated member's passkey like an unknown one", async () => {
    const { user, authenticator } = await enrolled(a);
    await systemDb().user.update({ where: { tenantId_id: { tenantId: a.tenant.id, id: user.id } }, data: { status: "DEACTIVATED" } });
    expect(await verify(a, authenticator.authenticate(await signInOptions(a)))).toMatchObject({ ok: false, reason: "unknown-passkey" });
  });

  it("refuses a user handle that names someone else", async () => {
    const { authenticator } = await enrolled(a);
    const response = authenticator.authenticate(await signInOptions(a));
    response.response.userHandle = Buffer.from("someone-else").toString("base64url");
    expect(await verify(a, response)).toMatchObject({ ok: false, reason: "invalid" });
  });
});

describe("passkey as a second factor", () => {
  it("offers only the member's own passkeys and refuses another member's", async () => {
    const alice = await enrolled(a);
    const mallory = await enrolled(a);
    const options = await passkeyAssertionOptions({ tenantId: a.tenant.id, purpose: "second-factor", userId: alice.user.id });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([alice.authenticator.id]);
    const second = (response: ReturnType<SoftAuthenticator["authenticate"]>) =>
      verifyPasskeyAssertion({ tenantId: a.tenant.id, purpose: "second-factor", userId: alice.user.id, response: authenticationResponseSchema.parse(response), requestOrigin: ORIGIN, meta: TEST_META });
    expect(await second(mallory.authenticator.authenticate(options))).toMatchObject({ ok: false, reason: "unknown-passkey" });
    // A sign-in challenge is not a second-factor challenge.
    expect(await second(alice.authenticator.authenticate(await signInOptions(a)))).toMatchObject({ ok: false, reason: "expired" });
    const fresh = await passkeyAssertionOptions({ tenantId: a.tenant.id, purpose: "second-factor", userId: alice.user.id });
    expect(await second(alice.authenticator.authenticate(fresh))).toMatchObject({ ok: true, userId: alice.user.id });
  });
});
