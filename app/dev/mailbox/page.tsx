import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { isMailboxEnabled, listOutbox } from "@/lib/email/outbox";
import { EMAIL_LOCALES, EMAIL_TEMPLATE_NAMES } from "@/lib/email/templates";
import { listSmsOutbox } from "@/lib/sms/outbox";
import { previewHref } from "./preview/find-preview";

export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

const LINK = /https?:\/\/[^\s<>"]+/g;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string; phone?: string }> }) {
  if (!isMailboxEnabled()) notFound();
  const { to, phone } = await searchParams;
  const filter = typeof to === "string" && to.length <= 254 ? to.trim().toLowerCase() : undefined;
  const phoneFilter = typeof phone === "string" && /^\+?\d{6,15}$/.test(phone.trim()) ? `+${phone.trim().replace(/^\+/, "")}` : undefined;
  const [t, tCommon, format, messages, texts] = await Promise.all([
    getTranslations("mailbox"),
    getTranslations("common"),
    getFormatter(),
    listOutbox({ to: filter, limit: 50 }),
    listSmsOutbox({ to: phoneFilter, limit: 50 }),
  ]);
  return (
    <PublicShell narrow={false}>
      <PageHeader title={t("title")} lead={t("lead")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="mailbox-to" className="mb-1.5 block text-sm font-medium">
            {t("filter")}
          </label>
          <input id="mailbox-to" name="to" type="email" defaultValue={filter} className={inputClass} />
        </div>
        <button type="submit" className={buttonStyles.secondary}>
          {t("apply")}
        </button>
      </form>
      {messages.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-2xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900" data-testid="mailbox-message">
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t("to")}: <span data-testid="mailbox-to">{message.to}</span> · {t("sent")}: {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
              </p>
              <h2 className="mt-1 font-semibold" data-testid="mailbox-subject">
                {message.subject}
              </h2>
              <ul className="mt-2 space-y-1">
                {[...new Set(message.text.match(LINK) ?? [])].map((url) => (
                  <li key={url}>
                    <a href={url} className="break-all text-sm font-medium text-brand-700 underline dark:text-brand-300" data-testid="mailbox-link">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">{t("plainText")}</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded-lg bg-slate-100 p-3 text-sm dark:bg-slate-800">{message.text}</pre>
              </details>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium">{t("showHtml")}</summary>
                <iframe title={message.subject} sandbox="" srcDoc={message.html} className="mt-2 h-96 w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700" />
              </details>
            </li>
          ))}
        </ol>
      )}
      <SmsMessages texts={texts} phoneFilter={phoneFilter} t={t} when={(date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })} />
      <TemplatePreviews t={t} languageName={(locale) => tCommon(`languageNames.${locale}`)} />
    </PublicShell>
  );
}

/** Text messages (lib/sms): the outbox in development, and what went out through the provider. */
function SmsMessages({
  texts,
  phoneFilter,
  t,
  when,
}: {
  texts: Awaited<ReturnType<typeof listSmsOutbox>>;
  phoneFilter: string | undefined;
  t: Awaited<ReturnType<typeof getTranslations<"mailbox">>>;
  when: (date: Date) => string;
}) {
  return (
    <section aria-labelledby="sms-title" className="mt-10">
      <h2 id="sms-title" className="text-xl font-bold tracking-tight">
        {t("smsTitle")}
      </h2>
      <p className="mb-4 mt-1 text-slate-600 dark:text-slate-400">{t("smsLead")}</p>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="mailbox-phone" className="mb-1.5 block text-sm font-medium">
            {t("smsFilter")}
          </label>
          <input id="mailbox-phone" name="phone" type="tel" defaultValue={phoneFilter} className={inputClass} />
        </div>
        <button type="submit" className={buttonStyles.secondary}>
          {t("apply")}
        </button>
      </form>
      {texts.length === 0 ? (
        <p>{t("smsEmpty")}</p>
      ) : (
        <ol className="space-y-3">
          {texts.map((text) => (
            <li key={text.id}>
              <article
                aria-label={t("smsMessageLabel", { to: text.to })}
                className="rounded-2xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
                data-testid="sms-message"
              >
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t("smsTo")}: <span data-testid="sms-to">{text.to}</span> · {t("sent")}: {when(text.createdAt)} · {t("smsStatus")}: {text.status}
                </p>
                <p className="mt-2 whitespace-pre-wrap break-words" data-testid="sms-body">
                  {text.body}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Every email template in every language, each a link to its preview on sample data. */
function TemplatePreviews({
  t,
  languageName,
}: {
  t: Awaited<ReturnType<typeof getTranslations<"mailbox">>>;
  languageName: (locale: (typeof EMAIL_LOCALES)[number]) => string;
}) {
  return (
    <section aria-labelledby="previews-title" className="mt-10">
      <h2 id="previews-title" className="text-xl font-bold tracking-tight">
        {t("previewsTitle")}
      </h2>
      <p className="mb-4 mt-1 text-slate-600 dark:text-slate-400">{t("previewsLead")}</p>
      <table className="w-full text-left text-sm" data-testid="email-previews">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2 pr-4 font-medium">
              {t("previewTemplate")}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t("previewLanguages")}
            </th>
          </tr>
        </thead>
        <tbody>
          {EMAIL_TEMPLATE_NAMES.map((name) => (
            <tr key={name} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-2 pr-4 font-mono font-normal">
                {name}
              </th>
              <td className="py-2">
                <ul className="flex flex-wrap gap-4">
                  {EMAIL_LOCALES.map((locale) => (
                    <li key={locale}>
                      <a href={previewHref(name, locale)} lang={locale} className="font-medium text-brand-700 underline dark:text-brand-300">
                        {languageName(locale)}
                      </a>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
