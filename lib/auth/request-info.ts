import "server-only";
import { headers } from "next/headers";

import { CLIENT_IP_HEADER } from "./request-info-header";

export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}
