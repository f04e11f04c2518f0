import "server-only";
import { recordEmailMessage } from "../record-email-message";
import type { EmailTransport } from "./types";

/**
 * Delivers nowhere: the EmailMessage row is the delivery. Used whenever no provider is configured
 * (development, tests, demos); the dev mailbox page and end-to-end tests read these rows.
 */
export const outboxTransport: EmailTransport = {
  name: "outbox",
  async send(email) {
    const id = await recordEmailMessage(email, { transport: "outbox", status: "stored" });
    return { id, status: "stored" };
  },
};
