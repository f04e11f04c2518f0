import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

// next-intl checks every translation key against the English messages: t("a.missing.key") fails
// the type check instead of showing its key to a reader.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
