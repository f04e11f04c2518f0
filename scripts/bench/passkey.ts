// npm run bench:passkey — how long a passkey sign-in takes on the server: the options request
// (a challenge stored) and the verify request (challenge consumed, credential looked up, ES256
// signature checked, counter and last use written, audit, session created), against a scratch
// database on the embedded PostgreSQL (or BENCH_DATABASE_URL). The browser's part is played by
// the software authenticator of the tests (test/soft-authenticator.ts) and is not counted.
// Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { systemDb } from "@/lib/db/prisma";
import { appUrl } from "@/lib/config";
import { passkeyRegistrationOptions, registerPasskey } from "@/lib/auth/passkeys/registration";
import { passkeyAssertionOptions, verifyPasskeyAssertion } from "@/lib/auth/passkeys/authentication";
import { authenticationResponseSchema, registrationResponseSchema } from "@/lib/auth/passkeys/responses";
import { establishSignIn } from "@/lib/auth/complete-sign-in";
import { SoftAuthenticator } from "@/test/soft-authenticator";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const ORIGIN = new URL(appUrl()).origin;
const META = { ip: "10.0.0.1", userAgent: "bench" };

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const slug = `bench-pk-${Date.now().toString(36)}`;
const created = await createWorkspace({ companyName: "Bench Passkeys", slug, ownerName: "Bench Owner", email: `owner@${slug}.test`, password: "quiet-harbour-lantern-97", locale: "en" });
if (!created.ok) throw new Error("could not create the bench workspace");
const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: created.tenant.id } });
const owner = { tenant: { id: tenant.id, name: tenant.name }, user: { id: created.owner.id, email: `owner@${slug}.test`, name: "Bench Owner" } };

const authenticator = new SoftAuthenticator({ origin: ORIGIN, countUp: true });
const registration = await registerPasskey({
  owner,
  sessionId: null,
  response: registrationResponseSchema.parse(authenticator.register(await passkeyRegistrationOptions(owner))),
  name: "Bench key",
  requestOrigin: ORIGIN,
  meta: META,
});
if (!registration.ok) throw new Error(`registration failed: ${registration.reason}`);

async function signIn() {
  const t0 = performance.now();
  const options = await passkeyAssertionOptions({ tenantId: tenant.id, purpose: "authentication", userId: null });
  const t1 = performance.now();
  const response = authenticationResponseSchema.parse(authenticator.authenticate(options));
  const t2 = performance.now();
  const result = await verifyPasskeyAssertion({ tenantId: tenant.id, purpose: "authentication", response, requestOrigin: ORIGIN, meta: META });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  const tVerified = performance.now();
  await establishSignIn({ tenant, userId: result.userId, method: "passkey", userVerified: result.userVerified, ...META });
  const t3 = performance.now();
  return { options: t1 - t0, assertion: tVerified - t2, verify: t3 - t2, roundTrip: t1 - t0 + (t3 - t2) };
}

for (let i = 0; i < 5; i += 1) await signIn(); // warm-up: connection pool, JIT
const samples = { options: [] as number[], assertion: [] as number[], verify: [] as number[], roundTrip: [] as number[] };
for (let i = 0; i < ROUNDS; i += 1) {
  const s = await signIn();
  samples.options.push(s.options);
  samples.assertion.push(s.assertion);
  samples.verify.push(s.verify);
  samples.roundTrip.push(s.roundTrip);
}

console.log(`Passkey sign-in, server side, ${ROUNDS} rounds (software authenticator's signing not counted):`);
for (const [label, key] of [["options (challenge stored)", "options"], ["verify: assertion checks only", "assertion"], ["verify: assertion + session", "verify"], ["round trip (options + verify)", "roundTrip"]] as const) {
  const { median, p95 } = stats(samples[key]);
  console.log(`  ${label.padEnd(32)} median ${fmt(median).padStart(9)}   p95 ${fmt(p95).padStart(9)}`);
}
await systemDb().tenant.delete({ where: { id: tenant.id } });
await systemDb().$disconnect();
