import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime, requestDetails } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface NewDeviceEmailData {
  workspaceName: string;
  signedInAt: Date;
  ip: string | null;
  device: string | null;
  /** `${appUrl()}/<slug>/not-me/<token>`: opens a confirmation page, single use. */
  notMeUrl: string;
  notMeExpiresAt: Date;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    intro: (workspace: string) => string;
    details: string;
    wasYou: string;
    notYou: string;
    button: string;
    linkLabel: string;
    expires: (date: string) => string;
  }
> = {
  en: {
    subject: (workspace) => `New sign-in to ${workspace}`,
    intro: (workspace) =>
      `Your ${workspace} account on Relay CRM was just signed in to from a device or browser it hasn't used in the last 30 days.`,
    details: "The sign-in:",
    wasYou: "If this was you, you don't need to do anything.",
    notYou:
      "If it wasn't you, tell us now: we'll sign your account out on every device and email you a link to choose a new password.",
    button: "This wasn't me",
    linkLabel: "If it wasn't you, open this link:",
    expires: (date) => `The “This wasn't me” link works until ${date}.`,
  },
  "zh-CN": {
    subject: (workspace) => `「${workspace}」有新的登录`,
    intro: (workspace) => `您在 Relay CRM 上的「${workspace}」账户刚刚在一台过去 30 天内未使用过的设备或浏览器上登录。`,
    details: "登录详情：",
    wasYou: "如果是您本人登录，无需任何操作。",
    notYou: "如果不是您本人，请立即告诉我们：我们会让您的账户在所有设备上退出登录，并通过邮件发送设置新密码的链接。",
    button: "这不是我",
    linkLabel: "如果不是您本人登录，请打开以下链接：",
    expires: (date) => `“这不是我”链接在 ${date} 之前有效。`,
  },
};

export const newDeviceTemplate: EmailTemplateDefinition<NewDeviceEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const notMeUrl = httpUrl(data.notMeUrl);
    const subject = copy.subject(workspace);
    const intro = copy.intro(workspace);
    const expires = copy.expires(formatDateTime(data.notMeExpiresAt, locale));
    const details = requestDetails(copy.details, { at: data.signedInAt, ip: data.ip, device: data.device }, locale);

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
${details.html}
<p style="${emailStyles.paragraph}">${copy.wasYou}</p>
<p style="${emailStyles.paragraph}">${copy.notYou}</p>
<p style="${emailStyles.paragraph}"><a href="${notMeUrl}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.muted}">${expires}<br><a href="${notMeUrl}" style="${emailStyles.link}">${notMeUrl}</a></p>`;

    const bodyText = [
      subject,
      intro,
      details.text,
      copy.wasYou,
      copy.notYou,
      `${copy.linkLabel}\n${notMeUrl}`,
      expires,
    ].join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
