import "server-only";
import { cookies } from "next/headers";
import { sessionCookieName, sessionCookieOptions } from "./session-cookie";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

export async function setSessionCookie(token: string, maxAgeSeconds: number) {
  (await cookies()).set(sessionCookieName(), token, sessionCookieOptions(maxAgeSeconds));
}

export async function clearSessionCookie() {
  (await cookies()).set(sessionCookieName(), "", { ...sessionCookieOptions(0), maxAge: 0 });
}

/** Mirrors the member's language preference into the cookie that picks the UI language. */
export async function setLocaleCookie(locale: string | null | undefined) {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { httpOnly: false, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
}
