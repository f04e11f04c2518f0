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
import type { EmailLocale, EmailTemplateDefinition, RenderedEmail } from "./types";

export type { EmailLocale, RenderedEmail } from "./types";
export { EMAIL_LOCALES } from "./types";
export type { InvitationEmailData } from "./invitation";
export type { FindWorkspacesEmailData } from "./find-workspaces";

// Adding a template: write templates/<name>.ts exporting an EmailTemplateDefinition and add one
// line here. The EmailTemplate union that sendEmail accepts is derived from this object.
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

export function renderEmailTemplate<Name extends EmailTemplateName>(
  template: EmailTemplate<Name>,
  locale: EmailLocale,
): RenderedEmail {
  return templatesByName[template.name].render(template.data, locale);
}
