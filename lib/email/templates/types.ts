import type { ReactNode } from "react";
import type { EmailTranslator } from "./translator";

export const EMAIL_LOCALES = ["en", "zh-CN"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/** What a template produces: everything a transport needs besides the recipient. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Which of the two parts a template's tree is being rendered for. Both come from the same
 * components; the button exists only in HTML, and the plain text names each link instead.
 */
export type EmailPart = "html" | "text";

export interface EmailRenderContext {
  locale: EmailLocale;
  t: EmailTranslator;
  part: EmailPart;
  /** The email's subject, already on one line; most templates repeat it as their heading. */
  subject: string;
}

export interface EmailTemplateDefinition<Data> {
  /** Names in it go through singleLine, so a name typed with newlines cannot add a header. */
  subject(data: Data, t: EmailTranslator): string;
  /**
   * The content inside the shared layout. Called before rendering starts, so a link that is not
   * http(s) throws here, before anything is rendered or sent.
   */
  body(data: Data, context: EmailRenderContext): ReactNode;
}
