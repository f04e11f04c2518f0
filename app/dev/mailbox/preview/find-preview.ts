import { EMAIL_LOCALES, EMAIL_TEMPLATE_NAMES, type EmailLocale, type EmailTemplateName } from "@/lib/email/templates";

/** The template and locale named by a preview's address, or null for anything else. */
export function previewTarget(params: { template: string; locale: string }): { name: EmailTemplateName; locale: EmailLocale } | null {
  const name = EMAIL_TEMPLATE_NAMES.find((candidate) => candidate === params.template);
  const locale = EMAIL_LOCALES.find((candidate) => candidate === params.locale);
  return name && locale ? { name, locale } : null;
}

export function previewHref(name: EmailTemplateName, locale: EmailLocale): string {
  return `/dev/mailbox/preview/${name}/${locale}`;
}
