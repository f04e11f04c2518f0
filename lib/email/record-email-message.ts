import "server-only";
import { systemDb } from "@/lib/db/prisma";
import type { OutgoingEmail } from "./transports/types";

export type EmailMessageStatus = "stored" | "sent" | "failed";

/** Writes the EmailMessage row that every transport leaves behind, and returns its id. */
export async function recordEmailMessage(
  email: OutgoingEmail,
  outcome: {
    transport: "outbox" | "resend";
    status: EmailMessageStatus;
    providerId?: string | null;
    error?: string | null;
  },
): Promise<string> {
  const row = await systemDb().emailMessage.create({
    data: {
      tenantId: email.tenantId,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      template: email.template,
      transport: outcome.transport,
      status: outcome.status,
      providerId: outcome.providerId ?? null,
      error: outcome.error ?? null,
    },
    select: { id: true },
  });
  return row.id;
}
