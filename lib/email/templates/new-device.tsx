import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph, RequestDetails } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface NewDeviceEmailData {
  workspaceName: string;
  signedInAt: Date;
  ip: string | null;
  device: string | null;
  /** `${appUrl()}/<slug>/not-me/<token>`: opens a confirmation page, single use. */
  notMeUrl: string;
  notMeExpiresAt: Date;
}

export const newDeviceTemplate: EmailTemplateDefinition<NewDeviceEmailData> = {
  subject: (data, t) => t("newDevice.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t("newDevice.intro", { workspace: singleLine(data.workspaceName) })}</Paragraph>
        <RequestDetails context={context} heading={t("newDevice.details")} request={{ at: data.signedInAt, ip: data.ip, device: data.device }} />
        <Paragraph>{t("newDevice.wasYou")}</Paragraph>
        <Paragraph>{t("newDevice.notYou")}</Paragraph>
        <CallToAction context={context} href={httpUrl(data.notMeUrl)} label={t("newDevice.button")} textLabel={t("newDevice.linkLabel")} />
        <Paragraph muted>{t("newDevice.expires", { date: formatDateTime(data.notMeExpiresAt, locale) })}</Paragraph>
      </>
    );
  },
};
