import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface InvitationEmailData {
  workspaceName: string;
  inviterName: string;
  /** The role's label, already translated into the email's locale. */
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}

export const invitationTemplate: EmailTemplateDefinition<InvitationEmailData> = {
  subject: (data, t) =>
    t("invitation.subject", { inviter: singleLine(data.inviterName), workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    const workspace = singleLine(data.workspaceName);
    return (
      <>
        <EmailHeading>{t("invitation.heading", { workspace })}</EmailHeading>
        <Paragraph>{t("invitation.intro", { inviter: singleLine(data.inviterName), workspace, role: singleLine(data.role) })}</Paragraph>
        <CallToAction context={context} href={httpUrl(data.acceptUrl)} label={t("invitation.button")} textLabel={t("invitation.linkLabel")} />
        <Paragraph>{t("invitation.expires", { date: formatDateTime(data.expiresAt, locale) })}</Paragraph>
        <Paragraph muted>{t("invitation.notExpected")}</Paragraph>
      </>
    );
  },
};
