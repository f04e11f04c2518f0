import "server-only";
import { cookies } from "next/headers";
import { isHttpsDeployment } from "@/lib/config";
import { EMAIL_LINK_TTL_MS } from "./email-sign-in-link";

// The waiting tab's request key (lib/auth/email-sign-in-link.ts). HttpOnly: page scripts never see
// it; the browser sends it with the link page's POST (same browser → this tab may move on) and
// with the tab's status polls. Like the session cookie, `__Host-` over https.

export function linkRequestCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_link_request" : "relay_link_request";
}

export async function setLinkRequestCookie(requestKey: string) {
  (await cookies()).set(linkRequestCookieName(), requestKey, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttpsDeployment(),
    path: "/",
    maxAge: Math.round(EMAIL_LINK_TTL_MS / 1000) + 60,
  });
}

export async function readLinkRequestCookie(): Promise<string | null> {
  return (await cookies()).get(linkRequestCookieName())?.value ?? null;
}
