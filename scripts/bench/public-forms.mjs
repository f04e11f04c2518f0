// npm run bench:public-forms — what an attacker measures: the time each public form takes to
// answer over HTTP, for a real member, an unknown name and a deactivated member. Every branch must
// do the same work before it answers, or the medians tell accounts apart. Starts the production
// build (the browser tests' server, scripts/e2e-server.mjs, on its own ports and database), posts
// each form's server action the way the browser does (its id read from the build), and prints per
// form the median, p10, p90 and interquartile range of each group. Asserts nothing.
//
//   BENCH_ROUNDS (default 30): requests per group and form. Groups are interleaved in a fresh
//   random order every round, so changing load on the machine falls on each group alike.
//   BENCH_ONLY=sign-in,link: a subset of the forms, by key.
//
// Adding a form is one entry in FORMS below.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import pg from "pg";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { embeddedUrl } from "../lib/embedded-db.mjs";
import { E2E_DATABASE, withDatabase } from "../lib/e2e-environment.mjs";

const PORT = 3720;
const PG_PORT = 54352;
const BASE = `http://localhost:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const ONLY = process.env.BENCH_ONLY?.split(",").map((key) => key.trim());
const SLUG = "demo";
// lib/demo/demo-workspace.ts: the rep stays a member; the viewer is deactivated below.
const REAL = "rep@demo.relay-crm.test";
const DEACTIVATED = "viewer@demo.relay-crm.test";
const WRONG_PASSWORD = "not-the-password-at-all-42";

/**
 * The public forms that take a name or an address. `username(group, round)` is what is typed;
 * `fields` the rest of the form; `captcha` whether it always asks for one (solved beforehand,
 * untimed). `bound` are the arguments the page binds to the action (the workspace's slug).
 * Passkey sign-in is not here: its options are asked for before anyone is named (the same
 * challenge for every visitor) and its answer needs a key only a real passkey holds.
 */
const FORMS = [
  {
    key: "sign-in",
    label: "password sign-in (wrong password)",
    page: `/${SLUG}/login`,
    action: ["app/[tenant]/login/actions.ts", "signInAction"],
    bound: [SLUG],
    fields: (username) => ({ username, password: WRONG_PASSWORD }),
  },
  {
    key: "link",
    label: "email me a sign-in link",
    page: `/${SLUG}/login`,
    action: ["app/[tenant]/login/email-link-actions.ts", "requestSignInLinkAction"],
    bound: [SLUG],
    fields: (username) => ({ username }),
  },
  {
    key: "forgot",
    label: "forgot password (email)",
    page: `/${SLUG}/forgot-password`,
    action: ["app/[tenant]/forgot-password/actions.ts", "requestPasswordResetAction"],
    bound: [SLUG],
    captcha: true,
    fields: (username) => ({ username }),
  },
  {
    key: "find",
    label: "find my workspace",
    page: "/login",
    action: ["lib/actions/find-workspace-actions.ts", "findWorkspacesAction"],
    bound: [],
    captcha: true,
    fields: (email) => ({ email }),
  },
  {
    // The real member has a verified phone (set below), so a text does go out for them.
    key: "sms",
    label: "forgot password (text me a code)",
    page: `/${SLUG}/forgot-password/sms`,
    action: ["app/[tenant]/forgot-password/sms/actions.ts", "requestSmsResetCodeAction"],
    bound: [SLUG],
    captcha: true,
    fields: (username) => ({ username }),
  },
  {
    key: "sms-code",
    label: "forgot password (a wrong texted code)",
    page: `/${SLUG}/forgot-password/sms`,
    action: ["app/[tenant]/forgot-password/sms/actions.ts", "checkSmsResetCodeAction"],
    bound: [SLUG],
    fields: (username) => ({ username, code: "000000" }),
  },
].filter((form) => !ONLY || ONLY.includes(form.key));

const GROUPS = ["real", "unknown", "deactivated"];
function username(group, round) {
  if (group === "real") return REAL;
  if (group === "deactivated") return DEACTIVATED;
  // A new name every time: one name's failures would otherwise lock it, which a real member's don't.
  return `nobody-${round}-${Math.random().toString(36).slice(2, 8)}@demo.relay-crm.test`;
}

const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, E2E_PORT: String(PORT), E2E_PG_PORT: String(PG_PORT), E2E_PG_DIR: ".data/bench-forms-pg" },
});
const stopServer = () => new Promise((resolve) => (server.exitCode !== null ? resolve() : (server.once("exit", resolve), server.kill("SIGTERM"))));

async function healthy(url) {
  for (let i = 0; i < 1200; i += 1) {
    if (server.exitCode !== null) throw new Error("the server exited");
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} never became healthy`);
}

async function sql(statement, params = []) {
  // Where scripts/e2e-server.mjs made the database: on DATABASE_URL's server if set, else embedded.
  const url = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, E2E_DATABASE) : embeddedUrl(PG_PORT, E2E_DATABASE);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

function actionId([filename, exportedName]) {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

async function solvedCaptcha() {
  const challenge = await (await fetch(`${BASE}/api/captcha/challenge`)).json();
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

let clientNumber = 0;
/** Each request from its own address (the server trusts X-Forwarded-For here), so per-address limits and captchas stay out of the figures. */
function nextClientIp() {
  clientNumber += 1;
  return `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`;
}

/** Posts the form as React does: the bound arguments, the previous state and the fields (prefixed "_1_", as the client encodes a FormData argument) as one FormData. */
async function post(form, id, fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(`_1_${name}`, value);
  // Last, as the browser sends it: the server decodes the arguments as soon as this part arrives.
  body.set("0", JSON.stringify([...form.bound, { status: "idle", fieldErrors: {}, values: {} }, "$K1"]));
  const started = performance.now();
  const response = await fetch(`${BASE}${form.page}`, {
    method: "POST",
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: BASE, "X-Forwarded-For": nextClientIp() },
    body,
    redirect: "manual",
  });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, answer: text };
}

/** The part of an answer that is the form's state (what the visitor sees), for checking that every group got the same one. */
function formState(answer) {
  const line = answer.split("\n").find((l) => l.startsWith("1:"));
  return line ? line.slice(2).replace(/"values":\{[^}]*\}/, '"values":…') : answer.slice(0, 120);
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), iqr: at(0.75) - at(0.25) };
}

function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const fmt = (ms) => `${ms.toFixed(1)} ms`.padStart(9);

let exitCode = 0;
try {
  await healthy(`${BASE}/api/health`);
  // The deactivated member; lockout and captcha thresholds out of the way (the benchmark measures
  // the answer, not the lock, and the real member fails every time too).
  await sql(`update "User" set status = 'DEACTIVATED' where email = $1`, [DEACTIVATED]);
  await sql(
    `insert into "PhoneFactor" ("tenantId", "userId", phone, "verifiedAt") select "tenantId", id, '+14155550142', now() from "User" where email = $1 on conflict do nothing`,
    [REAL],
  );
  await sql(`update "SecurityPolicy" set "lockoutThreshold" = 1000000, "captchaAfterFailures" = 1000000 where "tenantId" = (select id from "Tenant" where slug = $1)`, [SLUG]);
  const ids = new Map(FORMS.map((form) => [form.key, actionId(form.action)]));

  // Warm-up: first calls compile routes, fill pools and load the password list.
  for (const form of FORMS) {
    for (const group of GROUPS) {
      const captcha = form.captcha ? { captcha: await solvedCaptcha() } : {};
      await post(form, ids.get(form.key), { ...form.fields(username(group, -1)), ...captcha });
    }
  }

  // Captchas are solved before the timed rounds: solving is the client's work, and CPU-heavy.
  const captchas = new Map();
  for (const form of FORMS.filter((f) => f.captcha)) {
    process.stdout.write(`Solving ${ROUNDS * GROUPS.length} captchas for "${form.label}"…\n`);
    // A few at a time: each proof of work waits on the crypto thread pool, one CPU per solve.
    const solutions = [];
    const needed = ROUNDS * GROUPS.length;
    let begun = 0;
    await Promise.all(
      Array.from({ length: Math.min(needed, availableParallelism()) }, async () => {
        while (begun < needed) {
          begun += 1;
          solutions.push(await solvedCaptcha());
        }
      }),
    );
    captchas.set(form.key, solutions);
  }

  const samples = new Map(FORMS.map((form) => [form.key, Object.fromEntries(GROUPS.map((group) => [group, []]))]));
  const answers = new Map(FORMS.map((form) => [form.key, Object.fromEntries(GROUPS.map((group) => [group, new Set()]))]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const form of shuffled(FORMS)) {
      for (const group of shuffled(GROUPS)) {
        const captcha = form.captcha ? { captcha: captchas.get(form.key).pop() } : {};
        const result = await post(form, ids.get(form.key), { ...form.fields(username(group, round)), ...captcha });
        samples.get(form.key)[group].push(result.ms);
        answers.get(form.key)[group].add(`${result.status} ${formState(result.answer)}`);
      }
    }
  }

  console.log(`\nPublic forms over HTTP (production build, ${ROUNDS} requests per group, interleaved):`);
  for (const form of FORMS) {
    console.log(`\n  ${form.label}`);
    for (const group of GROUPS) {
      const s = stats(samples.get(form.key)[group]);
      console.log(`    ${group.padEnd(12)} median ${fmt(s.median)}   p10 ${fmt(s.p10)}   p90 ${fmt(s.p90)}   IQR ${fmt(s.iqr)}`);
    }
    const seen = GROUPS.map((group) => [...answers.get(form.key)[group]].sort().join(" | "));
    if (new Set(seen).size > 1) {
      console.log("    ANSWERS DIFFER between groups:");
      GROUPS.forEach((group, i) => console.log(`      ${group}: ${seen[i].slice(0, 300)}`));
    } else {
      console.log(`    same answer for every group: ${seen[0].slice(0, 160)}`);
    }
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopServer();
}
process.exit(exitCode);
