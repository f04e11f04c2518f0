// The server Playwright tests run against (playwright.config.ts starts it as its webServer).
// It starts the app the way `npm start` does, through the same code (scripts/lib/app-server.mjs):
// the production build, APP_URL's default, listening on all addresses, the mailbox on because the
// embedded database with no provider turns it on (not because this script asks for it). What
// differs, and why: a fresh database on every run (nothing here touches the development database
// in .data/pg; the fresh one gets its own demo workspace), two app servers, and TRUST_PROXY.
//
//   Default:            embedded PostgreSQL in .data/e2e-pg on port 54331 (E2E_PG_PORT), database
//                       relay_e2e dropped and created afresh.
//   DATABASE_URL set:   that server is used as the admin connection; the database relay_e2e is
//                       created on it (and dropped first only when an earlier e2e run created it).
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-db.mjs";
import { migrate } from "./lib/database.mjs";
import { buildWhenStale, seedDemoWorkspace, servesMailbox, spawnAppServer } from "./lib/app-server.mjs";
import { E2E_DATABASE as DATABASE, E2E_PG_PORT as PG_PORT, E2E_PORT as PORT, e2eAppEnvironment, withDatabase } from "./lib/e2e-environment.mjs";

// Marks a database as created by this script, so a rerun may drop it and nothing else.
const MARKER = "relay-crm e2e database (dropped and recreated by scripts/e2e-server.mjs)";

const log = (message) => console.log(`[e2e-server] ${message}`);
const startedAt = performance.now();

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
const servers = [];
let stopping = false;

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  server.kill("SIGTERM");
  return new Promise((resolve) => {
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

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(servers.map(stopServer));
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
  let embedded = false;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    log(`Using the PostgreSQL server from DATABASE_URL (database ${DATABASE}).`);
  } else {
    const db = await startEmbeddedPostgres({ dir: process.env.E2E_PG_DIR ?? ".data/e2e-pg", port: PG_PORT, database: "postgres", log });
    adminUrl = db.adminUrl;
    stopDatabase = db.stop;
    embedded = true;
    log(`Embedded PostgreSQL on port ${PG_PORT}.`);
  }
  const databaseUrl = await freshDatabase(adminUrl);
  migrate(databaseUrl);
  log(`Database ${DATABASE} created and migrated.`);
  // The demo workspace (with its CRM data) too, as npm start seeds it, so browser tests can sign in
  // to /demo/login with the demo credentials (lib/demo/demo-workspace.ts) and find records.
  seedDemoWorkspace(databaseUrl);

  // Both servers answer for one public address, as behind a load balancer.
  const environment = (port) => e2eAppEnvironment({ port, databaseUrl, embedded, appUrl: `http://localhost:${PORT}` });
  if (!servesMailbox(environment(PORT))) throw new Error("the app would not serve /dev/mailbox, which the browser tests read");
  buildWhenStale(environment(PORT), log);

  // Two app servers on one database, as behind a load balancer: tests prove that limits and
  // revocations made through one hold on the other. The second listens on PORT + 1.
  for (const port of [PORT, PORT + 1]) {
    const server = spawnAppServer(environment(port), { stdin: "ignore" });
    servers.push(server);
    server.on("message", (message) => {
      if (message?.ready) log(`Ready at http://localhost:${port} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
    });
    server.on("exit", (code, signal) => {
      if (!stopping) log(`Server on port ${port} exited (${signal ?? `code ${code}`}).`);
      shutdown(code ?? (signal ? 1 : 0));
    });
  }
} catch (error) {
  console.error(`[e2e-server] ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}

// Same rule as scripts/start.mjs: rebuild when any source is newer than the last build.
