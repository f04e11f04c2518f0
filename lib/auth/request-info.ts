import "server-only";
import { headers } from "next/headers";

// scripts/server.mjs overwrites this header on every request with the address that connected
// (or, with TRUST_PROXY=true, the one the trusted proxy reports), so a client cannot forge it.
export const CLIENT_IP_HEADER = "x-relay-client-ip";

export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}
