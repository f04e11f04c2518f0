// The browser tests' https run (e2e/https.spec.ts): a third app server on the database that
// scripts/e2e-server.mjs made (playwright.config.ts starts this after it), with
// APP_URL=https://relay-crm.test:3443, behind a TLS endpoint that uses the self-signed certificate
// playwright.config.ts made for this run. Same production build, same settings otherwise.
import { readFileSync } from "node:fs";
import path from "node:path";
import { spawnAppServer } from "./lib/app-server.mjs";
import { e2eAppEnvironment, e2eDatabaseUrl, e2eUsesEmbeddedDatabase } from "./lib/e2e-environment.mjs";
import { E2E_HTTPS_APP_PORT, E2E_HTTPS_PORT, E2E_HTTPS_URL, E2E_TLS_DIR } from "./lib/e2e-https.mjs";
import { startTlsTerminator } from "./lib/tls-terminator.mjs";

const log = (message) => console.log(`[e2e-https-server] ${message}`);

let stopping = false;
let server = null;
let terminator = null;

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  terminator?.close();
  if (!server || server.exitCode !== null || server.signalCode !== null) process.exit(code);
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  server.once("exit", () => {
    clearTimeout(timer);
    process.exit(code);
  });
  server.kill("SIGTERM");
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => shutdown(0));

try {
  const environment = e2eAppEnvironment({
    port: E2E_HTTPS_APP_PORT,
    databaseUrl: e2eDatabaseUrl(),
    embedded: e2eUsesEmbeddedDatabase(),
    appUrl: E2E_HTTPS_URL,
  });
  server = spawnAppServer(environment, { stdin: "ignore" });
  server.on("exit", (code, signal) => {
    if (!stopping) log(`Server on port ${E2E_HTTPS_APP_PORT} exited (${signal ?? `code ${code}`}).`);
    shutdown(code ?? (signal ? 1 : 0));
  });
  const key = readFileSync(path.join(E2E_TLS_DIR, "key.pem"));
  const cert = readFileSync(path.join(E2E_TLS_DIR, "cert.pem"));
  terminator = await startTlsTerminator({ port: E2E_HTTPS_PORT, targetPort: E2E_HTTPS_APP_PORT, key, cert });
  log(`TLS on port ${E2E_HTTPS_PORT} in front of the app server on port ${E2E_HTTPS_APP_PORT} (${E2E_HTTPS_URL}).`);
} catch (error) {
  console.error(`[e2e-https-server] ${error instanceof Error ? error.message : error}`);
  shutdown(1);
}
