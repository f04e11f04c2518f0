// Where the browser tests' https run (e2e/https.spec.ts) finds the app: a host name that is not
// localhost, because Chromium treats http://localhost as a secure context (Secure cookies and
// passkeys work there without TLS), so only another name proves what https itself gives. Chromium
// resolves it to 127.0.0.1 (--host-resolver-rules in playwright.config.ts); nothing else needs to.
export const E2E_HTTPS_HOST = "relay-crm.test";
/** The TLS endpoint's port (scripts/lib/tls-terminator.mjs). */
export const E2E_HTTPS_PORT = Number(process.env.E2E_HTTPS_PORT ?? 3443);
/** The plain-http port of the app server behind it. */
export const E2E_HTTPS_APP_PORT = Number(process.env.E2E_HTTPS_APP_PORT ?? 3102);
export const E2E_HTTPS_URL = `https://${E2E_HTTPS_HOST}:${E2E_HTTPS_PORT}`;
/** Where playwright.config.ts writes the certificate it makes for the run. */
export const E2E_TLS_DIR = ".data/e2e-tls";
