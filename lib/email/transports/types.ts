import type { EmailTemplateName, RenderedEmail } from "../templates";

/** A rendered email ready for a transport. */
export interface OutgoingEmail extends RenderedEmail {
  to: string;
  tenantId: string | null;
  template: EmailTemplateName;
}

export interface SentEmail {
  /** Id of the EmailMessage row that records this email. */
  id: string;
  status: "sent" | "stored";
}

/** Delivers an email and records it in EmailMessage, whatever the outcome. */
export interface EmailTransport {
  readonly name: "outbox" | "resend";
  send(email: OutgoingEmail): Promise<SentEmail>;
}
