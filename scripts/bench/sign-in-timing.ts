// npm run bench:sign-in — how long a password sign-in takes on the server, and whether an unknown
// username answers in the same time as a real one with a wrong password (it must: otherwise
// timing reveals which accounts exist). Runs the real sign-in code against a scratch database
// on the embedded PostgreSQL (or BENCH_DATABASE_URL). Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { createCaptchaChallenge } from "@/lib/auth/captcha";
import { systemDb } from "@/lib/db/prisma";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PASSWORD = "quiet-harbour-lantern-97";

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function timed(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function solved() {
  const challenge = await createCaptchaChallenge();
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 30_000 });
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

const slug = `bench-${Date.now().toString(36)}`;
const created = await createWorkspace({ companyName: "Bench Co", slug, ownerName: "Bench Owner", email: `owner@${slug}.test`, password: PASSWORD, locale: "en" });
if (!created.ok) throw new Error("could not create the bench workspace");
const tenantId = created.tenant.id;
// Lockout would kick in after 10 failures; this benchmark measures the answer, not the lock.
await systemDb().securityPolicy.update({ where: { tenantId }, data: { lockoutThreshold: 100_000, captchaAfterFailures: 100_000 } });

let ip = 0;
const attempt = (username: string, password: string, captcha?: string) =>
  signInWithPassword({ tenantId, username, password, captcha, ip: `10.${(ip += 1) >> 16}.${(ip >> 8) & 255}.${ip & 255}`, userAgent: "bench", defer: () => {} });

// Warm-up: the common-password list, argon2, the connection pool.
for (let i = 0; i < 3; i += 1) await attempt(`owner@${slug}.test`, PASSWORD);

const success: number[] = [];
const wrong: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  // Interleaved so drift in machine load affects every series alike.
  success.push(await timed(() => attempt(`owner@${slug}.test`, PASSWORD)));
  wrong.push(await timed(() => attempt(`owner@${slug}.test`, "not-the-password-at-all")));
  unknown.push(await timed(() => attempt(`nobody-${i}@${slug}.test`, "not-the-password-at-all")));
}

await systemDb().securityPolicy.update({ where: { tenantId }, data: { captchaAfterFailures: 0 } });
const withCaptcha: number[] = [];
const solveTimes: number[] = [];
for (let i = 0; i < Math.min(ROUNDS, 20); i += 1) {
  const solveStart = performance.now();
  const captcha = await solved();
  solveTimes.push(performance.now() - solveStart);
  withCaptcha.push(await timed(() => attempt(`owner@${slug}.test`, PASSWORD, captcha)));
}

const rows: [string, number[]][] = [
  ["successful sign-in (no captcha)", success],
  ["successful sign-in with captcha (server side)", withCaptcha],
  ["captcha solve in Node (what a browser spends)", solveTimes],
  ["real username, wrong password", wrong],
  ["unknown username", unknown],
];
console.log(`\nPassword sign-in, server side, ${ROUNDS} rounds each (argon2id m=19456 t=2 p=1):`);
for (const [label, samples] of rows) {
  const s = stats(samples);
  console.log(`  ${label.padEnd(48)} median ${fmt(s.median).padStart(9)}   p95 ${fmt(s.p95).padStart(9)}`);
}
const gap = stats(unknown).median - stats(wrong).median;
console.log(`\n  unknown − real (wrong password), medians: ${gap >= 0 ? "+" : ""}${fmt(gap)}  (${((gap / stats(wrong).median) * 100).toFixed(1)}%)`);

await systemDb().tenant.delete({ where: { id: tenantId } });
await systemDb().$disconnect();
