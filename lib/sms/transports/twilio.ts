import "server-only";
import { z } from "zod";
import { parseRetryAfter, withRetries } from "@/lib/http/retry";
import { SmsDeliveryError } from "../errors";
import type { OutgoingSms, SmsTransport } from "../types";

// A Twilio-compatible REST provider (Twilio itself, or any gateway that speaks its Messages API):
//   POST {base}/2010-04-01/Accounts/{sid}/Messages.json, form body To / From / Body,
//   HTTP basic auth sid:token; 201 with {"sid": "SM…"} when accepted.
// 429 and 5xx (and no answer at all) are retried with exponential backoff; any other 4xx is the
// provider refusing this message (bad number, unverified sender…) and is final.

export const DEFAULT_SMS_API_BASE_URL = "https://api.twilio.com";

export interface TwilioTransportOptions {
  baseUrl?: string;
  accountSid?: string;
  authToken?: string;
  from?: string;
  /** Attempts per message, the first one included. */
  maxAttempts?: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs?: number;
  /** Longest wait before a retry; a longer Retry-After ends the retries (a user is waiting). */
  maxDelayMs?: number;
  requestTimeoutMs?: number;
}

const DEFAULTS = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000, requestTimeoutMs: 10_000 } as const;

const acceptedSchema = z.object({ sid: z.string().min(1) });
const errorSchema = z.object({ code: z.union([z.number(), z.string()]).nullish(), message: z.string().nullish() });

interface AttemptFailure {
  statusCode: number | null;
  providerErrorCode: string | null;
  providerMessage: string | null;
  retryAfterMs: number | null;
}

type AttemptOutcome = { ok: true; value: string } | { ok: false; failure: AttemptFailure };

export function createTwilioTransport(options: TwilioTransportOptions = {}): SmsTransport {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;

  return {
    name: "twilio",
    async send(sms) {
      const baseUrl = (options.baseUrl ?? (process.env.SMS_API_BASE_URL || DEFAULT_SMS_API_BASE_URL)).replace(/\/+$/, "");
      const accountSid = options.accountSid ?? process.env.SMS_ACCOUNT_SID ?? "";
      const authToken = options.authToken ?? process.env.SMS_AUTH_TOKEN ?? "";
      const from = options.from ?? process.env.SMS_FROM ?? "";
      if (!accountSid || !authToken || !from) {
        throw new Error("SMS_PROVIDER=twilio needs SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM");
      }
      const url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
      const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

      const outcome = await withRetries({ maxAttempts, baseDelayMs, maxDelayMs }, () => attemptSend(url, authorization, from, sms, requestTimeoutMs), isRetryable);
      if (outcome.ok) return { providerId: outcome.value };
      const { failure, attempts } = outcome;
      throw new SmsDeliveryError(describeFailure(failure, attempts), {
        statusCode: failure.statusCode,
        providerErrorCode: failure.providerErrorCode,
        providerMessage: failure.providerMessage,
        attempts,
      });
    },
  };
}

async function attemptSend(url: string, authorization: string, from: string, sms: OutgoingSms, timeoutMs: number): Promise<AttemptOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ To: sms.to, From: from, Body: sms.body }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch {
    return { ok: false, failure: { statusCode: null, providerErrorCode: null, providerMessage: null, retryAfterMs: null } };
  }
  const json = parseJson(text);
  if (response.ok) {
    const accepted = acceptedSchema.safeParse(json);
    if (accepted.success) return { ok: true, value: accepted.data.sid };
    return {
      ok: false,
      failure: { statusCode: response.status, providerErrorCode: null, providerMessage: "accepted without a message sid", retryAfterMs: null },
    };
  }
  const parsed = errorSchema.safeParse(json);
  return {
    ok: false,
    failure: {
      statusCode: response.status,
      providerErrorCode: parsed.success && parsed.data.code != null ? String(parsed.data.code) : null,
      providerMessage: parsed.success ? (parsed.data.message ?? null) : null,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isRetryable(failure: AttemptFailure): boolean {
  if (failure.statusCode === null) return true;
  return failure.statusCode === 429 || failure.statusCode >= 500;
}

export { parseRetryAfter };

function describeFailure(failure: AttemptFailure, attempts: number): string {
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  if (failure.statusCode === null) return `The SMS provider could not be reached (network error or timeout) after ${tries}`;
  const code = failure.providerErrorCode ? `, code ${failure.providerErrorCode}` : "";
  return `The SMS provider did not accept the message (HTTP ${failure.statusCode}${code}) after ${tries}`;
}
