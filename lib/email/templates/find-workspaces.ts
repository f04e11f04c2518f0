import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine } from "./layout";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface FindWorkspacesEmailData {
  /** May be empty: the email is sent either way, so the form never reveals who has an account. */
  workspaces: readonly { name: string; loginUrl: string }[];
}

interface FindWorkspacesCopy {
  subject: string;
  intro: string;
  none: string;
  notRequested: string;
}

const COPY: Record<EmailLocale, FindWorkspacesCopy> = {
  en: {
    subject: "Your Relay CRM workspaces",
    intro: "This email address belongs to the following Relay CRM workspaces. Choose one to sign in:",
    none: "This email address doesn't belong to any Relay CRM workspace yet.",
    notRequested: "If you didn't ask for this, you can ignore this email.",
  },
  "zh-CN": {
    subject: "您的 Relay CRM 工作区",
    intro: "此邮箱地址已加入以下 Relay CRM 工作区，点击即可登录：",
    none: "此邮箱地址目前还没有加入任何 Relay CRM 工作区。",
    notRequested: "如果这不是您本人发起的请求，忽略此邮件即可。",
  },
};

export const findWorkspacesTemplate: EmailTemplateDefinition<FindWorkspacesEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const workspaces = data.workspaces.map((workspace) => ({
      name: singleLine(workspace.name),
      loginUrl: httpUrl(workspace.loginUrl),
    }));

    const listHtml =
      workspaces.length === 0
        ? html`<p style="${emailStyles.paragraph}">${copy.none}</p>`
        : html`<p style="${emailStyles.paragraph}">${copy.intro}</p>
<ul style="margin:0 0 16px;padding-left:20px;">
${workspaces.map(
  (workspace) =>
    html`<li style="margin:0 0 8px;"><a href="${workspace.loginUrl}" style="${emailStyles.link}">${workspace.name}</a><br><span style="color:#52525b;font-size:14px;word-break:break-all;">${workspace.loginUrl}</span></li>
`,
)}</ul>`;

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${copy.subject}</h1>
${listHtml}
<p style="${emailStyles.muted}">${copy.notRequested}</p>`;

    const listText =
      workspaces.length === 0
        ? copy.none
        : [copy.intro, ...workspaces.map((workspace) => `- ${workspace.name}: ${workspace.loginUrl}`)].join("\n");

    return renderLayout({
      locale,
      subject: copy.subject,
      bodyHtml,
      bodyText: [copy.subject, listText, copy.notRequested].join("\n\n"),
    });
  },
};
