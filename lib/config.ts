// Deployment settings read from the environment (documented in .env.example).
import { mailboxEnabled } from "./mailbox-rule.mjs";

/** The public base URL, used in every link we email. */
export function appUrl(): string {
  const url = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return url.replace(/\/+$/, "");
}

/**
 * Cookies get `Secure` and the `__Host-` prefix, and responses HSTS, whenever the app is served
 * over HTTPS — which every production deployment is. Plain http is only for localhost.
 */
export function isHttpsDeployment(): boolean {
  return appUrl().startsWith("https://");
}

/**
 * Whether /dev/mailbox (and the dev job triggers beside it) is served: always in development; in
 * production when MAILBOX_ENABLED=true, or on the quick start's embedded database with no email or
 * SMS provider, where the outbox is the only way an invitation or a code reaches anyone.
 * MAILBOX_ENABLED=false turns it off everywhere. The rule is shared with scripts/start.mjs.
 */
export function isMailboxEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return mailboxEnabled(env);
}

/** The mailbox page's path for links on "check your email" and "code sent" screens, or null when it isn't served. */
export function mailboxHref(): string | null {
  return isMailboxEnabled() ? "/dev/mailbox" : null;
}
