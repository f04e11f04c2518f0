// npm run bench:totp — what checking an authenticator-app code costs on the server: the whole
// verifyTotpForUser (read the factor, open the AES-GCM-sealed secret, HMAC-SHA-1 for up to three
// steps, conditional update of the last used step) against PostgreSQL, a refused code (no write),
// and the pure computation without the database. Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { systemDb } from "@/lib/db/prisma";
import { decodeTotpSecret, generateTotpSecret, hotp, totpStep } from "@/lib/auth/totp";
import { matchTotpStep, openTotpSecret, sealTotpSecret, verifyTotpForUser } from "@/lib/auth/totp-factor";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const PURE_ROUNDS = ROUNDS * 20;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
function report(label: string, samples: number[]) {
  const { median, p95 } = stats(samples);
  console.log(`${label.padEnd(58)} median ${fmt(median).padStart(9)}   p95 ${fmt(p95).padStart(9)}   (n=${samples.length})`);
}

const slug = `bench-totp-${Date.now().toString(36)}`;
const created = await createWorkspace({ companyName: "Bench TOTP", slug, ownerName: "Bench Owner", email: `owner@${slug}.test`, password: "quiet-harbour-lantern-97", locale: "en" });
if (!created.ok) throw new Error("could not create the bench workspace");
const tenantId = created.tenant.id;
const userId = created.owner.id;
const secret = generateTotpSecret();
const key = decodeTotpSecret(secret);
await systemDb().totpFactor.create({ data: { tenantId, userId, secretSealed: sealTotpSecret(tenantId, userId, secret), confirmedAt: new Date() } });

// Each accepted code must belong to a later step than the last, so the clock moves 30 s per round.
const start = Date.now();
const at = (i: number) => new Date(start + i * 30_000);
const wrongCode = (now: Date) => String((Number(hotp(key, totpStep(now))) + 500_000) % 1_000_000).padStart(6, "0");

for (let i = 0; i < 20; i++) await verifyTotpForUser(tenantId, userId, hotp(key, totpStep(at(i))), at(i)); // warm-up

const accepted: number[] = [];
const refused: number[] = [];
for (let i = 20; i < 20 + ROUNDS; i++) {
  const now = at(i);
  const code = hotp(key, totpStep(now));
  let t0 = performance.now();
  const verdict = await verifyTotpForUser(tenantId, userId, code, now);
  accepted.push(performance.now() - t0);
  if (verdict !== "ok") throw new Error(`expected ok, got ${verdict}`);
  t0 = performance.now();
  await verifyTotpForUser(tenantId, userId, wrongCode(now), now);
  refused.push(performance.now() - t0);
}

const row = await systemDb().totpFactor.findUniqueOrThrow({ where: { tenantId_userId: { tenantId, userId } } });
const pureCheck: number[] = [];
const openAndCheck: number[] = [];
const oneHotp: number[] = [];
for (let i = 0; i < PURE_ROUNDS; i++) {
  const now = at(i);
  const code = hotp(key, totpStep(now));
  let t0 = performance.now();
  matchTotpStep(secret, code, now, null);
  pureCheck.push(performance.now() - t0);
  t0 = performance.now();
  matchTotpStep(openTotpSecret(tenantId, userId, row.secretSealed), wrongCode(now), now, null);
  openAndCheck.push(performance.now() - t0);
  t0 = performance.now();
  hotp(key, BigInt(i));
  oneHotp.push(performance.now() - t0);
}

console.log(`TOTP verification cost (${ROUNDS} database rounds, ${PURE_ROUNDS} pure rounds)`);
report("verifyTotpForUser, right code (read + decrypt + HMAC + update)", accepted);
report("verifyTotpForUser, wrong code (read + decrypt + 3 HMACs)", refused);
report("pure check: window of 3 steps, right code (no database)", pureCheck);
report("pure check incl. AES-GCM open, wrong code (no database)", openAndCheck);
report("one HOTP (HMAC-SHA-1 + truncation)", oneHotp);

await systemDb().tenant.delete({ where: { id: tenantId } });
await systemDb().$disconnect();
