import { formatDateTime, httpUrl, singleLine } from "./format";
import { CallToAction, DetailsList, EmailHeading, Paragraph, emailStyles, requestRows } from "./layout";
import type { EmailTemplateDefinition } from "./types";

/** Sign-in methods and second factors "this wasn't me" removed (lib/auth/not-me.ts). */
export interface RemovedSignInMethods {
  /** The names of the passkeys removed. */
  passkeys: string[];
  authenticatorApp: boolean;
  /** The removed phone, masked. */
  phone: string | null;
  recoveryCodes: boolean;
  /** Codes by email as a second factor. */
  emailCodes: boolean;
}

export function removedCount(removed: RemovedSignInMethods | undefined): number {
  if (!removed) return 0;
  return removed.passkeys.length + Number(removed.authenticatorApp) + Number(removed.phone !== null) + Number(removed.recoveryCodes) + Number(removed.emailCodes);
}

export interface PasswordResetEmailData {
  workspaceName: string;
  /** `${appUrl()}/<slug>/reset-password/<token>`: single use. */
  resetUrl: string;
  expiresAt: Date;
  /**
   * "requested": the forgot-password form; "not-me": the member said a new sign-in wasn't them;
   * "admin": an admin signed them out everywhere and asked for a new password; "reset-required":
   * they asked for a sign-in link while their account still needs a new password.
   */
  reason: "requested" | "not-me" | "admin" | "reset-required";
  /** What "this wasn't me" took away because it was added after that sign-in. */
  removed?: RemovedSignInMethods;
  /** Where the request came from, so the owner can tell whether it was them. */
  ip: string | null;
  device: string | null;
}

const INTRO_KEY = {
  requested: "passwordReset.intro.requested",
  "not-me": "passwordReset.intro.notMe",
  admin: "passwordReset.intro.admin",
  "reset-required": "passwordReset.intro.resetRequired",
} as const;

export const passwordResetTemplate: EmailTemplateDefinition<PasswordResetEmailData> = {
  subject: (data, t) => t("passwordReset.subject", { workspace: singleLine(data.workspaceName) }),
  body(data, context) {
    const { t, locale } = context;
    const removed = data.removed
      ? [
          ...data.removed.passkeys.map((name) => t("passwordReset.removedPasskey", { name: singleLine(name).slice(0, 80) })),
          ...(data.removed.authenticatorApp ? [t("passwordReset.removedAuthenticatorApp")] : []),
          ...(data.removed.phone ? [t("passwordReset.removedPhone", { phone: singleLine(data.removed.phone) })] : []),
          ...(data.removed.recoveryCodes ? [t("passwordReset.removedRecoveryCodes")] : []),
          ...(data.removed.emailCodes ? [t("passwordReset.removedEmailCodes")] : []),
        ]
      : [];
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        <Paragraph>{t(INTRO_KEY[data.reason], { workspace: singleLine(data.workspaceName) })}</Paragraph>
        {removed.length > 0 ? (
          <>
            <Paragraph>{t("passwordReset.removedLead")}</Paragraph>
            <ul style={{ ...emailStyles.list, fontSize: "14px" }}>
              {removed.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
            <Paragraph>{t("passwordReset.removedAfter")}</Paragraph>
          </>
        ) : null}
        <CallToAction context={context} href={httpUrl(data.resetUrl)} label={t("passwordReset.button")} textLabel={t("passwordReset.linkLabel")} />
        <Paragraph>{t("passwordReset.expires", { date: formatDateTime(data.expiresAt, locale) })}</Paragraph>
        <Paragraph muted>{t("passwordReset.origin")}</Paragraph>
        <DetailsList muted rows={requestRows(t, locale, { ip: data.ip, device: data.device })} />
        <Paragraph muted>{data.reason === "requested" ? t("passwordReset.ignoreRequested") : t("passwordReset.ignoreOther")}</Paragraph>
      </>
    );
  },
};
