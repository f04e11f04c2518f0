import { html } from "../escape-html";
import { emailStyles, httpUrl, renderLayout, singleLine } from "./layout";
import { formatDateInZone, formatInZone } from "./task-format";
import type { EmailLocale, EmailTemplateDefinition } from "./types";

export interface DigestTask {
  title: string;
  dueAt: Date;
  recordName: string | null;
}

export interface DailyDigestEmailData {
  workspaceName: string;
  /** The reader's IANA zone: "today" and every time are theirs. */
  timeZone: string;
  /** Any moment of the day the digest is for (its 08:00). */
  day: Date;
  overdue: DigestTask[];
  today: DigestTask[];
  upcoming: DigestTask[];
  tasksUrl: string;
}

type Group = "overdue" | "today" | "upcoming";

const COPY: Record<
  EmailLocale,
  {
    subject: (workspace: string, count: number) => string;
    intro: (date: string) => string;
    groups: Record<Group, string>;
    button: string;
    linkLabel: string;
  }
> = {
  en: {
    subject: (workspace, count) => `Your tasks today in ${workspace}: ${count} due or overdue`,
    intro: (date) => `Here is what is on your list for ${date}.`,
    groups: { overdue: "Overdue", today: "Due today", upcoming: "Next 7 days" },
    button: "Open my tasks",
    linkLabel: "Open your tasks:",
  },
  "zh-CN": {
    subject: (workspace, count) => `您今天在「${workspace}」的任务：${count} 项到期或逾期`,
    intro: (date) => `以下是您 ${date} 的待办事项。`,
    groups: { overdue: "已逾期", today: "今天到期", upcoming: "未来 7 天" },
    button: "打开我的任务",
    linkLabel: "打开您的任务：",
  },
};

export const dailyDigestTemplate: EmailTemplateDefinition<DailyDigestEmailData> = {
  render(data, locale) {
    const copy = COPY[locale];
    const subject = copy.subject(singleLine(data.workspaceName), data.overdue.length + data.today.length);
    const intro = copy.intro(formatDateInZone(data.day, locale, data.timeZone));
    const url = httpUrl(data.tasksUrl);
    const groups = (["overdue", "today", "upcoming"] as const)
      .map((group) => ({ group, label: copy.groups[group], tasks: data[group] }))
      .filter((entry) => entry.tasks.length > 0);
    const line = (task: DigestTask) =>
      [singleLine(task.title), formatInZone(task.dueAt, locale, data.timeZone), task.recordName ? singleLine(task.recordName) : null]
        .filter(Boolean)
        .join(" · ");

    const bodyHtml = html`<h1 style="${emailStyles.heading}">${subject}</h1>
<p style="${emailStyles.paragraph}">${intro}</p>
${groups.map(
  ({ label, tasks }) => html`<h2 style="margin:16px 0 8px;font-size:16px;font-weight:600;">${label} (${tasks.length})</h2>
<ul style="margin:0 0 16px;padding-left:20px;">
${tasks.map((task) => html`<li>${line(task)}</li>
`)}</ul>
`,
)}
<p style="${emailStyles.paragraph}"><a href="${url}" style="${emailStyles.button}">${copy.button}</a></p>
<p style="${emailStyles.muted}"><a href="${url}" style="${emailStyles.link}">${url}</a></p>`;

    const bodyText = [
      subject,
      intro,
      ...groups.map(({ label, tasks }) => [`${label} (${tasks.length})`, ...tasks.map((task) => `- ${line(task)}`)].join("\n")),
      `${copy.linkLabel}\n${url}`,
    ].join("\n\n");

    return renderLayout({ locale, subject, bodyHtml, bodyText });
  },
};
