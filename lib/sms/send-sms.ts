import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { SmsDeliveryError } from "./errors";
import { selectSmsTransport } from "./transports/select-transport";
import type { SentSms, SmsTransport } from "./types";

export { SmsDeliveryError } from "./errors";
export type { SentSms, SmsTransport } from "./types";

export interface SendSmsInput {
  /** E.164 number. */
  to: string;
  body: string;
  /** The workspace the message is about. */
  tenantId?: string | null;
}

/**
 * Delivers a text message and records it in SmsMessage whatever the outcome. Throws
 * SmsDeliveryError (with the failed row's id) when the provider refuses it or stays unreachable.
 */
export async function sendSms(input: SendSmsInput, options: { transport?: SmsTransport } = {}): Promise<SentSms> {
  if (!/^\+[1-9]\d{6,14}$/.test(input.to)) throw new Error("sendSms needs an E.164 number");
  const transport = options.transport ?? selectSmsTransport();
  const record = (outcome: { status: string; providerId?: string | null; error?: string | null }) =>
    systemDb().smsMessage.create({
      data: {
        tenantId: input.tenantId ?? null,
        to: input.to,
        body: input.body,
        transport: transport.name,
        status: outcome.status,
        providerId: outcome.providerId ?? null,
        error: outcome.error ?? null,
      },
      select: { id: true },
    });
  try {
    const { providerId } = await transport.send({ to: input.to, body: input.body });
    const status = transport.name === "outbox" ? "outbox" : "sent";
    const row = await record({ status, providerId });
    return { id: row.id, status };
  } catch (error) {
    if (!(error instanceof SmsDeliveryError)) throw error;
    const detail = error.details.providerMessage ? `${error.message}: ${error.details.providerMessage.slice(0, 500)}` : error.message;
    const row = await record({ status: "failed", error: detail });
    error.details.smsMessageId = row.id;
    throw error;
  }
}
