import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface MfaResetEmailData {
  workspaceName: string;
  adminName: string;
  resetAt: Date;
  /** `${appUrl()}/<slug>/login`: the member signs in with their password and sets up a second factor again. */
  signInUrl: string;
}

export const mfaResetTemplate: EmailTemplateDefinition<MfaResetEmailData> = {
  subject: (data, t) => t("mfaReset.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    const intro = t("mfaReset.intro", {
      workspace: singleLine(data.workspaceName),
      admin: singleLine(data.adminName),
      date: formatDateTime(data.resetAt, locale),
    });
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{intro}</Paragraph>
        <Paragraph>{t("mfaReset.next")}</Paragraph>
        <CallToAction context={context} href={httpUrl(data.signInUrl)} label={t("mfaReset.button")} textLabel={t("mfaReset.linkLabel")} />
        <Paragraph muted>{t("mfaReset.notExpected")}</Paragraph>
      </>
    );
  },
};
