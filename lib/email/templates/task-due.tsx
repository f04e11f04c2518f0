import { Fragment } from "react";
import { httpUrl, singleLine } from "./format";
import { CallToAction, DetailsList, EmailHeading, Paragraph } from "./layout";
import { formatInZone } from "./task-format";
import type { EmailTemplateDefinition } from "./types";

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

export const taskDueTemplate: EmailTemplateDefinition<TaskDueEmailData> = {
  subject: (data, t) => t("taskDue.subject", { title: singleLine(data.taskTitle) }),
  body(data, context) {
    const { t, locale } = context;
    const rows: [string, string][] = [[t("taskDue.due"), formatInZone(data.dueAt, locale, data.timeZone)]];
    if (data.recordName) rows.push([t("taskDue.record"), singleLine(data.recordName)]);
    const notes = data.notes?.trim() ? data.notes.trim().slice(0, 2000) : null;
    return (
      <>
        <EmailHeading>{singleLine(data.taskTitle)}</EmailHeading>
        <Paragraph>{t("taskDue.intro", { workspace: singleLine(data.workspaceName) })}</Paragraph>
        <DetailsList rows={rows} />
        {notes ? (
          <Paragraph>
            <strong>{t("taskDue.notes")}:</strong>
            {/* The notes keep their line breaks. */}
            {notes.split("\n").map((line, index) => (
              <Fragment key={index}>
                <br />
                {line}
              </Fragment>
            ))}
          </Paragraph>
        ) : null}
        <CallToAction context={context} href={httpUrl(data.tasksUrl)} label={t("taskDue.button")} textLabel={t("taskDue.linkLabel")} />
      </>
    );
  },
};
