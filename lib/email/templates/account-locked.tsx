import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph, RequestDetails } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface AccountLockedEmailData {
  workspaceName: string;
  /** null: locked until an admin unlocks it. */
  lockedUntil: Date | null;
  attemptedAt: Date;
  ip: string | null;
  device: string | null;
  resetUrl: string;
}

export const accountLockedTemplate: EmailTemplateDefinition<AccountLockedEmailData> = {
  subject: (data, t) => t("accountLocked.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    const workspace = singleLine(data.workspaceName);
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t("accountLocked.intro", { workspace })}</Paragraph>
        <Paragraph>
          {data.lockedUntil
            ? t("accountLocked.until", { date: formatDateTime(data.lockedUntil, locale) })
            : t("accountLocked.untilAdmin")}
        </Paragraph>
        <RequestDetails context={context} heading={t("accountLocked.details")} request={{ at: data.attemptedAt, ip: data.ip, device: data.device }} />
        <CallToAction context={context} href={httpUrl(data.resetUrl)} label={t("accountLocked.button")} textLabel={t("accountLocked.linkLabel")} />
        <Paragraph muted>{t("accountLocked.notYou")}</Paragraph>
      </>
    );
  },
};
