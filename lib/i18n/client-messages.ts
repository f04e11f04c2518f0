// Which messages reach the browser. NextIntlClientProvider without `messages` serialises every
// message of the locale (about 110 KB of JSON) into each page's flight data, though client
// components read a few namespaces; pages name theirs (components/i18n/client-messages.tsx).

type Messages = { [key: string]: string | Messages };

/** What the root layout's own client components read on every page: the language switcher, the command palette, the error page. */
export const SHELL_NAMESPACES = ["common", "search", "pages"] as const;

/**
 * The namespaces `paths` name ("errors", or a nested one such as "mfa.recovery") out of
 * `messages`, nested as they are there. A path that names nothing is skipped.
 */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const path of paths) {
    const keys = path.split(".");
    let source: string | Messages | undefined = messages;
    for (const key of keys) source = typeof source === "object" ? source[key] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = target[key] = typeof next === "object" ? next : {};
    }
    target[keys[keys.length - 1]!] = source;
  }
  return out;
}
