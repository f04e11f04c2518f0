import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, requestDetails } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface PasswordChangedEmailData {
  workspaceName: string;
  changedAt: Date;
  ip: string | null;
  device: string | null;
  /** `${appUrl()}/<slug>/forgot-password`, to take the account back if it wasn't them. */
  forgotPasswordUrl: string;
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
  }
> = {
  en: {
    subject: (workspace) => `Your ${workspace} password was changed`,
    intro: (workspace) =>
      `The password of your ${workspace} account on Relay CRM was just reset with a link from your email, and every device that was signed in has been signed out.`,
    details: "The change was made from:",
    wasYou: "If this was you, there's nothing more to do.",
    notYou:
      "If it wasn't you, someone may have access to your email. Reset your password again right away with the link below, and tell an admin of your workspace.",
    button: "Reset my password again",
    linkLabel: "Reset your password again:",
  },
  "zh-CN": {
    subject: (workspace) => `您在「${workspace}」的密码已更改`,
    intro: (workspace) =>
      `您在 Relay CRM 上「${workspace}」账户的密码刚刚通过邮件中的链接完成了重置，所有已登录的设备均已退出登录。`,
    details: "此次更改来自：",
    wasYou: "如果是您本人操作，无需再做任何事。",
    notYou: "如果不是您本人操作，可能有人能访问您的邮箱。请立即通过下面的链接再次重置密码，并告知您所在工作区的管理员。",
    button: "再次重置密码",
    linkLabel: "再次重置密码：",
  },
};

export const passwordChangedTemplate: EmailTemplateDefinition<PasswordChangedEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const forgotUrl = httpUrl(data.forgotPasswordUrl);
    const subject = copy.subject(workspace);
    const intro = copy.intro(workspace);
    const details = requestDetails(copy.details, { at: data.changedAt, ip: data.ip, device: data.device }, locale);

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
${details.html}
<p style="${emailStyles.paragraph}">${copy.wasYou}</p>
<p style="${emailStyles.paragraph}">${copy.notYou}</p>
<p style="${emailStyles.paragraph}"><a href="${forgotUrl}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.muted}"><a href="${forgotUrl}" style="${emailStyles.link}">${forgotUrl}</a></p>`;

    const bodyText = [
      subject,
      intro,
      details.text,
      copy.wasYou,
      copy.notYou,
      `${copy.linkLabel}\n${forgotUrl}`,
    ].join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
