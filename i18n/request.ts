import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/i18n/time-zone";
import { logError } from "@/lib/log";

// The user's own choice (stored on their account and mirrored into this cookie at sign-in and
// whenever they switch language), then the browser's Accept-Language, then English.
export default getRequestConfig(async () => {
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return {
    locale,
    // Times in the reader's zone, as their browser reported it (components/time-zone-sync.tsx).
    timeZone: validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value),
    messages: MESSAGES[locale],
    // A missing or malformed message is logged as one line (no stack) and shown as its key.
    onError: (error) => logError(`i18n:${error.code}`, error),
    getMessageFallback: ({ namespace, key }) => [namespace, key].filter(Boolean).join("."),
  };
});
