// npm run bench:ip-limit — credential stuffing from one address against two app servers on one
// database. Prints how many sign-in POSTs per second the servers turn away with 429 (before any
// password is hashed) and how long those answers take, while a real user on another address
// signs in through a browser. Starts its own servers and database; prints figures, asserts nothing.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";

const PORT = 3600;
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ATTACKER_IP = "198.51.100.7";
const USER_IP = "192.0.2.10";

const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, E2E_PORT: String(PORT), E2E_PG_PORT: "54341", E2E_PG_DIR: ".data/bench-pg" },
});
const stop = () => new Promise((resolve) => (server.exitCode !== null ? resolve() : (server.once("exit", resolve), server.kill("SIGTERM"))));

async function healthy(url) {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} never became healthy`);
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
};

try {
  await healthy(`${BASE}/api/health`);
  await healthy(`http://127.0.0.1:${PORT + 1}/api/health`);
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
  });
  const context = await browser.newContext({ baseURL: BASE, extraHTTPHeaders: { "X-Forwarded-For": USER_IP } });
  const page = await context.newPage();
  const slug = `bench-${Date.now().toString(36)}`;
  const password = "velvet-compass-orchard-55";
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("Bench Traders");
  await page.getByLabel("Workspace address").fill(slug);
  await page.getByLabel("Your name").fill("Bea Bench");
  await page.getByLabel("Work email").fill(`bea@${slug}.test`);
  await page.getByLabel("Password", { exact: true }).fill(password);
  // Sign-up always asks for the proof-of-work captcha.
  await page.getByRole("checkbox", { name: "I'm not a robot" }).click();
  await page.getByText("Verified", { exact: true }).first().waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(`**/${slug}`);
  await context.clearCookies();

  // The flood: CONCURRENCY loops posting sign-ins from one address, alternating servers.
  const statuses = new Map();
  const refusedLatency = [];
  const deadline = performance.now() + SECONDS * 1000;
  let n = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const port = (n += 1) % 2 === 0 ? PORT : PORT + 1;
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/${slug}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ATTACKER_IP, origin: `http://127.0.0.1:${port}` },
        body: `username=guess${n}%40${slug}.test&password=wrong`,
        redirect: "manual",
      });
      await response.arrayBuffer();
      if (response.status === 429) refusedLatency.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  const flood = Promise.all(Array.from({ length: CONCURRENCY }, worker));

  // Meanwhile the real user signs in from their own address.
  await new Promise((r) => setTimeout(r, 1000));
  const signInStart = performance.now();
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(`bea@${slug}.test`);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`**/${slug}`, { timeout: 60_000 });
  const signInMs = performance.now() - signInStart;
  await flood;
  await browser.close();

  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  const refused = statuses.get(429) ?? 0;
  const latency = stats(refusedLatency);
  console.log(`\nCredential stuffing from one address, ${SECONDS} s, ${CONCURRENCY} concurrent connections, two app servers:`);
  console.log(`  requests sent            ${total} (${(total / SECONDS).toFixed(0)}/s)`);
  console.log(`  turned away with 429     ${refused} (${(refused / SECONDS).toFixed(0)}/s), median ${latency.median.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
  console.log(`  let through (≤ limit)    ${total - refused}  statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  real user on another address signed in meanwhile: yes, page to home in ${signInMs.toFixed(0)} ms`);
} finally {
  await stop();
}
