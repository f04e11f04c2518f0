// Whether /dev/mailbox is served. Plain JavaScript so that scripts/start.mjs (which prints the
// address in its banner) and the app (which serves the page) read the same rule.
//
// The mailbox shows every recorded email and text, sign-in links and codes included, so a
// production server with a real database keeps it off unless the operator turns it on. The quick
// start (`npm start` on the embedded database, no email or SMS provider) has no other way to
// deliver an invitation, reset link or code, so there it is on: EMBEDDED_DATABASE is set by the
// launcher that started the embedded PostgreSQL (scripts/lib/app-server.mjs), never by hand.

/** @param {Readonly<Record<string, string | undefined>>} env */
export function mailboxEnabled(env) {
  const explicit = env.MAILBOX_ENABLED?.trim().toLowerCase();
  if (explicit === "true") return true;
  if (explicit === "false") return false;
  if (env.NODE_ENV !== "production") return true;
  return env.EMBEDDED_DATABASE === "true" && !env.RESEND_API_KEY?.trim() && env.SMS_PROVIDER?.trim().toLowerCase() !== "twilio";
}
