import { Link } from "@react-email/components";
import { httpUrl, singleLine } from "./format";
import { EmailHeading, Paragraph, emailStyles } from "./layout";
import type { EmailTemplateDefinition } from "./types";

export interface FindWorkspacesEmailData {
  /** May be empty: the email is sent either way, so the form never reveals who has an account. */
  workspaces: readonly { name: string; loginUrl: string }[];
}

export const findWorkspacesTemplate: EmailTemplateDefinition<FindWorkspacesEmailData> = {
  subject: (_data, t) => t("findWorkspaces.subject"),
  body(data, context) {
    const { t } = context;
    const workspaces = data.workspaces.map((workspace) => ({
      name: singleLine(workspace.name),
      loginUrl: httpUrl(workspace.loginUrl),
    }));
    return (
      <>
        <EmailHeading>{context.subject}</EmailHeading>
        {workspaces.length === 0 ? (
          <Paragraph>{t("findWorkspaces.none")}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("findWorkspaces.intro")}</Paragraph>
            <ul style={emailStyles.list}>
              {workspaces.map((workspace) => (
                <li key={workspace.loginUrl} style={{ margin: "0 0 8px" }}>
                  <Link href={workspace.loginUrl} style={emailStyles.link}>
                    {workspace.name}
                  </Link>
                  : <span style={{ color: "#52525b", fontSize: "14px", wordBreak: "break-all" }}>{workspace.loginUrl}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <Paragraph muted>{t("findWorkspaces.notRequested")}</Paragraph>
      </>
    );
  },
};
