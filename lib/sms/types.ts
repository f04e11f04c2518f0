/** One text message for a transport: E.164 recipient and the body. */
export interface OutgoingSms {
  to: string;
  body: string;
}

/** Delivers an SMS. Throws SmsDeliveryError when the provider refuses it or stays unreachable. */
export interface SmsTransport {
  readonly name: "outbox" | "twilio";
  send(sms: OutgoingSms): Promise<{ providerId: string | null }>;
}

/** What sendSms recorded: the SmsMessage row and how it left. */
export interface SentSms {
  id: string;
  status: "sent" | "outbox";
}
