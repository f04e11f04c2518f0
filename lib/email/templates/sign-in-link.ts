import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime, requestDetails } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface SignInLinkEmailData {
  workspaceName: string;
  /** `${appUrl()}/<slug>/login/link/<token>`: single use, opens a page with a "Sign in" button. */
  signInUrl: string;
  expiresAt: Date;
  /** The request that asked for the link, so the owner can tell whether it was them. */
  requestedAt: Date;
  ip: string | null;
  device: string | null;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    intro: (workspace: string) => string;
    button: (workspace: string) => string;
    linkLabel: string;
    expires: (date: string) => string;
    details: string;
    ignore: string;
    copyLink: string;
  }
> = {
  en: {
    subject: (workspace) => `Your sign-in link for ${workspace}`,
    intro: (workspace) => `Someone asked for a link to sign in to ${workspace} on Relay CRM with this email address. If it was you, use the button below.`,
    button: (workspace) => `Sign in to ${workspace}`,
    linkLabel: "Sign in by opening this link:",
    expires: (date) => `The link works once, in any browser, and expires on ${date}.`,
    details: "The request came from:",
    ignore: "If you didn't ask for this, ignore this email: nobody can sign in without the link, and it stops working by itself. Never forward it.",
    copyLink: "If the button doesn't work, copy this link into your browser:",
  },
  "zh-CN": {
    subject: (workspace) => `您的「${workspace}」登录链接`,
    intro: (workspace) => `有人使用此邮箱地址请求登录 Relay CRM 上的「${workspace}」。如果是您本人，请点击下面的按钮。`,
    button: (workspace) => `登录「${workspace}」`,
    linkLabel: "打开以下链接即可登录：",
    expires: (date) => `此链接只能使用一次，可在任意浏览器中打开，将于 ${date} 失效。`,
    details: "请求来源：",
    ignore: "如果这不是您本人发起的请求，忽略此邮件即可：没有此链接任何人都无法登录，链接到期后会自动失效。请勿转发此邮件。",
    copyLink: "如果按钮无法打开，请将以下链接复制到浏览器中访问：",
  },
};

export const signInLinkTemplate: EmailTemplateDefinition<SignInLinkEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const url = httpUrl(data.signInUrl);
    const subject = copy.subject(workspace);
    const intro = copy.intro(workspace);
    const expires = copy.expires(formatDateTime(data.expiresAt, locale));
    const details = requestDetails(copy.details, { at: data.requestedAt, ip: data.ip, device: data.device }, locale);

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<p style="${emailStyles.paragraph}"><a href="${url}" style="${emailStyles.button}">${copy.button(workspace)}</a></p>
<p style="${emailStyles.paragraph}">${expires}</p>
${details.html}
<p style="${emailStyles.muted}">${copy.ignore}</p>
<p style="${emailStyles.muted}">${copy.copyLink}<br><a href="${url}" style="${emailStyles.link}">${url}</a></p>`;

    const bodyText = [subject, intro, `${copy.linkLabel}\n${url}`, expires, details.text, copy.ignore].join("\n\n");
    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
