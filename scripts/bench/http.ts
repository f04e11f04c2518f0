// npm run bench:http — whole pages as a user waits for them: the production build (`next build`
// output, served by scripts/server.mjs as `npm start` serves it) on the benchmark database, signed
// in through the real sign-in form (its server action posted as the browser posts it, cookies
// kept), each page driven with autocannon at 1 and 8 connections. Per page it prints p50/p95/p99,
// requests per second and the HTML's bytes (raw, gzip, and how much of it is inline flight data),
// beside the time of the DAL calls the same page makes, run directly in this process as bench:crm
// runs them: the difference is what the framework (session check, rendering, HTML) adds.
// /api/health's requests per second in the same run is the ceiling a page is compared with.
// Then the Reports page's stream: time to first byte, to the first chart's chunk, and to the end.
// Prints figures; asserts nothing.
//
//   npm run bench:http               the 100,000-customer workspace (crm-data.ts; shared with
//                                    bench:crm and bench:reports, generated on first use)
//   npm run bench:http -- --demo     the small demo workspace (60 customers, as `npm start` seeds)
//
// Heavy: run it while nothing else runs (flock /tmp/relay-e2e.lock npm run bench:http).
// BENCH_SECONDS (default 10) is each autocannon run's length; BENCH_ROUNDS (default 30) the DAL
// samples and the Reports stream samples; BENCH_PORT (default 3390) the app server's port;
// BENCH_ONLY=customers,reports measures only the pages whose key contains one of the words;
// BENCH_SAVE_HTML=dir writes each page's HTML there, to see where the bytes go.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { systemDb } from "@/lib/db/prisma";
import type { MemberContext } from "@/lib/dal/context";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { hashPassword } from "@/lib/auth/password-hash";
import { mfaEnrolmentDeadline } from "@/lib/auth/mfa-enrolment";
import { countMyOpenDueTasks, listAssignees, listLinkOptions, listMyTasks } from "@/lib/dal/tasks/list-tasks";
import { getHomeSummary } from "@/lib/dal/members/get-home-summary";
import { getSetupChecklist } from "@/lib/dal/setup/setup-checklist";
import { loadHeadlineFigures } from "@/lib/dal/reports/load-headline-figures";
import { listCustomers, encodeCursor } from "@/lib/dal/customers/list-customers";
import { parseCustomerListQuery } from "@/lib/dal/customers/list-query";
import { getCustomer, listCustomerContacts, listCustomerOpportunities, listOwnerChoices } from "@/lib/dal/customers/get-customer";
import { listRecordChanges, memberNames } from "@/lib/dal/crm/list-record-changes";
import { listStages } from "@/lib/dal/pipeline/list-stages";
import { listRecordOwners } from "@/lib/dal/opportunities/owners";
import { listBoard } from "@/lib/dal/opportunities/list-opportunities";
import { loadReportsPage } from "@/lib/dal/reports/load-reports-page";
import { appServerEnvironment, buildWhenStale, seedDemoWorkspace, spawnAppServer } from "../lib/app-server.mjs";
import { contextFor, ensureLargeWorkspace } from "./crm-data";

const DEMO = process.argv.includes("--demo");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const SAVE_HTML = process.env.BENCH_SAVE_HTML;
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").map((word) => word.trim()).filter(Boolean);
const BASE = `http://127.0.0.1:${PORT}`;
const TIME_ZONE = "UTC";
const PAGE_SIZE = 50;
/** The deep page of the list: page 1,000 of 2,000 on the large workspace; the demo's 60 customers make two. */
const DEEP_PAGE = DEMO ? 2 : 1000;
// What each Reports chart card carries once drawn (components/reports/report-chart-card.tsx).
const CHART_IDS = ["pipeline", "funnel", "forecast", "won-lost", "win-rate", "days-to-won", "activities-week", "activities-owner", "new-customers"];

type Account = { slug: string; username: string; password: string };

type Page = {
  key: string;
  label: string;
  path: string;
  /** Sent signed in (the session cookie) or not (the sign-in page). */
  signedIn: boolean;
  /** The DAL calls the page and its layout make, as they make them; null: none (health). */
  dal: (() => Promise<unknown>) | null;
};

// --- the workspace and who signs in ----------------------------------------------------------

async function prepare(): Promise<{ account: Account; member: MemberContext; searchEn: string; searchZh: string }> {
  if (DEMO) {
    seedDemoWorkspace(process.env.DATABASE_URL!);
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { slug: "demo" }, select: { id: true } });
    const admin = await systemDb().user.findFirstOrThrow({ where: { tenantId: tenant.id, email: "admin@demo.relay-crm.test" }, select: { id: true } });
    // lib/demo/demo-workspace.ts: every demo member's password.
    return { account: { slug: "demo", username: "admin@demo.relay-crm.test", password: "harbour-lantern-quartz" }, member: await contextFor(tenant.id, admin.id), searchEn: "harbor", searchZh: "科技" };
  }
  const ws = await ensureLargeWorkspace();
  // crm-data.ts's owner password names the workspace ("bench"), which the password policy refuses
  // at sign-in (a forced change); the owner gets one the policy accepts, as a real owner would.
  const owner = await systemDb().user.findFirstOrThrow({ where: { tenantId: ws.tenantId, role: "OWNER" }, select: { id: true, email: true } });
  const password = "quiet-orchard-lantern-5831";
  await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenantId, id: owner.id } }, data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() } });
  return { account: { slug: ws.slug, username: owner.email, password }, member: await contextFor(ws.tenantId, owner.id), searchEn: "pacific", searchZh: "华兴" };
}

/** The cursor that opens page `page` of the list sorted by name, as the list's own "next" link encodes it. */
async function cursorOfPage(member: MemberContext, page: number): Promise<string | null> {
  if (page <= 1) return null;
  const [last] = await systemDb().customer.findMany({
    where: { tenantId: member.tenant.id, deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE - 1,
    take: 1,
    select: { id: true, name: true },
  });
  return last ? encodeCursor({ v: last.name, id: last.id, back: false, start: (page - 1) * PAGE_SIZE }) : null;
}

function pages(member: MemberContext, slug: string, deepCursor: string | null, recordId: string, searchEn: string, searchZh: string): Page[] {
  const reader = "en" as const;
  // The signed-in layout's own reads (app/[tenant]/(app)/layout.tsx), on every signed-in page.
  const layout = () => Promise.all([countMyOpenDueTasks(member, TIME_ZONE), mfaEnrolmentDeadline(member)]);
  const list = (params: Record<string, string>) => () =>
    Promise.all([layout(), listCustomers(member, parseCustomerListQuery(params).query, reader), listOwnerChoices(member, reader)]);
  const listPath = (params: Record<string, string>) => `/${slug}/customers${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`;
  const deep: Record<string, string> = deepCursor ? { cursor: deepCursor } : {};
  return [
    { key: "health", label: "/api/health", path: "/api/health", signedIn: false, dal: null },
    {
      key: "login",
      label: "sign-in page",
      path: `/${slug}/login`,
      signedIn: false,
      dal: async () => {
        const workspace = await findWorkspaceBySlug(slug);
        await getMfaPolicy(workspace!.id);
      },
    },
    {
      key: "home",
      label: "home",
      path: `/${slug}`,
      signedIn: true,
      dal: () => Promise.all([layout(), getHomeSummary(member), getSetupChecklist(member), loadHeadlineFigures(member, TIME_ZONE)]),
    },
    { key: "customers", label: "customers, page 1", path: listPath({}), signedIn: true, dal: list({}) },
    { key: "customers-deep", label: `customers, page ${DEEP_PAGE}`, path: listPath(deep), signedIn: true, dal: list(deep) },
    { key: "customers-search-en", label: `customers, search "${searchEn}"`, path: listPath({ q: searchEn }), signedIn: true, dal: list({ q: searchEn }) },
    { key: "customers-search-zh", label: `customers, search "${searchZh}"`, path: listPath({ q: searchZh }), signedIn: true, dal: list({ q: searchZh }) },
    {
      key: "record",
      label: "customer record",
      path: `/${slug}/customers/${recordId}`,
      signedIn: true,
      dal: async () => {
        await layout();
        const customer = await getCustomer(member, recordId);
        const [, , history] = await Promise.all([listCustomerContacts(member, customer!.id, reader), listCustomerOpportunities(member, customer!.id), listRecordChanges(member, "customer", customer!.id)]);
        await memberNames(member, history.flatMap((entry) => [entry.changes.ownerId?.from, entry.changes.ownerId?.to].filter((value): value is string => typeof value === "string")));
      },
    },
    {
      key: "board",
      label: "opportunity board",
      path: `/${slug}/opportunities`,
      signedIn: true,
      dal: () => Promise.all([layout(), listStages(member), listRecordOwners(member, reader), listBoard(member, { view: "board", sort: "createdAt", dir: "desc" })]),
    },
    {
      key: "tasks",
      label: "my tasks",
      path: `/${slug}/tasks`,
      signedIn: true,
      dal: () => Promise.all([layout(), listMyTasks(member, TIME_ZONE), listAssignees(member, reader), listLinkOptions(member)]),
    },
    { key: "reports", label: "reports", path: `/${slug}/reports`, signedIn: true, dal: () => Promise.all([layout(), loadReportsPage(member, {}, TIME_ZONE)]) },
  ];
}

// --- the server and signing in -------------------------------------------------------------

async function healthy(server: ChildProcess) {
  for (let i = 0; i < 600; i += 1) {
    if (server.exitCode !== null) throw new Error("the app server exited");
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the app server never became healthy");
}

function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

/** Posts the sign-in form's server action as React does (bound slug, previous state, the fields as "_1_…") and returns the cookies it sets. */
async function signIn(account: Account): Promise<string> {
  const login = await fetch(`${BASE}/${account.slug}/login`);
  if (!login.ok) throw new Error(`the sign-in page answered ${login.status}`);
  const body = new FormData();
  body.set("_1_username", account.username);
  body.set("_1_password", account.password);
  body.set("0", JSON.stringify([account.slug, { status: "idle", fieldErrors: {}, values: {} }, "$K1"]));
  const response = await fetch(`${BASE}/${account.slug}/login`, {
    method: "POST",
    headers: { "Next-Action": actionId("app/[tenant]/login/actions.ts", "signInAction"), Accept: "text/x-component", Origin: BASE },
    body,
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0]!).filter((pair) => !pair.endsWith("="));
  if (!cookies.length) throw new Error(`signing in as ${account.username} set no cookie (status ${response.status}): ${(await response.text()).slice(0, 300)}`);
  const cookie = cookies.join("; ");
  const home = await fetch(`${BASE}/${account.slug}`, { headers: { cookie }, redirect: "manual" });
  if (home.status !== 200) throw new Error(`signed in, but the home page answered ${home.status} ${home.headers.get("location") ?? ""}`);
  return cookie;
}

// --- measuring ------------------------------------------------------------------------------

type Percentiles = { p50: number; p95: number; p99: number };

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function dalTime(fn: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < 2; i += 1) await fn(); // warm-up: plans, pool
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

type Load = Percentiles & { rps: number; failures: string };

async function load(url: string, connections: number, headers: Record<string, string>): Promise<Load> {
  const samples: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon({ url, connections, duration: SECONDS, headers, timeout: 30 });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    samples.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  const bad = [...statuses].filter(([status]) => status !== 200).map(([status, n]) => `${n}×${status}`);
  if (result.errors) bad.push(`${result.errors} errors`);
  return { ...percentiles(samples), rps: samples.length / (result.duration || SECONDS), failures: bad.join(", ") };
}

type Html = { bytes: number; gzip: number; flight: number };

/** The page's HTML as a browser receives it, and how much of it is the inline React flight data (self.__next_f.push scripts). */
async function html(url: string, headers: Record<string, string>, key: string): Promise<Html> {
  const text = await (await fetch(url, { headers })).text();
  if (SAVE_HTML) {
    mkdirSync(SAVE_HTML, { recursive: true });
    writeFileSync(path.join(SAVE_HTML, `${key}.html`), text);
  }
  const flight = [...text.matchAll(/<script[^>]*>self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((n, match) => n + Buffer.byteLength(match[1]!), 0);
  return { bytes: Buffer.byteLength(text), gzip: gzipSync(text).length, flight };
}

type Stream = { firstByte: Percentiles; firstChart: Percentiles; total: Percentiles };

/** One request's stream: when the headers came, when a chart card's markup first arrived, when it ended. */
function streamOnce(url: string, cookie: string): Promise<{ firstByte: number; firstChart: number; total: number }> {
  const markers = CHART_IDS.map((id) => `data-testid="report-${id}"`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstByte = NaN;
    let firstChart = NaN;
    let tail = "";
    http
      .get(url, { headers: { cookie } }, (response) => {
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (Number.isNaN(firstByte)) firstByte = performance.now() - start;
          // A marker may straddle two chunks: keep the end of the previous one.
          const seen = tail + chunk;
          if (Number.isNaN(firstChart) && markers.some((marker) => seen.includes(marker))) firstChart = performance.now() - start;
          tail = seen.slice(-64);
        });
        response.on("end", () => resolve({ firstByte, firstChart, total: performance.now() - start }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

async function streamTimes(url: string, cookie: string): Promise<Stream> {
  for (let i = 0; i < 2; i += 1) await streamOnce(url, cookie);
  const runs = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push(await streamOnce(url, cookie));
  return { firstByte: percentiles(runs.map((r) => r.firstByte)), firstChart: percentiles(runs.map((r) => r.firstChart)), total: percentiles(runs.map((r) => r.total)) };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}`.padStart(7) : "      –");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`.padStart(7);

async function main() {
  const { account, member, searchEn, searchZh } = await prepare();
  const slug = account.slug;
  const deepCursor = await cursorOfPage(member, DEEP_PAGE);
  const record = await systemDb().customer.findFirstOrThrow({ where: { tenantId: member.tenant.id, deletedAt: null }, orderBy: { id: "asc" }, select: { id: true } });
  const [customers, activities] = await Promise.all([
    systemDb().customer.count({ where: { tenantId: member.tenant.id } }),
    systemDb().activity.count({ where: { tenantId: member.tenant.id } }),
  ]);

  const env = appServerEnvironment({ port: PORT, databaseUrl: process.env.DATABASE_URL!, embedded: false, appUrl: BASE, overrides: { HOST: "127.0.0.1" } });
  buildWhenStale(env);
  const server = spawnAppServer(env, { stdin: "ignore" });
  const stop = () => new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : (server.once("exit", () => resolve()), server.kill("SIGTERM"))));
  try {
    await healthy(server);
    const cookie = await signIn(account);
    console.log(
      `\nWhole pages over HTTP: ${slug} (${customers.toLocaleString("en")} customers, ${activities.toLocaleString("en")} activities), signed in as ${account.username}; ` +
        `autocannon ${SECONDS} s per run; DAL ${ROUNDS} rounds; times in ms.\n`,
    );
    console.log(
      `  ${"page".padEnd(32)} | ${"c=1 p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"req/s".padStart(6)} | ${"c=8 p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"req/s".padStart(6)} | ` +
        `${"DAL p50".padStart(7)} ${"p95".padStart(7)} | ${"+page".padStart(6)} | ${"HTML".padStart(7)} ${"gzip".padStart(7)} ${"flight".padStart(7)}`,
    );
    let healthRps = NaN;
    for (const page of pages(member, slug, deepCursor, record.id, searchEn, searchZh)) {
      if (ONLY.length && page.key !== "health" && !ONLY.some((word) => page.key.includes(word))) continue;
      const headers: Record<string, string> = page.signedIn ? { cookie } : {};
      const url = `${BASE}${page.path}`;
      for (let i = 0; i < 3; i += 1) await (await fetch(url, { headers })).text(); // warm-up: the route's first render, pools
      const one = await load(url, 1, headers);
      const eight = await load(url, 8, headers);
      if (page.key === "health") healthRps = eight.rps;
      const dal = page.dal ? await dalTime(page.dal) : null;
      const size = page.key === "health" ? null : await html(url, headers, page.key);
      const ratio = page.key === "health" ? "" : `  ${(eight.rps / healthRps).toFixed(2)}× health`;
      const failures = [one.failures, eight.failures].filter(Boolean).join("; ");
      console.log(
        `  ${page.label.padEnd(32)} | ${ms(one.p50)} ${ms(one.p95)} ${ms(one.p99)} ${one.rps.toFixed(0).padStart(6)} | ${ms(eight.p50)} ${ms(eight.p95)} ${ms(eight.p99)} ${eight.rps.toFixed(0).padStart(6)} | ` +
          `${ms(dal?.p50 ?? NaN)} ${ms(dal?.p95 ?? NaN)} | ${dal ? `${(one.p50 - dal.p50).toFixed(1)}`.padStart(6) : "     –"} | ` +
          `${size ? `${kb(size.bytes)} ${kb(size.gzip)} ${kb(size.flight)}` : ""}${ratio}${failures ? `  NOT 200: ${failures}` : ""}`,
      );
    }
    console.log(`\n  +page: c=1 p50 minus DAL p50, what the session check, rendering and HTML add. req/s at c=8 against /api/health's ${healthRps.toFixed(0)}/s in this run.`);

    if (!ONLY.length || ONLY.some((word) => "reports".includes(word))) {
      const stream = await streamTimes(`${BASE}/${slug}/reports`, cookie);
      console.log(`\nReports page stream, ${ROUNDS} requests one at a time (p50 / p95 / p99 ms):`);
      for (const [label, figure] of [["first byte", stream.firstByte], ["first chart's chunk", stream.firstChart], ["whole page", stream.total]] as const) {
        console.log(`  ${label.padEnd(22)} ${ms(figure.p50)} / ${ms(figure.p95)} / ${ms(figure.p99)}`);
      }
    }
  } finally {
    await stop();
  }
}

await main();
await systemDb().$disconnect();
