// scripts/server.mjs overwrites this header on every request with the address that connected
// (or, with TRUST_PROXY=true, the one the trusted proxy reports), so a client cannot forge it.
export const CLIENT_IP_HEADER = "x-relay-client-ip";

// proxy.ts sets this on every page request to the path and query the browser asked for
// (overwriting any value a client sent), so a signed-out visit can come back there after sign-in.
export const REQUEST_PATH_HEADER = "x-relay-request-path";

// proxy.ts sets this on a request whose POST it has already counted against the per-IP sign-in
// limit (a listed path), and removes it from every other request, so a client cannot send it.
// The sign-in-like actions read it to count each request once, whichever layer saw it first.
export const IP_LIMIT_CHARGED_HEADER = "x-relay-ip-limit-charged";
