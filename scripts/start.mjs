// npm start: everything a fresh clone needs to be signed in to. Starts PostgreSQL (embedded unless
// DATABASE_URL is set), applies migrations, seeds the demo workspace on the embedded database,
// builds when the sources are newer than the last build, then serves the app.
//   npm start            production build on http://localhost:3000
//   npm run dev          development server (hot reload)
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "./lib/build.mjs";
import { loadEnv } from "./lib/load-env.mjs";
import { openDatabase, migrate } from "./lib/database.mjs";

loadEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
process.env.PORT = String(port);
process.env.APP_URL ??= `http://localhost:${port}`;

const startedAt = performance.now();
const db = await openDatabase();
process.env.DATABASE_URL = db.url;
migrate(db.url);

if (db.embedded || process.env.DEMO_WORKSPACE === "true") {
  run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/seed-demo.ts"]);
}

if (!dev && buildIsStale()) {
  console.log("Building the app (next build)…");
  run(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"]);
}

const server = spawn(process.execPath, ["scripts/server.mjs", ...(dev ? ["--dev"] : [])], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
});

server.on("message", async (message) => {
  if (!message?.ready) return;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const demo = db.embedded || process.env.DEMO_WORKSPACE === "true";
  console.log(`
  Relay CRM is running at ${process.env.APP_URL}  (ready in ${seconds} s)
${demo ? `
  Demo workspace:  ${process.env.APP_URL}/demo/login
    owner@demo.relay-crm.test    harbour-lantern-quartz   (Owner)
    admin@demo.relay-crm.test    harbour-lantern-quartz   (Admin)
    manager@demo.relay-crm.test  harbour-lantern-quartz   (Manager, employee no. E1001)
    rep@demo.relay-crm.test      harbour-lantern-quartz   (Sales rep, employee no. E1002)
    viewer@demo.relay-crm.test   harbour-lantern-quartz   (Read-only)
` : ""}
  Emails are ${process.env.RESEND_API_KEY ? "sent through Resend" : `kept in the outbox: ${process.env.APP_URL}/dev/mailbox`}
  Press Ctrl+C to stop.
`);
});

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await db.stop();
  process.exit(code);
}
server.on("exit", (code) => shutdown(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => shutdown(0));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`${path.basename(args[0] ?? command)} failed (exit ${result.status}).`);
    process.exit(1);
  }
}
