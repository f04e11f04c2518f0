import { html } from "../escape-html";
import { emailStyles, renderLayout, singleLine, requestDetails } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface EmailCodeEmailData {
  workspaceName: string;
  /** Six digits. */
  code: string;
  /** "sign-in" (the second step), "reverify" (before a sensitive change), "enable" (turning codes by email on). */
  purpose: "sign-in" | "reverify" | "enable";
  minutes: number;
  requestedAt: Date;
  ip: string | null;
  device: string | null;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    intro: Record<EmailCodeEmailData["purpose"], (workspace: string) => string>;
    expires: (minutes: number) => string;
    details: string;
    notYou: string;
  }
> = {
  en: {
    subject: (workspace) => `Your ${workspace} verification code`,
    intro: {
      "sign-in": (workspace) => `Someone signed in to ${workspace} with your password and needs this code to finish:`,
      reverify: (workspace) => `Someone signed in to ${workspace} as you wants to change a security setting and needs this code:`,
      enable: (workspace) => `To receive sign-in codes by email for ${workspace}, enter this code:`,
    },
    expires: (minutes) => `It works once, for ${minutes} minutes. Nobody from Relay CRM will ask you for it.`,
    details: "The request came from:",
    notYou: "If this wasn't you, don't share the code, and change your password: whoever asked for it knows your current one.",
  },
  "zh-CN": {
    subject: (workspace) => `您的「${workspace}」验证码`,
    intro: {
      "sign-in": (workspace) => `有人使用您的密码登录「${workspace}」，需要此验证码才能完成登录：`,
      reverify: (workspace) => `以您身份登录「${workspace}」的人要修改安全设置，需要此验证码：`,
      enable: (workspace) => `要通过邮件接收「${workspace}」的登录验证码，请输入此验证码：`,
    },
    expires: (minutes) => `此验证码只能使用一次，${minutes} 分钟内有效。Relay CRM 的工作人员绝不会向您索要它。`,
    details: "请求来源：",
    notYou: "如果这不是您本人，请勿告诉任何人此验证码，并修改密码：请求者知道您当前的密码。",
  },
};

export const emailCodeTemplate: EmailTemplateDefinition<EmailCodeEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const subject = copy.subject(workspace);
    const intro = copy.intro[data.purpose](workspace);
    const code = data.code.replace(/\D/g, "");
    const expires = copy.expires(data.minutes);
    const details = requestDetails(copy.details, { at: data.requestedAt, ip: data.ip, device: data.device }, locale);
    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<p style="${emailStyles.paragraph}"><strong style="font-size:28px;letter-spacing:6px;font-family:monospace" data-email-code>${code}</strong></p>
<p style="${emailStyles.paragraph}">${expires}</p>
${details.html}
<p style="${emailStyles.muted}">${copy.notYou}</p>`;
    const bodyText = [subject, intro, code, expires, details.text, copy.notYou].join("\n\n");
    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
