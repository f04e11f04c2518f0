import { singleLine } from "./format";
import { EmailHeading, Paragraph, RequestDetails } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface EmailCodeEmailData {
  workspaceName: string;
  /** Six digits. */
  code: string;
  /** "sign-in" (the second step), "reverify" (before a sensitive change), "enable" (turning codes by email on). */
  purpose: "sign-in" | "reverify" | "enable";
  minutes: number;
  requestedAt: Date;
  ip: string | null;
  device: string | null;
}

const INTRO_KEY = {
  "sign-in": "emailCode.intro.signIn",
  reverify: "emailCode.intro.reverify",
  enable: "emailCode.intro.enable",
} as const;

export const emailCodeTemplate: EmailTemplateDefinition<EmailCodeEmailData> = {
  subject: (data, t) => t("emailCode.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t } = context;
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t(INTRO_KEY[data.purpose], { workspace: singleLine(data.workspaceName) })}</Paragraph>
        {/* A paragraph of its own: in the text part the code stands alone on its line. */}
        <Paragraph>
          <strong style={{ fontSize: "28px", letterSpacing: "6px", fontFamily: "monospace" }} data-email-code="">
            {data.code.replace(/\D/g, "")}
          </strong>
        </Paragraph>
        <Paragraph>{t("emailCode.expires", { minutes: data.minutes })}</Paragraph>
        <RequestDetails context={context} heading={t("emailCode.details")} request={{ at: data.requestedAt, ip: data.ip, device: data.device }} />
        <Paragraph muted>{t("emailCode.notYou")}</Paragraph>
      </>
    );
  },
};
