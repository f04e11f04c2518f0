import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { isLocale, type Locale } from "./locales";

const MESSAGES = { en, "zh-CN": zhCN } as const;

/** Translations outside a request's own locale, e.g. an email in the recipient's language. */
export function translatorFor(locale: string | null | undefined) {
  const chosen: Locale = isLocale(locale) ? locale : "en";
  return { locale: chosen, t: createTranslator({ locale: chosen, messages: MESSAGES[chosen] }) };
}
