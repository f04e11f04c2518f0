import "server-only";
import { headers } from "next/headers";

import { CLIENT_IP_HEADER, IP_LIMIT_CHARGED_HEADER } from "./request-info-header";

export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}

/** Whether proxy.ts already counted this request against the per-IP sign-in limit (lib/auth/ip-limit.ts). */
export async function ipLimitChargedByProxy(): Promise<boolean> {
  return (await headers()).get(IP_LIMIT_CHARGED_HEADER) === "1";
}
