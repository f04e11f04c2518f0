import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface PasswordResetEmailData {
  workspaceName: string;
  /** `${appUrl()}/<slug>/reset-password/<token>`: single use. */
  resetUrl: string;
  expiresAt: Date;
  /** "requested": the forgot-password form; "not-me": the member said a new sign-in wasn't them. */
  reason: "requested" | "not-me";
  /** Where the request came from, so the owner can tell whether it was them. */
  ip: string | null;
  device: string | null;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    requested: (workspace: string) => string;
    notMe: (workspace: string) => string;
    button: string;
    linkLabel: string;
    expires: (date: string) => string;
    origin: string;
    ip: string;
    device: string;
    unknown: string;
    ignoreRequested: string;
    ignoreNotMe: string;
    copyLink: string;
  }
> = {
  en: {
    subject: (workspace) => `Reset your password for ${workspace}`,
    requested: (workspace) =>
      `Someone asked to reset the password of your ${workspace} account on Relay CRM. If it was you, choose a new password with the button below.`,
    notMe: (workspace) =>
      `You told us a recent sign-in to ${workspace} wasn't you, so we signed your account out on every device. Choose a new password to get back in: your old one no longer works.`,
    button: "Choose a new password",
    linkLabel: "Choose a new password by opening this link:",
    expires: (date) => `The link works once and expires on ${date}.`,
    origin: "The request came from:",
    ip: "IP address",
    device: "Device",
    unknown: "unknown",
    ignoreRequested: "If you didn't ask for this, you can ignore this email: your password stays the same.",
    ignoreNotMe: "If the link has expired, use “Forgot password?” on the sign-in page to get a new one.",
    copyLink: "If the button doesn't work, copy this link into your browser:",
  },
  "zh-CN": {
    subject: (workspace) => `重置您在「${workspace}」的密码`,
    requested: (workspace) =>
      `有人请求重置您在 Relay CRM 上「${workspace}」账户的密码。如果是您本人，请点击下面的按钮设置新密码。`,
    notMe: (workspace) =>
      `您告诉我们最近一次登录「${workspace}」的不是您本人，因此我们已让您的账户在所有设备上退出登录。请设置新密码后重新登录，原密码已无法使用。`,
    button: "设置新密码",
    linkLabel: "打开以下链接即可设置新密码：",
    expires: (date) => `此链接只能使用一次，将于 ${date} 失效。`,
    origin: "请求来源：",
    ip: "IP 地址",
    device: "设备",
    unknown: "未知",
    ignoreRequested: "如果这不是您本人发起的请求，忽略此邮件即可，您的密码不会改变。",
    ignoreNotMe: "如果链接已失效，请在登录页面点击“忘记密码？”获取新的链接。",
    copyLink: "如果按钮无法打开，请将以下链接复制到浏览器中访问：",
  },
};

export const passwordResetTemplate: EmailTemplateDefinition<PasswordResetEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const resetUrl = httpUrl(data.resetUrl);
    const subject = copy.subject(workspace);
    const intro = data.reason === "not-me" ? copy.notMe(workspace) : copy.requested(workspace);
    const expires = copy.expires(formatDateTime(data.expiresAt, locale));
    const ignore = data.reason === "not-me" ? copy.ignoreNotMe : copy.ignoreRequested;
    const rows = [
      [copy.ip, data.ip ?? copy.unknown],
      [copy.device, data.device ? singleLine(data.device).slice(0, 200) : copy.unknown],
    ];

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<p style="${emailStyles.paragraph}"><a href="${resetUrl}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.paragraph}">${expires}</p>
<p style="${emailStyles.muted}">${copy.origin}</p>
<ul style="margin:0 0 16px;padding-left:20px;color:#52525b;font-size:14px;">
${rows.map(([label, value]) => html`<li>${label}: ${value}</li>
`)}</ul>
<p style="${emailStyles.muted}">${ignore}</p>
<p style="${emailStyles.muted}">${copy.copyLink}<br><a href="${resetUrl}" style="${emailStyles.link}">${resetUrl}</a></p>`;

    const bodyText = [
      subject,
      intro,
      `${copy.linkLabel}\n${resetUrl}`,
      expires,
      [copy.origin, ...rows.map(([label, value]) => `- ${label}: ${value}`)].join("\n"),
      ignore,
    ].join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
