import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine, formatDateTime } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface InvitationEmailData {
  workspaceName: string;
  inviterName: string;
  /** The role's label, already translated into the email's locale. */
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}

interface InvitationCopy {
  subject(inviter: string, workspace: string): string;
  heading(workspace: string): string;
  intro(inviter: string, workspace: string, role: string): string;
  acceptButton: string;
  /** Introduces the bare link in the plain-text part. */
  acceptLinkLabel: string;
  expires(date: string): string;
  copyLink: string;
  notExpected: string;
}

const COPY: Record<EmailLocale, InvitationCopy> = {
  en: {
    subject: (inviter, workspace) => `${inviter} invited you to join ${workspace} on Relay CRM`,
    heading: (workspace) => `Join ${workspace} on Relay CRM`,
    intro: (inviter, workspace, role) =>
      `${inviter} invited you to join ${workspace} on Relay CRM as ${role}.`,
    acceptButton: "Accept invitation",
    acceptLinkLabel: "Accept the invitation by opening this link:",
    expires: (date) => `This invitation expires on ${date}.`,
    copyLink: "If the button doesn't work, copy this link into your browser:",
    notExpected:
      "If you don't know the sender or don't want to join, you can ignore this email.",
  },
  "zh-CN": {
    subject: (inviter, workspace) => `${inviter} 邀请您加入 Relay CRM 上的「${workspace}」`,
    heading: (workspace) => `加入 Relay CRM 上的「${workspace}」`,
    intro: (inviter, workspace, role) =>
      `${inviter} 邀请您以${role}身份加入 Relay CRM 上的「${workspace}」工作区。`,
    acceptButton: "接受邀请",
    acceptLinkLabel: "打开以下链接即可接受邀请：",
    expires: (date) => `此邀请将于 ${date} 失效。`,
    copyLink: "如果按钮无法打开，请将以下链接复制到浏览器中访问：",
    notExpected: "如果您不认识邀请人，或不想加入该工作区，忽略此邮件即可。",
  },
};


export const invitationTemplate: EmailTemplateDefinition<InvitationEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const inviter = singleLine(data.inviterName);
    const workspace = singleLine(data.workspaceName);
    const role = singleLine(data.role);
    const acceptUrl = httpUrl(data.acceptUrl);
    const heading = copy.heading(workspace);
    const intro = copy.intro(inviter, workspace, role);
    const expires = copy.expires(formatDateTime(data.expiresAt, locale));

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${heading}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<p style="${emailStyles.paragraph}"><a href="${acceptUrl}" style="${emailStyles.button}">${copy.acceptButton}</a></p>
<p style="${emailStyles.paragraph}">${expires}</p>
<p style="${emailStyles.muted}">${copy.copyLink}<br><a href="${acceptUrl}" style="${emailStyles.link}">${acceptUrl}</a></p>
<p style="${emailStyles.muted}">${copy.notExpected}</p>`;

    const bodyText = [
      heading,
      intro,
      `${copy.acceptLinkLabel}\n${acceptUrl}`,
      expires,
      copy.notExpected,
    ].join("\n\n");

    return renderLayout({
      locale,
      subject: copy.subject(inviter, workspace),
      bodyHtml,
      bodyText,
    });
  },
};
