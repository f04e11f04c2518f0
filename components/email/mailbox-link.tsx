import { useTranslations } from "next-intl";

/**
 * Where the message just "sent" really is when no email or SMS provider is set up (the quick
 * start): the mailbox page. `href` is null when the server does not serve the mailbox
 * (lib/config.ts isMailboxEnabled), and then nothing is shown. A relative link, so it opens on the
 * host the page was opened on.
 */
export function MailboxLink({ href, kind = "email" }: { href: string | null | undefined; kind?: "email" | "sms" }) {
  const t = useTranslations("mailbox");
  if (!href) return null;
  return (
    <p className="mt-2 text-sm" data-testid="mailbox-notice">
      {kind === "sms" ? t("noticeSms") : t("noticeEmail")}{" "}
      <a href={href} target="_blank" rel="noopener" className="font-semibold text-brand-700 underline underline-offset-2 dark:text-brand-300">
        {t("open")}
      </a>
    </p>
  );
}
