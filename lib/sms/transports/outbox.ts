import type { SmsTransport } from "../types";

/**
 * Delivers nowhere: the SmsMessage row that sendSms writes is the delivery. Used whenever no
 * provider is configured (development, tests, demos); /dev/mailbox and end-to-end tests read it.
 */
export const smsOutboxTransport: SmsTransport = {
  name: "outbox",
  async send() {
    return { providerId: null };
  },
};
