import { accountLockedTemplate } from "./account-locked";
import { findWorkspacesTemplate } from "./find-workspaces";
import { invitationTemplate } from "./invitation";
import { passwordResetTemplate } from "./password-reset";
import { passwordChangedTemplate } from "./password-changed";
import { newDeviceTemplate } from "./new-device";
import { signInLinkTemplate } from "./sign-in-link";
import { taskDueTemplate } from "./task-due";
import { dailyDigestTemplate } from "./daily-digest";
import { mfaResetTemplate } from "./mfa-reset";
import { emailCodeTemplate } from "./email-code";
import { renderTemplate } from "./render";
import type { EmailLocale, EmailTemplateDefinition, RenderedEmail } from "./types";

export type { EmailLocale, RenderedEmail } from "./types";
export { EMAIL_LOCALES } from "./types";
export type { InvitationEmailData } from "./invitation";
export type { FindWorkspacesEmailData } from "./find-workspaces";

// Adding a template: write templates/<name>.tsx exporting an EmailTemplateDefinition, put its copy
// under "emails" in messages/<locale>/emails.json, add one line here, and give it sample data in
// app/dev/mailbox/preview/samples.ts (a type error until it has some). The EmailTemplate union
// that sendEmail accepts is derived from this object.
const templates = {
  invitation: invitationTemplate,
  "find-workspaces": findWorkspacesTemplate,
  "account-locked": accountLockedTemplate,
  "password-reset": passwordResetTemplate,
  "password-changed": passwordChangedTemplate,
  "new-device": newDeviceTemplate,
  "sign-in-link": signInLinkTemplate,
  "task-due": taskDueTemplate,
  "daily-digest": dailyDigestTemplate,
  "mfa-reset": mfaResetTemplate,
  "email-code": emailCodeTemplate,
};

export type EmailTemplateName = keyof typeof templates;

/** Every template's name, in the order above (the mailbox's previews list them so). */
export const EMAIL_TEMPLATE_NAMES = Object.keys(templates) as EmailTemplateName[];

type EmailTemplateDataByName = {
  [Name in EmailTemplateName]: (typeof templates)[Name] extends EmailTemplateDefinition<infer Data>
    ? Data
    : never;
};

/** A template name together with the data that template needs, e.g. `{ name: "invitation", data }`. */
export type EmailTemplate<Name extends EmailTemplateName = EmailTemplateName> = {
  [N in Name]: { name: N; data: EmailTemplateDataByName[N] };
}[Name];

// The same object, typed as a mapping from each name to a definition over that name's data, so
// that renderEmailTemplate can index it with a generic name and still type-check the data
// (TypeScript's pattern for correlated unions, microsoft/TypeScript#47109).
const templatesByName: { [N in EmailTemplateName]: EmailTemplateDefinition<EmailTemplateDataByName[N]> } =
  templates;

/** The subject and both parts of an email in `locale`. Rendering is asynchronous (React's stream). */
export function renderEmailTemplate<Name extends EmailTemplateName>(
  template: EmailTemplate<Name>,
  locale: EmailLocale,
): Promise<RenderedEmail> {
  return renderTemplate(templatesByName[template.name], template.data, locale);
}
