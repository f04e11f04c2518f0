// What the browser tests' servers share: scripts/e2e-server.mjs (the two http app servers, which
// make the database) and scripts/e2e-https-server.mjs (the https one, started after them on the
// same database).
import { embeddedUrl } from "./embedded-db.mjs";
import { appServerEnvironment } from "./app-server.mjs";

export const E2E_DATABASE = "relay_e2e";
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54331);

/** Whether the e2e database lives on the embedded PostgreSQL (no DATABASE_URL given). */
export function e2eUsesEmbeddedDatabase() {
  return !process.env.DATABASE_URL;
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The e2e database's URL: relay_e2e on DATABASE_URL's server, else on the embedded one. */
export function e2eDatabaseUrl() {
  return e2eUsesEmbeddedDatabase() ? embeddedUrl(E2E_PG_PORT, E2E_DATABASE) : withDatabase(process.env.DATABASE_URL, E2E_DATABASE);
}

/** The environment of an app server of the browser tests listening on `port` for `appUrl`. */
export function e2eAppEnvironment({ port, databaseUrl, embedded, appUrl }) {
  return appServerEnvironment({
    port,
    databaseUrl,
    embedded,
    appUrl,
    overrides: {
      // The tests read every email and code on /dev/mailbox. On the embedded database the
      // default turns it on; on an operator's DATABASE_URL server it is off by default, so only
      // there it is asked for.
      ...(embedded ? {} : { MAILBOX_ENABLED: "true" }),
      // Whatever provider the developer's shell has configured, tests never send real mail.
      RESEND_API_KEY: "",
      SMS_PROVIDER: "",
      // Each test sends its own X-Forwarded-For, so per-IP limits never couple tests.
      TRUST_PROXY: "true",
      // e2e/sso.spec.ts and e2e/sso-workplace-apps.spec.ts sign in through local identity providers
      // (4400-4402) and WeCom / DingTalk / Feishu stand-ins (4410-4412) on 127.0.0.1 over http, which
      // the SSRF guard refuses by default: exactly these origins, as a company would name its
      // on-premises IdP (lib/auth/sso/outbound-fetch.ts).
      SSO_ALLOWED_PRIVATE_ISSUERS: "http://127.0.0.1:4400,http://127.0.0.1:4401,http://127.0.0.1:4402,http://127.0.0.1:4410,http://127.0.0.1:4411,http://127.0.0.1:4412",
    },
  });
}
