import { Fragment } from "react";
import { Heading } from "@react-email/components";
import { httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph, emailStyles } from "./layout";
import { formatDateInZone, formatInZone } from "./task-format";
import type { EmailTemplateDefinition } from "./types";

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

const GROUPS = ["overdue", "today", "upcoming"] as const;

export const dailyDigestTemplate: EmailTemplateDefinition<DailyDigestEmailData> = {
  subject: (data, t) =>
    t("dailyDigest.subject", { workspace: singleLine(data.workspaceName), count: data.overdue.length + data.today.length }),
  body(data, context) {
    const { t, locale } = context;
    const line = (task: DigestTask) =>
      [singleLine(task.title), formatInZone(task.dueAt, locale, data.timeZone), task.recordName ? singleLine(task.recordName) : null]
        .filter(Boolean)
        .join(" · ");
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t("dailyDigest.intro", { date: formatDateInZone(data.day, locale, data.timeZone) })}</Paragraph>
        {GROUPS.filter((group) => data[group].length > 0).map((group) => (
          <Fragment key={group}>
            <Heading as="h2" style={emailStyles.subheading}>
              {t("dailyDigest.group", { label: t(`dailyDigest.groups.${group}`), count: data[group].length })}
            </Heading>
            <ul style={emailStyles.list}>
              {data[group].map((task, index) => (
                <li key={index}>{line(task)}</li>
              ))}
            </ul>
          </Fragment>
        ))}
        <CallToAction context={context} href={httpUrl(data.tasksUrl)} label={t("dailyDigest.button")} textLabel={t("dailyDigest.linkLabel")} />
      </>
    );
  },
};
