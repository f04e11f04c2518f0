import "server-only";
import { outboxTransport } from "./outbox";
import { createResendTransport } from "./resend";
import type { EmailTransport } from "./types";

/** Resend when RESEND_API_KEY is set, otherwise the outbox (DESIGN.md, "email"). */
export function selectEmailTransport(
  env: Readonly<Record<string, string | undefined>> = process.env,
): EmailTransport {
  const apiKey = env.RESEND_API_KEY?.trim();
  return apiKey ? createResendTransport({ apiKey }) : outboxTransport;
}
