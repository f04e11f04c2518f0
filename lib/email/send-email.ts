import "server-only";
import { normalizeEmailAddress } from "./email-address";
import { renderEmailTemplate, type EmailLocale, type EmailTemplate } from "./templates";
import { selectEmailTransport } from "./transports/select-transport";
import type { EmailTransport, SentEmail } from "./transports/types";

export { EmailDeliveryError } from "./errors";
export type { EmailLocale, EmailTemplate, EmailTemplateName } from "./templates";
export type { EmailTransport, SentEmail } from "./transports/types";

export interface SendEmailInput {
  to: string;
  locale: EmailLocale;
  /** The workspace the email is about; null for emails that belong to none (find my workspaces). */
  tenantId?: string | null;
  template: EmailTemplate;
}

export interface SendEmailOptions {
  /** Overrides the transport chosen from the environment (RESEND_API_KEY set → Resend, else outbox). */
  transport?: EmailTransport;
}

/**
 * Renders the template in the recipient's locale, delivers it and records it in EmailMessage.
 * Throws EmailDeliveryError when Resend refuses the email or stays unreachable after retries;
 * the failure is recorded first.
 */
export async function sendEmail(input: SendEmailInput, options: SendEmailOptions = {}): Promise<SentEmail> {
  const rendered = await renderEmailTemplate(input.template, input.locale);
  const transport = options.transport ?? selectEmailTransport();
  return transport.send({
    ...rendered,
    to: normalizeEmailAddress(input.to),
    tenantId: input.tenantId ?? null,
    template: input.template.name,
  });
}
