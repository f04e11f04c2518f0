export const EMAIL_LOCALES = ["en", "zh-CN"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/** What a template produces: everything a transport needs besides the recipient. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailTemplateDefinition<Data> {
  render(data: Data, locale: EmailLocale): RenderedEmail;
}
