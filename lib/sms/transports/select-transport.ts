import "server-only";
import { smsOutboxTransport } from "./outbox";
import { createTwilioTransport } from "./twilio";
import type { SmsTransport } from "../types";

/** The Twilio-compatible provider when SMS_PROVIDER=twilio, otherwise the outbox (DESIGN.md, "SMS"). */
export function selectSmsTransport(env: Readonly<Record<string, string | undefined>> = process.env): SmsTransport {
  return env.SMS_PROVIDER?.trim().toLowerCase() === "twilio" ? createTwilioTransport() : smsOutboxTransport;
}
