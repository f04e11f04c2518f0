// npm start: everything a fresh clone needs to be signed in to. Starts PostgreSQL (embedded unless
// DATABASE_URL is set), applies migrations, seeds the demo workspace on the embedded database,
// builds when the sources are newer than the last build, then serves the app.
//   npm start            production build on http://localhost:3000
//   npm run dev          development server (hot reload)
import { loadEnv } from "./lib/load-env.mjs";
import { openDatabase, migrate } from "./lib/database.mjs";
import { appServerEnvironment, buildWhenStale, defaultAppUrl, seedDemoWorkspace, servesMailbox, spawnAppServer } from "./lib/app-server.mjs";

loadEnv();
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

const startedAt = performance.now();
const db = await openDatabase();
const env = appServerEnvironment({ port, databaseUrl: db.url, embedded: db.embedded, dev, appUrl: process.env.APP_URL ?? defaultAppUrl(port) });
const appUrl = env.APP_URL;
const demo = db.embedded || process.env.DEMO_WORKSPACE === "true";
try {
  migrate(db.url);
  if (demo) seedDemoWorkspace(db.url);
  if (!dev) buildWhenStale(env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.stop();
  process.exit(1);
}

const server = spawnAppServer(env, { dev });

server.on("message", async (message) => {
  if (!message?.ready) return;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
  Relay CRM is running at ${appUrl}  (ready in ${seconds} s)
${demo ? `
  Demo workspace:  ${appUrl}/demo/login
    owner@demo.relay-crm.test    harbour-lantern-quartz   (Owner)
    admin@demo.relay-crm.test    harbour-lantern-quartz   (Admin)
    manager@demo.relay-crm.test  harbour-lantern-quartz   (Manager, employee no. E1001)
    rep@demo.relay-crm.test      harbour-lantern-quartz   (Sales rep, employee no. E1002)
    viewer@demo.relay-crm.test   harbour-lantern-quartz   (Read-only)
` : ""}
  ${mailboxLine()}
  Press Ctrl+C to stop.
`);
});

function mailboxLine() {
  if (servesMailbox(env)) return `Emails and text messages (invitations, sign-in links, codes): ${appUrl}/dev/mailbox`;
  if (env.RESEND_API_KEY?.trim()) return "Emails are sent through Resend.";
  return "Emails are kept in the outbox; set MAILBOX_ENABLED=true to read them at /dev/mailbox.";
}

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

