// Paths whose POSTs try credentials or send email: the per-IP limit in proxy.ts counts these,
// across every username and workspace, before any password is hashed. The sign-in-like actions
// (lib/actions/public-action.ts) count themselves when posted anywhere else, so this list
// decides where a 429 comes early, not whether the limit applies.
const AUTH_PATHS = [
  /^\/signup\/?$/,
  /^\/login\/?$/,
  /^\/[a-z0-9-]{3,40}\/login\/?$/,
  /^\/[a-z0-9-]{3,40}\/forgot-password\/?$/,
  // Password reset by SMS: asking for a code, typing it, the new password.
  /^\/[a-z0-9-]{3,40}\/forgot-password\/sms(\/new-password)?\/?$/,
  /^\/[a-z0-9-]{3,40}\/reset-password\/[^/]+\/?$/,
  /^\/[a-z0-9-]{3,40}\/invite\/[^/]+\/?$/,
  /^\/[a-z0-9-]{3,40}\/not-me\/[^/]+\/?$/,
  // Passkey assertions (sign-in and second factor) and opening an emailed sign-in link.
  /^\/api\/[a-z0-9-]{3,40}\/passkeys\/(sign-in|second-factor)\/verify\/?$/,
  /^\/[a-z0-9-]{3,40}\/login\/link\/[^/]+\/?$/,
  // Starting company single sign-on: each start makes the server fetch the provider's discovery.
  /^\/api\/auth\/signin\/sso-[a-z0-9]+\/?$/,
];

export function isAuthEndpoint(pathname: string): boolean {
  return AUTH_PATHS.some((pattern) => pattern.test(pathname));
}

/** The body of a 429 for a server action; the form turns it into a translated message. */
export const RATE_LIMITED_PREFIX = "rate-limited:";
