// npm run bench:load — many people at work at once: 50 members of the demo workspace, each signed
// in once through the login form, browsing customers → a customer's record → the pipeline board →
// reports with 1–3 s of think time between pages, for two minutes, against one production server.
// Prints the request count, the errors (a status outside 2xx/3xx, a redirect to sign-in, or a
// server error rendered into the page) and p50/p95 per page. Asserts nothing; exits 1 on errors.
//
// The server is started here, the way `npm start` starts it (scripts/lib/app-server.mjs, the
// production build, rebuilt when stale), on a fresh database of its own in an embedded PostgreSQL
// (.data/bench-load-pg): the demo workspace is seeded and the members added to it, so nothing of
// the development database is touched. Loopback only: the server listens on 127.0.0.1 and the
// script refuses any other target. TRUST_PROXY=true and an X-Forwarded-For per member, so each
// member is a person at their own address (one office's 50 sign-ins within a minute from one
// address would meet the per-address sign-in limit, which is not what this measures).
//
//   --minutes=2      how long the members browse (decimals allowed: --minutes=0.5)
//   --members=50     how many members browse at once (1–50)
//   --port=3730 --pg-port=54353
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "../lib/embedded-db.mjs";
import { migrate } from "../lib/database.mjs";
import { appServerEnvironment, buildWhenStale, seedDemoWorkspace } from "../lib/app-server.mjs";

const MAX_MEMBERS = 50;
const SLUG = "demo";
// lib/demo/demo-workspace.ts: every demo member's password; the added members get the same hash.
const DEMO_PASSWORD = "harbour-lantern-quartz";
const DATABASE = "relay_bench_load";
const PAGES = ["customers", "record", "board", "reports"];

function flag(name, fallback) {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  if (!given) return fallback;
  const value = Number(given.slice(name.length + 3));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const minutes = flag("minutes", 2);
const memberCount = Math.floor(flag("members", MAX_MEMBERS));
if (memberCount > MAX_MEMBERS) throw new Error(`--members is at most ${MAX_MEMBERS}: this is a bounded load, not a stress test`);
const port = flag("port", 3730);
const pgPort = flag("pg-port", 54353);
const BASE = `http://127.0.0.1:${port}`;

/** Refuses any target but this machine: the script must never load someone else's server. */
function assertLoopback(url) {
  const { hostname } = new URL(url);
  const loopback = /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === "[::1]" || hostname === "localhost";
  if (!loopback) throw new Error(`bench:load only runs against this machine (127.0.0.1, ::1 or localhost), not ${hostname}`);
}
assertLoopback(BASE);

const log = (message) => console.log(`[bench:load] ${message}`);

async function sql(url, statement, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** The members who browse: sales reps with the demo password, added beside the seeded ones. */
async function addMembers(databaseUrl) {
  const { rows } = await sql(
    databaseUrl,
    `insert into "User" (id, "tenantId", email, name, "passwordHash", role, "updatedAt")
     select 'bench-load-' || n, u."tenantId", 'load' || n || '@demo.relay-crm.test', 'Load Member ' || n, u."passwordHash", 'SALES_REP', now()
     from "User" u join "Tenant" t on t.id = u."tenantId", generate_series(1, $1::int) n
     where t.slug = $2 and u.email = 'rep@demo.relay-crm.test'
     returning email`,
    [memberCount, SLUG],
  );
  if (rows.length !== memberCount) throw new Error(`added ${rows.length} members instead of ${memberCount}: is the demo workspace seeded?`);
  return rows.map((row) => row.email);
}

function actionId(filename, exportedName) {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

/** One member: a cookie jar and an address of their own. */
function member(email, index) {
  const jar = new Map();
  const address = `10.77.${(index >> 8) & 255}.${(index & 255) + 1}`;
  return {
    email,
    address,
    remember(response) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const at = pair.indexOf("=");
        const name = pair.slice(0, at);
        const value = pair.slice(at + 1);
        if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name);
        else jar.set(name, value);
      }
    },
    cookieHeader: () => [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
  };
}

/** Signs in through the login form's server action, posted as the browser posts it. */
async function signIn(who, signInActionId) {
  const body = new FormData();
  body.set("_1_username", who.email);
  body.set("_1_password", DEMO_PASSWORD);
  body.set("0", JSON.stringify([SLUG, { status: "idle", fieldErrors: {}, values: {} }, "$K1"]));
  const response = await fetch(`${BASE}/${SLUG}/login`, {
    method: "POST",
    headers: { "Next-Action": signInActionId, Accept: "text/x-component", Origin: BASE, "X-Forwarded-For": who.address },
    body,
    redirect: "manual",
  });
  await response.text();
  who.remember(response);
  const redirect = response.headers.get("x-action-redirect") ?? "";
  if (!redirect.startsWith(`/${SLUG}`) || redirect.startsWith(`/${SLUG}/login`)) {
    throw new Error(`${who.email} could not sign in (status ${response.status}, redirect "${redirect}")`);
  }
}

// What tells an error page apart from a page: React's marker for a boundary that failed on the
// server (the digest of an error thrown while rendering), which a normal page never holds.
const SERVER_ERROR_MARKER = "data-dgst=";

/** Fetches one page as a signed-in browser would and times it to the last byte. */
async function fetchPage(who, url) {
  const started = performance.now();
  try {
    const response = await fetch(`${BASE}${url}`, {
      headers: { Cookie: who.cookieHeader(), "X-Forwarded-For": who.address, Accept: "text/html" },
      redirect: "manual",
    });
    const html = await response.text();
    const ms = performance.now() - started;
    who.remember(response);
    const location = response.headers.get("location") ?? "";
    let error = null;
    if (response.status < 200 || response.status >= 400) error = `status ${response.status}`;
    else if (response.status >= 300 && /\/login(\?|$)/.test(location)) error = `sent to sign in (${location})`;
    else if (html.includes(SERVER_ERROR_MARKER)) error = "server error in the page";
    return { ms, html, error };
  } catch (failure) {
    return { ms: performance.now() - started, html: "", error: failure instanceof Error ? failure.message : String(failure) };
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const thinkTime = () => 1_000 + Math.random() * 2_000;

/** The address of `page` for this member, or null when there is nothing to click. */
function pageUrl(who, page) {
  if (page === "customers") return `/${SLUG}/customers`;
  if (page === "board") return `/${SLUG}/opportunities?view=board`;
  if (page === "reports") return `/${SLUG}/reports`;
  // A customer from the list this member just saw, as a person clicks one.
  const ids = [...(who.lastList ?? "").matchAll(new RegExp(`href="/${SLUG}/customers/([a-z0-9]{20,})[?"]`, "g"))].map((m) => m[1]);
  return ids.length ? `/${SLUG}/customers/${ids[Math.floor(Math.random() * ids.length)]}` : null;
}

/** Browses list → record → board → reports, round and round, until `until`. */
async function browse(who, until, results) {
  await sleep(Math.random() * 3_000);
  while (performance.now() < until) {
    for (const page of PAGES) {
      if (performance.now() >= until) return;
      const url = pageUrl(who, page);
      if (!url) {
        results.errors.push({ page, error: "no customer link on the list page" });
        continue;
      }
      const result = await fetchPage(who, url);
      if (page === "customers") who.lastList = result.html;
      results.samples[page].push(result.ms);
      if (result.error) results.errors.push({ page, error: result.error });
      await sleep(thinkTime());
    }
  }
}

function percentile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
}

let stopDatabase = async () => {};
let server = null;
async function shutdown() {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await stopDatabase();
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown().then(() => process.exit(130)));

let exitCode = 0;
try {
  const db = await startEmbeddedPostgres({ dir: ".data/bench-load-pg", port: pgPort, database: "postgres", log });
  stopDatabase = db.stop;
  await dropDatabase(db.adminUrl, DATABASE);
  await ensureDatabase(db.adminUrl, DATABASE);
  const databaseUrl = db.adminUrl.replace(/\/postgres$/, `/${DATABASE}`);
  migrate(databaseUrl);
  seedDemoWorkspace(databaseUrl);
  const emails = await addMembers(databaseUrl);

  const env = appServerEnvironment({
    port,
    databaseUrl,
    embedded: true,
    appUrl: BASE,
    overrides: { HOST: "127.0.0.1", TRUST_PROXY: "true", RESEND_API_KEY: "", SMS_PROVIDER: "" },
  });
  buildWhenStale(env, log);
  server = spawn(process.execPath, ["scripts/server.mjs"], { stdio: ["ignore", "ignore", "inherit", "ipc"], env });
  await new Promise((resolve, reject) => {
    server.on("message", (message) => message?.ready && resolve());
    server.once("exit", (code) => reject(new Error(`the server exited (code ${code})`)));
  });
  log(`Server ready at ${BASE}; ${emails.length} members signing in…`);

  const signInActionId = actionId("app/[tenant]/login/actions.ts", "signInAction");
  const members = emails.map(member);
  const signInStarted = performance.now();
  await Promise.all(members.map((who) => signIn(who, signInActionId)));
  log(`${members.length} members signed in once each in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s; browsing for ${minutes} min…`);

  // Each page once before the clock starts: a fresh server loads a route's code on its first
  // visit, which is a deployment's first second, not what members wait for all day.
  for (const page of PAGES) {
    const url = pageUrl(members[0], page);
    const warm = url ? await fetchPage(members[0], url) : { error: "no customer link on the list page" };
    if (page === "customers") members[0].lastList = warm.html;
    if (warm.error) throw new Error(`warming up ${page}: ${warm.error}`);
  }

  const loadBefore = loadavg()[0];
  const results = { samples: Object.fromEntries(PAGES.map((page) => [page, []])), errors: [] };
  const browseStarted = performance.now();
  await Promise.all(members.map((who) => browse(who, browseStarted + minutes * 60_000, results)));
  const seconds = (performance.now() - browseStarted) / 1000;

  const requests = PAGES.reduce((sum, page) => sum + results.samples[page].length, 0);
  console.log(`\n${members.length} members, ${seconds.toFixed(0)} s, ${requests} page requests (${(requests / seconds).toFixed(1)}/s), ${results.errors.length} errors`);
  // Other work on the machine slows every page alike; the load average says how much there was.
  console.log(`Machine: ${availableParallelism()} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after\n`);
  console.log("| page | requests | p50 | p95 | max |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const page of PAGES) {
    const sorted = [...results.samples[page]].sort((a, b) => a - b);
    const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "—");
    console.log(`| ${page} | ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.95))} | ${ms(sorted.at(-1) ?? NaN)} |`);
  }
  if (results.errors.length) {
    exitCode = 1;
    const kinds = new Map();
    for (const { page, error } of results.errors) kinds.set(`${page}: ${error}`, (kinds.get(`${page}: ${error}`) ?? 0) + 1);
    console.log("\nErrors:");
    for (const [kind, count] of kinds) console.log(`  ${count} × ${kind}`);
  }
} catch (error) {
  console.error(`[bench:load] ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
}
await shutdown();
process.exit(exitCode);
