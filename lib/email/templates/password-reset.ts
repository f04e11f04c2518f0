import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

/** Sign-in methods and second factors "this wasn't me" removed (lib/auth/not-me.ts). */
export interface RemovedSignInMethods {
  /** The names of the passkeys removed. */
  passkeys: string[];
  authenticatorApp: boolean;
  /** The removed phone, masked. */
  phone: string | null;
  recoveryCodes: boolean;
  /** Codes by email as a second factor. */
  emailCodes: boolean;
}

export function removedCount(removed: RemovedSignInMethods | undefined): number {
  if (!removed) return 0;
  return removed.passkeys.length + Number(removed.authenticatorApp) + Number(removed.phone !== null) + Number(removed.recoveryCodes) + Number(removed.emailCodes);
}

export interface PasswordResetEmailData {
  workspaceName: string;
  /** `${appUrl()}/<slug>/reset-password/<token>`: single use. */
  resetUrl: string;
  expiresAt: Date;
  /**
   * "requested": the forgot-password form; "not-me": the member said a new sign-in wasn't them;
   * "admin": an admin signed them out everywhere and asked for a new password; "reset-required":
   * they asked for a sign-in link while their account still needs a new password.
   */
  reason: "requested" | "not-me" | "admin" | "reset-required";
  /** What "this wasn't me" took away because it was added after that sign-in. */
  removed?: RemovedSignInMethods;
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
    admin: (workspace: string) => string;
    resetRequired: (workspace: string) => string;
    removedLead: string;
    removedAfter: string;
    removedPasskey: (name: string) => string;
    removedAuthenticatorApp: string;
    removedPhone: (phone: string) => string;
    removedRecoveryCodes: string;
    removedEmailCodes: string;
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
    admin: (workspace) =>
      `An admin of ${workspace} signed your account out on every device and asked you to choose a new password. Your old password no longer works.`,
    resetRequired: (workspace) =>
      `You asked to sign in to ${workspace}, but your account needs a new password first. No sign-in method works until you choose one with the button below.`,
    removedLead: "These were added to your account after that sign-in, so we removed them:",
    removedAfter: "If you added any of them yourself, add them again once you're signed in.",
    removedPasskey: (name) => `Passkey “${name}”`,
    removedAuthenticatorApp: "Authenticator app",
    removedPhone: (phone) => `Phone ${phone}`,
    removedRecoveryCodes: "Recovery codes created after that sign-in",
    removedEmailCodes: "Codes by email as a second step",
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
    admin: (workspace) => `「${workspace}」的管理员已让您的账户在所有设备上退出登录，并要求您设置新密码。原密码已无法使用。`,
    resetRequired: (workspace) => `您请求登录「${workspace}」，但您的账户需要先设置新密码。在设置新密码之前，任何登录方式都无法使用。请点击下面的按钮设置。`,
    removedLead: "以下内容是在那次登录之后添加到您账户的，我们已将其移除：",
    removedAfter: "如果其中有您本人添加的，请在登录后重新添加。",
    removedPasskey: (name) => `通行密钥「${name}」`,
    removedAuthenticatorApp: "身份验证器应用",
    removedPhone: (phone) => `手机 ${phone}`,
    removedRecoveryCodes: "那次登录之后生成的恢复码",
    removedEmailCodes: "通过邮件接收验证码（第二步验证）",
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
    const intro = {
      requested: copy.requested,
      "not-me": copy.notMe,
      admin: copy.admin,
      "reset-required": copy.resetRequired,
    }[data.reason](workspace);
    const removed = data.removed
      ? [
          ...data.removed.passkeys.map((name) => copy.removedPasskey(singleLine(name).slice(0, 80))),
          ...(data.removed.authenticatorApp ? [copy.removedAuthenticatorApp] : []),
          ...(data.removed.phone ? [copy.removedPhone(singleLine(data.removed.phone))] : []),
          ...(data.removed.recoveryCodes ? [copy.removedRecoveryCodes] : []),
          ...(data.removed.emailCodes ? [copy.removedEmailCodes] : []),
        ]
      : [];
    const expires = copy.expires(formatDateTime(data.expiresAt, locale));
    const ignore = data.reason === "requested" ? copy.ignoreRequested : copy.ignoreNotMe;
    const rows = [
      [copy.ip, data.ip ?? copy.unknown],
      [copy.device, data.device ? singleLine(data.device).slice(0, 200) : copy.unknown],
    ];

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
${removed.length ? html`<p style="${emailStyles.paragraph}">${copy.removedLead}</p>
<ul style="margin:0 0 16px;padding-left:20px;font-size:14px;">
${removed.map((item) => html`<li>${item}</li>
`)}</ul>
<p style="${emailStyles.paragraph}">${copy.removedAfter}</p>
` : ""}<p style="${emailStyles.paragraph}"><a href="${resetUrl}" style="${emailStyles.button}">${copy.button}</a></p>
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
      ...(removed.length ? [[copy.removedLead, ...removed.map((item) => `- ${item}`), copy.removedAfter].join("\n")] : []),
      `${copy.linkLabel}\n${resetUrl}`,
      expires,
      [copy.origin, ...rows.map(([label, value]) => `- ${label}: ${value}`)].join("\n"),
      ignore,
    ].join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
