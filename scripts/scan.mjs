// npm run scan — Debian's wapiti and sqlmap against a running Relay on a scratch database, as the
// security review ran them. Not part of `npm test` (it takes 10–30 minutes and its findings need a
// person to read them). Prints a summary and leaves the full reports in reports/scan/.
//
// 1. Starts the production server (scripts/e2e-server.mjs) on port 3700 with its own embedded
//    PostgreSQL in .data/scan-pg, so nothing else is touched.
// 2. Signs up a workspace through the real sign-up page (captcha included) in Chromium, adds a
//    customer, and keeps the session cookie.
// 3. wapiti, all attack modules that work offline (see WAPITI_MODULES), signed in. Its form
//    attacks submit every form, the account menu's "Sign out" included, so part of the scan may
//    run signed out; the summary says how many URLs it reached.
// 4. sqlmap (level 2, batch) on the search parameters of the customer list and Ctrl+K search, and
//    on the sign-in form (its fields, posted as the browser would without JavaScript). Every
//    request carries a random X-Forwarded-For (the server trusts it here, as behind a load
//    balancer), so the per-IP sign-in limit doesn't stop the scan after 30 requests.
//
// Tunables: SCAN_MINUTES (wapiti's whole-scan bound, default 15), SCAN_ATTACK_SECONDS (per module,
// default 120).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const PORT = 3700;
// APP_URL's host: a request on another name for the server is redirected there (proxy.ts), which
// would end every crawl at its first page.
const BASE = `http://localhost:${PORT}`;
const OUT = "reports/scan";
const SCAN_MINUTES = Number(process.env.SCAN_MINUTES ?? 15);
const ATTACK_SECONDS = Number(process.env.SCAN_ATTACK_SECONDS ?? 120);
// wapp and nikto fetch their databases from the internet, which these machines can't reach;
// buster guesses paths from a word list and ignores --max-attack-time (it ran past 10 minutes
// alone), and every route is already enumerated from the build by e2e/fuzz.spec.ts.
const WAPITI_MODULES = "all,-wapp,-nikto,-buster";

for (const tool of ["wapiti", "sqlmap"]) {
  if (spawnSync("which", [tool]).status !== 0) {
    console.error(`${tool} is not installed: apt-get install -y wapiti sqlmap`);
    process.exit(1);
  }
}
mkdirSync(OUT, { recursive: true });

const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, E2E_PORT: String(PORT), E2E_PG_PORT: "54351", E2E_PG_DIR: ".data/scan-pg" },
});
const stopServer = () => new Promise((resolve) => (server.exitCode !== null ? resolve() : (server.once("exit", resolve), server.kill("SIGTERM"))));

async function healthy(url) {
  for (let i = 0; i < 1200; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} never became healthy`);
}

/** Runs a tool with a hard time bound; its output goes to a log file and is returned. */
function run(name, command, args, seconds) {
  // The session cookie stays out of the console (it is in the tools' own logs under reports/).
  console.log(`\n[scan] ${name}: ${command} ${args.join(" ").replace(/relay_session=[A-Za-z0-9_-]+/g, "relay_session=…")}`);
  const started = Date.now();
  const result = spawnSync("timeout", [String(seconds), command, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  writeFileSync(`${OUT}/${name}.log`, output);
  console.log(`[scan] ${name}: exit ${result.status} after ${Math.round((Date.now() - started) / 1000)} s (log: ${OUT}/${name}.log)`);
  return output;
}

async function signUp() {
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ baseURL: BASE, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.200" } });
    const page = await context.newPage();
    const slug = `scan-${Date.now().toString(36)}`;
    await page.goto("/signup");
    await page.getByLabel("Company name").fill("Scan Traders");
    await page.getByLabel("Workspace address").fill(slug);
    await page.getByLabel("Your name").fill("Sam Scanner");
    await page.getByLabel("Work email").fill(`sam@${slug}.test`);
    await page.getByLabel("Password", { exact: true }).fill("velvet-compass-orchard-55");
    await page.getByRole("checkbox", { name: "I'm not a robot" }).click();
    await page.getByText("Verified", { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(`**/${slug}`);
    // One customer, so record pages and their forms exist for the crawler.
    await page.goto(`/${slug}/customers/new`);
    await page.getByLabel("Name", { exact: true }).fill("Acme Scanning Ltd");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(new RegExp(`/${slug}/customers/[^/]+$`), { timeout: 30_000 }).catch(() => {});
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("relay_session"));
    if (!cookie) throw new Error("no session cookie after sign-up");
    return { slug, cookie: `${cookie.name}=${cookie.value}` };
  } finally {
    await browser.close();
  }
}

function summariseWapiti() {
  const path = `${OUT}/wapiti.json`;
  if (!existsSync(path)) return ["wapiti wrote no report"];
  const report = JSON.parse(readFileSync(path, "utf8"));
  const lines = [];
  for (const section of ["vulnerabilities", "anomalies", "additionals"]) {
    for (const [category, findings] of Object.entries(report[section] ?? {})) {
      if (!findings.length) continue;
      lines.push(`${section} · ${category}: ${findings.length}`);
      for (const finding of findings.slice(0, 5)) lines.push(`    ${finding.method ?? ""} ${finding.path ?? ""} ${finding.parameter ? `[${finding.parameter}]` : ""} ${finding.info ?? ""}`.slice(0, 300));
    }
  }
  return lines.length ? lines : ["no vulnerabilities, anomalies or additional findings"];
}

function summariseSqlmap(name, output) {
  const verdicts = output
    .split("\n")
    .filter((line) => /injectable|vulnerable|all tested parameters|does not seem to be|HTTP error codes detected|CRITICAL|WARNING.*500/i.test(line))
    .map((line) => `    ${line.trim()}`.slice(0, 300));
  return [`sqlmap · ${name}:`, ...(verdicts.length ? [...new Set(verdicts)].slice(0, 12) : ["    (no verdict lines; see the log)"])];
}

let exitCode = 0;
try {
  await healthy(`${BASE}/api/health`);
  const { slug, cookie } = await signUp();
  console.log(`[scan] workspace /${slug}, signed in`);
  const headers = ["-H", `Cookie: ${cookie}`, "-H", "X-Forwarded-For: 192.0.2.201"];

  run(
    "wapiti",
    "wapiti",
    [
      // The workspace's home has no trailing slash (/<slug>/ redirects there), so "folder" scope
      // would end the crawl at the first page; the whole site is in scope instead.
      "-u", `${BASE}/${slug}`,
      "--scope", "domain",
      "-m", WAPITI_MODULES,
      ...headers,
      "--max-scan-time", String(SCAN_MINUTES * 60),
      "--max-attack-time", String(ATTACK_SECONDS),
      "--flush-session",
      "-f", "json",
      "-o", `${OUT}/wapiti.json`,
      "-v", "1",
    ],
    SCAN_MINUTES * 60 + 300,
  );

  const sqlmapCommon = ["--batch", "--level", "2", "--risk", "1", "--tamper", "xforwardedfor", "--flush-session", "--output-dir", `${OUT}/sqlmap`];
  const sqlmapRuns = [
    ["customers-q", ["-u", `${BASE}/${slug}/customers?q=acme`, "-p", "q", "--cookie", cookie, ...sqlmapCommon]],
    ["search-q", ["-u", `${BASE}/${slug}/search?q=acme`, "-p", "q", "--cookie", cookie, ...sqlmapCommon]],
    ["sign-in-form", ["-u", `${BASE}/${slug}/login`, "--forms", ...sqlmapCommon]],
  ];
  const summary = ["", "== wapiti ==", ...summariseWapiti(), "", "== sqlmap =="];
  for (const [name, args] of sqlmapRuns) summary.push(...summariseSqlmap(name, run(`sqlmap-${name}`, "sqlmap", args, 900)));
  console.log(summary.join("\n"));
  writeFileSync(`${OUT}/summary.txt`, summary.join("\n") + "\n");
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopServer();
}
process.exit(exitCode);
