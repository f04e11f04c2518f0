import { httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph, RequestDetails } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface PasswordChangedEmailData {
  workspaceName: string;
  changedAt: Date;
  ip: string | null;
  device: string | null;
  /** `${appUrl()}/<slug>/forgot-password`, to take the account back if it wasn't them. */
  forgotPasswordUrl: string;
}

export const passwordChangedTemplate: EmailTemplateDefinition<PasswordChangedEmailData> = {
  subject: (data, t) => t("passwordChanged.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t } = context;
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t("passwordChanged.intro", { workspace: singleLine(data.workspaceName) })}</Paragraph>
        <RequestDetails context={context} heading={t("passwordChanged.details")} request={{ at: data.changedAt, ip: data.ip, device: data.device }} />
        <Paragraph>{t("passwordChanged.wasYou")}</Paragraph>
        <Paragraph>{t("passwordChanged.notYou")}</Paragraph>
        <CallToAction context={context} href={httpUrl(data.forgotPasswordUrl)} label={t("passwordChanged.button")} textLabel={t("passwordChanged.linkLabel")} />
      </>
    );
  },
};
