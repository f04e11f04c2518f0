import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { pickMessages, SHELL_NAMESPACES } from "@/lib/i18n/client-messages";

type Messages = Parameters<typeof pickMessages>[0];

// Picked once per locale and list, not on every request: the messages are fixed at build time.
const picked = new Map<string, Messages>();

/**
 * The messages the client components below it read: the shell's plus `namespaces` ("all": every
 * message, for pages not yet measured and trimmed). What is not named here never reaches the
 * browser, so a client component's useTranslations namespace must be in its page's list.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[] | "all"; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  if (namespaces === "all") return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
  const key = `${locale}|${namespaces.join(",")}`;
  let chosen = picked.get(key);
  if (!chosen) {
    chosen = pickMessages(messages as Messages, [...SHELL_NAMESPACES, ...namespaces]);
    picked.set(key, chosen);
  }
  return <NextIntlClientProvider messages={chosen}>{children}</NextIntlClientProvider>;
}

/**
 * The layout of a section whose pages keep every message: sign-in steps, settings, security,
 * imports, forms. Rarely visited, and each holds many forms whose errors come from several
 * namespaces; the busy pages (home, lists, record, board, tasks, reports) name theirs.
 */
export function AllMessagesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces="all">{children}</ClientMessages>;
}
