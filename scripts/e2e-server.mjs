// The server Playwright tests run against (playwright.config.ts starts it as its webServer).
// Production build, a fresh database on every run, emails kept in the outbox and readable at
// /dev/mailbox. Nothing here touches the development database (.data/pg) or the demo workspace.
//
//   Default:            embedded PostgreSQL in .data/e2e-pg on port 54331 (E2E_PG_PORT), database
//                       relay_e2e dropped and created afresh.
//   DATABASE_URL set:   that server is used as the admin connection; the database relay_e2e is
//                       created on it (and dropped first only when an earlier e2e run created it).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-db.mjs";
import { migrate } from "./lib/database.mjs";

const DATABASE = "relay_e2e";
// Marks a database as created by this script, so a rerun may drop it and nothing else.
const MARKER = "relay-crm e2e database (dropped and recreated by scripts/e2e-server.mjs)";
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54331);

const log = (message) => console.log(`[e2e-server] ${message}`);
const startedAt = performance.now();

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Drops relay_e2e when an earlier run of this script created it, then creates it afresh. */
async function freshDatabase(adminUrl) {
  const { rows } = await query(
    adminUrl,
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
    [DATABASE],
  );
  if (rows.length) {
    if (rows[0].comment !== MARKER) {
      throw new Error(
        `A database named ${DATABASE} already exists on this server and was not created by scripts/e2e-server.mjs; ` +
          "refusing to drop it. Drop or rename it yourself, or point DATABASE_URL at another server.",
      );
    }
    await dropDatabase(adminUrl, DATABASE);
  }
  await ensureDatabase(adminUrl, DATABASE);
  await query(adminUrl, `comment on database "${DATABASE}" is '${MARKER}'`);
  return withDatabase(adminUrl, DATABASE);
}

let stopDatabase = async () => {};
let server = null;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        resolve();
      }, 10_000);
      server.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  try {
    await stopDatabase();
  } catch (error) {
    console.error("[e2e-server] Stopping PostgreSQL failed:", error);
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => shutdown(0));

try {
  let adminUrl;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    log(`Using the PostgreSQL server from DATABASE_URL (database ${DATABASE}).`);
  } else {
    const db = await startEmbeddedPostgres({ dir: ".data/e2e-pg", port: PG_PORT, database: "postgres", log });
    adminUrl = db.adminUrl;
    stopDatabase = db.stop;
    log(`Embedded PostgreSQL on port ${PG_PORT}.`);
  }
  const databaseUrl = await freshDatabase(adminUrl);
  migrate(databaseUrl);
  log(`Database ${DATABASE} created and migrated.`);

  const appUrl = `http://localhost:${PORT}`;
  if (buildIsStale()) {
    log("Building the app (next build)…");
    const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: appUrl, DATABASE_URL: databaseUrl },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  }

  server = spawn(process.execPath, ["scripts/server.mjs"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: process.env.HOST ?? "127.0.0.1",
      APP_URL: appUrl,
      MAILBOX_ENABLED: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      // Emails must land in the outbox, whatever the shell has configured.
      RESEND_API_KEY: "",
      // As behind a production load balancer: the client address is the right-most
      // X-Forwarded-For entry. Each test sends its own (e2e/support/test.ts), so per-IP limits and
      // throttles never carry over from one test to another.
      TRUST_PROXY: "true",
    },
  });
  server.on("message", (message) => {
    if (message?.ready) log(`Ready at ${appUrl} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
  });
  server.on("exit", (code, signal) => {
    if (!stopping) log(`Server exited (${signal ?? `code ${code}`}).`);
    shutdown(code ?? (signal ? 1 : 0));
  });
} catch (error) {
  console.error(`[e2e-server] ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}

// Same rule as scripts/start.mjs: rebuild when any source is newer than the last build.
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId)) return true;
  const sources = ["app", "components", "lib", "messages", "i18n", "proxy.ts", "next.config.mjs", "package-lock.json", "prisma/schema.prisma"];
  return Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs;
}
