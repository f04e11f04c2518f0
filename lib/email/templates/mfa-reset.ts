import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface MfaResetEmailData {
  workspaceName: string;
  adminName: string;
  resetAt: Date;
  /** `${appUrl()}/<slug>/login`: the member signs in with their password and sets up a second factor again. */
  signInUrl: string;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    intro: (workspace: string, admin: string, at: string) => string;
    next: string;
    button: string;
    notExpected: string;
  }
> = {
  en: {
    subject: (workspace) => `Your second factors for ${workspace} were reset`,
    intro: (workspace, admin, at) =>
      `${admin}, an admin of ${workspace}, reset your second factors on ${at}: your authenticator app, recovery codes, phone number, passkeys and remembered devices were removed, and you were signed out everywhere.`,
    next: "Sign in with your password. If your workspace requires a second factor, you'll be asked to set one up again.",
    button: "Sign in",
    notExpected: "If you didn't ask for this, contact your workspace's admins right away.",
  },
  "zh-CN": {
    subject: (workspace) => `您在「${workspace}」的第二重验证已被重置`,
    intro: (workspace, admin, at) =>
      `「${workspace}」的管理员 ${admin} 于 ${at} 重置了您的第二重验证：您的身份验证器应用、恢复码、手机号、通行密钥和已记住的设备均已删除，您也已在所有设备上退出登录。`,
    next: "请使用密码登录。如果您的工作区要求第二重验证，系统会请您重新设置。",
    button: "登录",
    notExpected: "如果这不是您请求的，请立即联系您所在工作区的管理员。",
  },
};

export const mfaResetTemplate: EmailTemplateDefinition<MfaResetEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const admin = singleLine(data.adminName);
    const url = httpUrl(data.signInUrl);
    const subject = copy.subject(workspace);
    const intro = copy.intro(workspace, admin, formatDateTime(data.resetAt, locale));
    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<p style="${emailStyles.paragraph}">${copy.next}</p>
<p style="${emailStyles.paragraph}"><a href="${url}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.muted}">${copy.notExpected}<br><a href="${url}" style="${emailStyles.link}">${url}</a></p>`;
    const bodyText = [subject, intro, copy.next, `${copy.button}: ${url}`, copy.notExpected].join("\n\n");
    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
