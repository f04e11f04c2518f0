import { createTranslator } from "next-intl";
import { MESSAGES } from "./messages";
import { isLocale, type Locale } from "./locales";

/** Translations outside a request's own locale, e.g. an email in the recipient's language. */
export function translatorFor(locale: string | null | undefined) {
  const chosen: Locale = isLocale(locale) ? locale : "en";
  return { locale: chosen, t: createTranslator({ locale: chosen, messages: MESSAGES[chosen] }) };
}
