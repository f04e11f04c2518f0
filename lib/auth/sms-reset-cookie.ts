import "server-only";
import { cookies } from "next/headers";
import { isHttpsDeployment } from "@/lib/config";
import { SMS_RESET_TICKET_TTL_MS } from "./sms-password-reset";

// The ticket of a password reset by SMS, from the right code to the new password
// (lib/auth/sms-password-reset.ts). HttpOnly: page scripts never see it; it never appears in a URL,
// a history entry or a Referer. Like the session cookie, `__Host-` over https.

export function smsResetCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_sms_reset" : "relay_sms_reset";
}

export async function setSmsResetCookie(ticket: string) {
  (await cookies()).set(smsResetCookieName(), ticket, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttpsDeployment(),
    path: "/",
    maxAge: Math.round(SMS_RESET_TICKET_TTL_MS / 1000) + 60,
  });
}

export async function readSmsResetCookie(): Promise<string> {
  return (await cookies()).get(smsResetCookieName())?.value ?? "";
}

export async function clearSmsResetCookie() {
  (await cookies()).delete({ name: smsResetCookieName(), path: "/", secure: isHttpsDeployment() });
}
