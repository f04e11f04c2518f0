import { createTranslator } from "next-intl";
import enEmails from "@/messages/en/emails.json";
import zhCNEmails from "@/messages/zh-CN/emails.json";
import { logError } from "@/lib/log";
import type { EmailLocale } from "./types";

// The emails' copy lives in messages/<locale>/emails.json but is not merged into lib/i18n/messages:
// those are handed to every page's client bundle, and no page shows an email's sentences. Typing
// the Chinese file as the English one makes a key missing from it a type error; the test beside
// the templates checks the reverse.
export const EMAIL_MESSAGES: Record<EmailLocale, typeof enEmails> = { en: enEmails, "zh-CN": zhCNEmails };

/**
 * A next-intl translator for the "emails" namespace. createTranslator, not getTranslations: emails
 * are also sent by the job worker, outside any request, in the recipient's locale rather than the
 * reader's. A missing or malformed message is logged as one line and shown as its key, which the
 * templates' test looks for.
 */
export function emailTranslator(locale: EmailLocale) {
  return createTranslator({
    locale,
    messages: EMAIL_MESSAGES[locale],
    namespace: "emails",
    onError: (error) => logError(`email-i18n:${error.code}`, error),
    getMessageFallback: ({ namespace, key }) => [namespace, key].filter(Boolean).join("."),
  });
}

export type EmailTranslator = ReturnType<typeof emailTranslator>;
