import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, EmailHeading, Paragraph, RequestDetails } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface SignInLinkEmailData {
  workspaceName: string;
  /** `${appUrl()}/<slug>/login/link/<token>`: single use, opens a page with a "Sign in" button. */
  signInUrl: string;
  expiresAt: Date;
  /** The request that asked for the link, so the owner can tell whether it was them. */
  requestedAt: Date;
  ip: string | null;
  device: string | null;
}

export const signInLinkTemplate: EmailTemplateDefinition<SignInLinkEmailData> = {
  subject: (data, t) => t("signInLink.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    const workspace = singleLine(data.workspaceName);
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t("signInLink.intro", { workspace })}</Paragraph>
        <CallToAction context={context} href={httpUrl(data.signInUrl)} label={t("signInLink.button", { workspace })} textLabel={t("signInLink.linkLabel")} />
        <Paragraph>{t("signInLink.expires", { date: formatDateTime(data.expiresAt, locale) })}</Paragraph>
        <RequestDetails context={context} heading={t("signInLink.details")} request={{ at: data.requestedAt, ip: data.ip, device: data.device }} />
        <Paragraph muted>{t("signInLink.ignore")}</Paragraph>
      </>
    );
  },
};
