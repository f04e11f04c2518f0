// What `npm start` and the browser tests' server (scripts/e2e-server.mjs) share, so the browser
// suite meets the app the way a newcomer does: the same production build, the same defaults for
// APP_URL, the listening address (all addresses) and the mailbox, the same demo workspace.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "./build.mjs";
import { mailboxEnabled } from "../../lib/mailbox-rule.mjs";

/** The public address when the operator set none: http://localhost:<port>. */
export function defaultAppUrl(port) {
  return `http://localhost:${port}`;
}

/**
 * The environment an app server runs with. `embedded` says the launcher started the embedded
 * PostgreSQL itself, the quick start's case, which is what turns the mailbox on by default
 * (lib/mailbox-rule.mjs); whatever EMBEDDED_DATABASE the caller's environment had is replaced.
 */
export function appServerEnvironment({ port, databaseUrl, embedded, dev = false, appUrl = defaultAppUrl(port), overrides = {} }) {
  return {
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    APP_URL: appUrl,
    DATABASE_URL: databaseUrl,
    EMBEDDED_DATABASE: embedded ? "true" : "",
    ...overrides,
  };
}

/** Whether the server started with `env` serves /dev/mailbox (the banner links it only then). */
export function servesMailbox(env) {
  return mailboxEnabled(env);
}

/** Seeds the demo workspace (idempotent) on the database at `databaseUrl`. */
export function seedDemoWorkspace(databaseUrl) {
  runOrThrow(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/seed-demo.ts"], {
    ...process.env,
    DATABASE_URL: databaseUrl,
  });
}

/** `next build` when any source is newer than the last build. Returns whether it built. */
export function buildWhenStale(env, log = console.log) {
  if (!buildIsStale()) return false;
  log("Building the app (next build)…");
  runOrThrow(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { ...env, NODE_ENV: "production" });
  return true;
}

/**
 * Starts scripts/server.mjs (the HTTP server in front of Next.js, listening on HOST, all addresses
 * unless set) with `env`. The child sends { ready: true } once it listens.
 */
export function spawnAppServer(env, { dev = false, stdin = "inherit" } = {}) {
  return spawn(process.execPath, ["scripts/server.mjs", ...(dev ? ["--dev"] : [])], {
    stdio: [stdin, "inherit", "inherit", "ipc"],
    env,
  });
}

function runOrThrow(command, args, env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} failed (exit ${result.status ?? result.signal})`);
}
