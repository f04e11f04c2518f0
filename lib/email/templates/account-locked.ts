import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime, requestDetails } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface AccountLockedEmailData {
  workspaceName: string;
  /** null: locked until an admin unlocks it. */
  lockedUntil: Date | null;
  attemptedAt: Date;
  ip: string | null;
  device: string | null;
  resetUrl: string;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string) => string;
    intro: (workspace: string) => string;
    until: (date: string) => string;
    untilAdmin: string;
    details: string;
    reset: string;
    notYou: string;
  }
> = {
  en: {
    subject: (workspace) => `Sign-in to ${workspace} was locked after failed attempts`,
    intro: (workspace) => `Someone entered a wrong password for your ${workspace} account too many times, so signing in with a password is locked for now.`,
    until: (date) => `You can try again after ${date}.`,
    untilAdmin: "It stays locked until an admin of the workspace unlocks it, or until you reset your password.",
    details: "The last attempt:",
    reset: "Reset your password",
    notYou: "If this wasn't you, reset your password now: that also lifts the lock. Your password itself was not revealed.",
  },
  "zh-CN": {
    subject: (workspace) => `${workspace} 的登录因多次失败已被锁定`,
    intro: (workspace) => `有人多次为您的 ${workspace} 账户输入错误密码，因此密码登录暂时被锁定。`,
    until: (date) => `您可以在 ${date} 之后重试。`,
    untilAdmin: "在工作区管理员解锁或您重置密码之前，账户将保持锁定。",
    details: "最近一次尝试：",
    reset: "重置密码",
    notYou: "如果这不是您本人，请立即重置密码，这也会解除锁定。您的密码本身并未泄露。",
  },
};

export const accountLockedTemplate: EmailTemplateDefinition<AccountLockedEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspace = singleLine(data.workspaceName);
    const resetUrl = httpUrl(data.resetUrl);
    const when = data.lockedUntil ? copy.until(formatDateTime(data.lockedUntil, locale)) : copy.untilAdmin;
    const details = requestDetails(copy.details, { at: data.attemptedAt, ip: data.ip, device: data.device }, locale);
    const bodyHtml = html`<h1 style="${emailStyles.heading}">${copy.subject(workspace)}</h1>
<p style="${emailStyles.paragraph}">${copy.intro(workspace)}</p>
<p style="${emailStyles.paragraph}">${when}</p>
${details.html}
<p style="${emailStyles.paragraph}"><a href="${resetUrl}" style="${emailStyles.button}">${copy.reset}</a></p>
<p style="${emailStyles.muted}">${copy.notYou}<br><a href="${resetUrl}" style="${emailStyles.link}">${resetUrl}</a></p>`;
    const bodyText = [
      copy.subject(workspace),
      copy.intro(workspace),
      when,
      details.text,
      `${copy.reset}:\n${resetUrl}`,
      copy.notYou,
    ].join("\n\n");
    return renderLayout({ locale, subject: copy.subject(workspace), bodyHtml, bodyText });
  },
};
