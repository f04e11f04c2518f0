import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { PageHeader } from "@/components/ui/card";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { renderEmailTemplate } from "@/lib/email/templates";
import { previewHref, previewTarget } from "../../find-preview";
import { emailPreviewSample } from "../../samples";

export const metadata: Metadata = { title: "Email preview", robots: { index: false } };

/** One template in one language on sample data: its subject, the HTML as a mail client shows it, and the text part. */
export default async function EmailPreviewPage({ params }: { params: Promise<{ template: string; locale: string }> }) {
  if (!isMailboxEnabled()) notFound();
  const target = previewTarget(await params);
  if (!target) notFound();
  const [t, tCommon, email] = await Promise.all([
    getTranslations("mailbox"),
    getTranslations("common"),
    renderEmailTemplate(emailPreviewSample(target.name, target.locale).template, target.locale),
  ]);
  const href = previewHref(target.name, target.locale);
  const linkClass = "text-sm font-medium text-brand-700 underline dark:text-brand-300";
  return (
    <PublicShell narrow={false}>
      <p className="mb-4">
        <Link href="/dev/mailbox" className={linkClass}>
          {t("previewBack")}
        </Link>
      </p>
      <PageHeader title={t("previewTitle", { template: target.name, language: tCommon(`languageNames.${target.locale}`) })} lead={t("previewLead")} />
      <dl className="mb-6">
        <dt className="text-sm text-slate-600 dark:text-slate-400">{t("previewSubject")}</dt>
        <dd className="font-semibold" data-testid="preview-subject">
          {email.subject}
        </dd>
      </dl>
      <section aria-labelledby="preview-html" className="mb-8">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="preview-html" className="text-lg font-semibold">
            {t("previewHtml")}
          </h2>
          <a href={`${href}/html`} className={linkClass}>
            {t("previewOpenHtml")}
          </a>
        </div>
        {/* sandbox="": the email's HTML runs no script and reaches nothing of this page. */}
        <iframe
          title={email.subject}
          sandbox=""
          srcDoc={email.html}
          className="h-[44rem] w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700"
          data-testid="preview-html"
        />
      </section>
      <section aria-labelledby="preview-text">
        <h2 id="preview-text" className="mb-2 text-lg font-semibold">
          {t("previewText")}
        </h2>
        <pre className="whitespace-pre-wrap break-words rounded-lg bg-slate-100 p-4 text-sm dark:bg-slate-800" data-testid="preview-text">
          {email.text}
        </pre>
      </section>
    </PublicShell>
  );
}
