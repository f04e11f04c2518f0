import "server-only";
import { AUTH_IP_LIMIT, hitRateLimit } from "./rate-limit";
import { logError } from "@/lib/log";

/**
 * Counts one sign-in-like request against its client address's per-minute allowance (all
 * usernames and workspaces together). Returns the seconds to wait when the address is over the
 * limit, null otherwise. proxy.ts counts POSTs to the listed paths (lib/auth/auth-endpoints.ts);
 * the sign-in-like actions count themselves when the proxy did not, so posting an action to some
 * other path does not escape the limit.
 */
export async function chargeAuthIpLimit(ip: string | null, now = new Date()): Promise<number | null> {
  try {
    const result = await hitRateLimit(`auth:ip:${ip ?? "unknown"}`, AUTH_IP_LIMIT.limit, AUTH_IP_LIMIT.windowSeconds, now);
    return result.allowed ? null : result.retryAfterSeconds;
  } catch (error) {
    // The limiter must not take sign-in down with it; the per-username lockout still applies.
    logError("ip-limit", error);
    return null;
  }
}
