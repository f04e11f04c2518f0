import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine } from "./layout";
import { formatInZone } from "./task-format";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface TaskDueEmailData {
  workspaceName: string;
  taskTitle: string;
  notes: string | null;
  dueAt: Date;
  /** The reader's IANA zone; times are shown there. */
  timeZone: string;
  /** The linked customer, contact or opportunity, e.g. "Acme Ltd"; null when none. */
  recordName: string | null;
  /** `${appUrl()}/<slug>/tasks`. */
  tasksUrl: string;
}

const COPY: Record<
  EmailLocale,
  {
    subject: (title: string) => string;
    intro: (workspace: string) => string;
    due: string;
    record: string;
    notes: string;
    button: string;
    linkLabel: string;
  }
> = {
  en: {
    subject: (title) => `Reminder: ${title}`,
    intro: (workspace) => `A task assigned to you in ${workspace} is due now.`,
    due: "Due",
    record: "Related to",
    notes: "Notes",
    button: "Open my tasks",
    linkLabel: "Open your tasks:",
  },
  "zh-CN": {
    subject: (title) => `提醒：${title}`,
    intro: (workspace) => `您在「${workspace}」中被分配的一项任务现已到期。`,
    due: "到期时间",
    record: "关联记录",
    notes: "备注",
    button: "打开我的任务",
    linkLabel: "打开您的任务：",
  },
};

export const taskDueTemplate: EmailTemplateDefinition<TaskDueEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const title = singleLine(data.taskTitle);
    const subject = copy.subject(title);
    const intro = copy.intro(singleLine(data.workspaceName));
    const url = httpUrl(data.tasksUrl);
    const rows: [string, string][] = [[copy.due, formatInZone(data.dueAt, locale, data.timeZone)]];
    if (data.recordName) rows.push([copy.record, singleLine(data.recordName)]);
    const notes = data.notes?.trim() ? data.notes.trim().slice(0, 2000) : null;

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${title}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
<ul style="margin:0 0 16px;padding-left:20px;">
${rows.map(([label, value]) => html`<li>${label}: ${value}</li>
`)}</ul>
${notes ? html`<p style="${emailStyles.paragraph}"><strong>${copy.notes}:</strong><br>${notes.split("\n").map((line, i) => (i === 0 ? line : html`<br>${line}`))}</p>` : ""}
<p style="${emailStyles.paragraph}"><a href="${url}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.muted}"><a href="${url}" style="${emailStyles.link}">${url}</a></p>`;

    const bodyText = [
      title,
      intro,
      rows.map(([label, value]) => `- ${label}: ${value}`).join("\n"),
      notes ? `${copy.notes}:\n${notes}` : null,
      `${copy.linkLabel}\n${url}`,
    ]
      .filter(Boolean)
      .join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
