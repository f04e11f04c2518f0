// npm run bench:sms-reset — whether resetting a password by SMS tells real accounts from unknown
// ones by timing. The forgot-password answer itself does the same work for every username (the
// lookup and the text happen after it, in after()); what runs while the person waits is the code
// check, so its medians for a real account and an unknown username are printed side by side,
// with the after-the-answer request work for reference. Runs the real code against a scratch
// database on the embedded PostgreSQL (or BENCH_DATABASE_URL). Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
// The SMS text is translated with next-intl, so package.json runs this with --outside-react-server
// (scripts/bench/server-only-outside-next.mjs says why).
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { checkSmsResetCode, requestSmsPasswordReset } from "@/lib/auth/sms-password-reset";
import { systemDb } from "@/lib/db/prisma";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

const slug = `bench-${Date.now().toString(36)}`;
const created = await createWorkspace({ companyName: "Bench Co", slug, ownerName: "Bench Owner", email: `owner@${slug}.test`, password: "quiet-harbour-lantern-97", locale: "en" });
if (!created.ok) throw new Error("could not create the bench workspace");
const tenantId = created.tenant.id;

// One member per round, each with a verified phone of its own: per-number limits and the 60-second
// wait apply per phone and per username, and this measures the answer, not the limits.
const members: { email: string; phone: string }[] = [];
for (let i = 0; i < ROUNDS + 3; i += 1) {
  const email = `member-${i}@${slug}.test`;
  const phone = `+86137${String(Date.now() % 10_000).padStart(4, "0")}${String(i).padStart(4, "0")}`;
  const user = await systemDb().user.create({ data: { tenantId, email, name: `Member ${i}`, passwordHash: "x", role: "SALES_REP" } });
  await systemDb().phoneFactor.create({ data: { tenantId, userId: user.id, phone, verifiedAt: new Date() } });
  members.push({ email, phone });
}

let ip = 0;
const meta = () => ({ ip: `10.${(ip += 1) >> 16}.${(ip >> 8) & 255}.${ip & 255}`, userAgent: "bench" });
async function textedCode(phone: string): Promise<string> {
  const text = await systemDb().smsMessage.findFirstOrThrow({ where: { to: phone }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return /\b(\d{6})\b/.exec(text.body)![1]!;
}

// Warm-up: connections, the HMAC keys, the translator.
for (const member of members.slice(ROUNDS)) {
  await requestSmsPasswordReset({ tenantId, username: member.email, ...meta() });
  await checkSmsResetCode({ tenantId, username: member.email, code: "000000" });
}

const requestReal: number[] = [];
const requestUnknown: number[] = [];
const wrongReal: number[] = [];
const wrongUnknown: number[] = [];
const rightReal: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  // Interleaved so drift in machine load affects every series alike.
  const member = members[i]!;
  const unknown = `nobody-${i}@${slug}.test`;
  requestReal.push((await timed(() => requestSmsPasswordReset({ tenantId, username: member.email, ...meta() })))[0]);
  requestUnknown.push((await timed(() => requestSmsPasswordReset({ tenantId, username: unknown, ...meta() })))[0]);
  const code = await textedCode(member.phone);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  wrongReal.push((await timed(() => checkSmsResetCode({ tenantId, username: member.email, code: wrong })))[0]);
  wrongUnknown.push((await timed(() => checkSmsResetCode({ tenantId, username: unknown, code: wrong })))[0]);
  rightReal.push((await timed(() => checkSmsResetCode({ tenantId, username: member.email, code })))[0]);
}

const rows: [string, number[]][] = [
  ["code check: real account, wrong code", wrongReal],
  ["code check: unknown username, wrong code", wrongUnknown],
  ["code check: real account, right code", rightReal],
  ["request work (after the answer): real account", requestReal],
  ["request work (after the answer): unknown", requestUnknown],
];
console.log(`\nPassword reset by SMS, server side, ${ROUNDS} rounds each:`);
for (const [label, samples] of rows) {
  const s = stats(samples);
  console.log(`  ${label.padEnd(48)} median ${fmt(s.median).padStart(9)}   p95 ${fmt(s.p95).padStart(9)}`);
}
const gap = stats(wrongReal).median - stats(wrongUnknown).median;
console.log(`\n  median gap, wrong code real − unknown: ${fmt(gap)} (the form's own answer does no per-account work at all)`);
await systemDb().$disconnect();
