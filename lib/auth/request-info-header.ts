// scripts/server.mjs overwrites this header on every request with the address that connected
// (or, with TRUST_PROXY=true, the one the trusted proxy reports), so a client cannot forge it.
export const CLIENT_IP_HEADER = "x-relay-client-ip";
