import { render, type Options } from "@react-email/render";
import { singleLine } from "./format";
import { EmailLayout } from "./layout";
import { emailTranslator } from "./translator";
import type { EmailLocale, EmailPart, EmailRenderContext, EmailTemplateDefinition, RenderedEmail } from "./types";

// How the text part's tree becomes text: headings as written (not upper-cased), list items as
// "- ", and links as their words only, since every link a reader needs is written out in full
// (CallToAction puts the URL on its own line, where the mailbox page and mail clients find it).
const TEXT_OPTIONS: Extract<Options, { plainText?: true }>["htmlToTextOptions"] = {
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "h1", options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    { selector: "h2", options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 } },
    { selector: "ul", options: { itemPrefix: "- " } },
  ],
};

/**
 * Renders one template in one locale: the subject, the HTML part and the text part. Both parts come
 * from the template's components (React escapes every value), each rendered by @react-email/render.
 * Throws before rendering when a link is not http(s).
 */
export async function renderTemplate<Data>(
  template: EmailTemplateDefinition<Data>,
  data: Data,
  locale: EmailLocale,
): Promise<RenderedEmail> {
  const t = emailTranslator(locale);
  const subject = singleLine(template.subject(data, t));
  const tree = (part: EmailPart) => {
    const context: EmailRenderContext = { locale, t, part, subject };
    return <EmailLayout context={context}>{template.body(data, context)}</EmailLayout>;
  };
  const htmlTree = tree("html");
  const textTree = tree("text");
  const [html, text] = await Promise.all([render(htmlTree), render(textTree, { plainText: true, htmlToTextOptions: TEXT_OPTIONS })]);
  return { subject, html, text: `${text.trim()}\n` };
}
