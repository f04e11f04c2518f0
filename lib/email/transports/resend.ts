import "server-only";
import { randomUUID } from "node:crypto";
import { Resend } from "resend";
import { z } from "zod";
import { parseRetryAfter, withRetries } from "@/lib/http/retry";
import { EmailDeliveryError } from "../errors";
import { recordEmailMessage } from "../record-email-message";
import type { EmailTransport, OutgoingEmail } from "./types";

export const DEFAULT_EMAIL_FROM = "Relay CRM <no-reply@relay-crm.local>";

export interface ResendTransportOptions {
  /** Defaults to RESEND_API_KEY, read when sending. */
  apiKey?: string;
  /** Defaults to EMAIL_FROM, read when sending, then DEFAULT_EMAIL_FROM. */
  from?: string;
  /** Attempts per email, the first one included. */
  maxAttempts?: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs?: number;
  /**
   * Longest wait before a retry. A Retry-After longer than this ends the retries instead: a caller
   * (often a user's request) should not hang, and retrying sooner than asked only earns another 429.
   */
  maxDelayMs?: number;
  /** Per-attempt limit on the HTTP request; a timed-out attempt is retried like a network error. */
  requestTimeoutMs?: number;
}

const DEFAULTS = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  requestTimeoutMs: 10_000,
} as const;

// 429s that waiting a few seconds cannot fix.
const QUOTA_ERROR_NAMES = new Set(["daily_quota_exceeded", "monthly_quota_exceeded"]);

// Used only when an error body carries no status code (Resend's own bodies always do).
// "concurrent_idempotent_requests" (a 409) means an earlier attempt with our idempotency key is
// still in flight, so asking again later is right.
const RETRYABLE_ERROR_NAMES = new Set([
  "application_error",
  "internal_server_error",
  "rate_limit_exceeded",
  "concurrent_idempotent_requests",
]);

// The SDK hands back the API's JSON error body as is, typed but not checked: `statusCode` is
// whatever the body says (absent if the body lacks it), so parse it rather than trust the type.
const providerErrorSchema = z.object({
  statusCode: z.number().int().nullish(),
  name: z.string().nullish(),
  message: z.string().nullish(),
});

const sentEmailSchema = z.object({ id: z.string().min(1) });

interface AttemptFailure {
  statusCode: number | null;
  providerErrorName: string | null;
  providerMessage: string | null;
  retryAfterMs: number | null;
}

type AttemptOutcome = { ok: true; value: string } | { ok: false; failure: AttemptFailure };

export function createResendTransport(options: ResendTransportOptions = {}): EmailTransport {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;

  return {
    name: "resend",
    async send(email) {
      const apiKey = options.apiKey ?? process.env.RESEND_API_KEY;
      if (!apiKey) throw new Error("The Resend transport needs RESEND_API_KEY");
      const from = options.from ?? (process.env.EMAIL_FROM || DEFAULT_EMAIL_FROM);
      // Built per email because the SDK reads RESEND_BASE_URL in its constructor.
      const resend = new Resend(apiKey);
      // One key for every attempt: if an attempt reached Resend but its answer was lost, the
      // retry gets the original result back instead of sending the email twice.
      const idempotencyKey = `relay-email-${randomUUID()}`;

      const outcome = await withRetries(
        { maxAttempts, baseDelayMs, maxDelayMs },
        () => attemptSend(resend, email, from, idempotencyKey, requestTimeoutMs),
        isRetryable,
      );
      if (outcome.ok) {
        const id = await recordEmailMessage(email, { transport: "resend", status: "sent", providerId: outcome.value });
        return { id, status: "sent" };
      }
      const { failure, attempts } = outcome;
      const summary = describeFailure(failure, attempts);
      const id = await recordEmailMessage(email, {
        transport: "resend",
        status: "failed",
        error: failure.providerMessage ? `${summary}: ${failure.providerMessage.slice(0, 500)}` : summary,
      });
      throw new EmailDeliveryError(summary, {
        emailMessageId: id,
        statusCode: failure.statusCode,
        providerErrorName: failure.providerErrorName,
        attempts,
      });
    },
  };
}

async function attemptSend(
  resend: Resend,
  email: OutgoingEmail,
  from: string,
  idempotencyKey: string,
  requestTimeoutMs: number,
): Promise<AttemptOutcome> {
  let response: Awaited<ReturnType<Resend["emails"]["send"]>>;
  try {
    response = await resend.emails.send(
      { from, to: email.to, subject: email.subject, html: email.html, text: email.text },
      { idempotencyKey, signal: AbortSignal.timeout(requestTimeoutMs) },
    );
  } catch {
    // The SDK turns most failures into an `error` result, but rethrows an abort that lands while
    // it reads an error body; either way no answer arrived.
    return { ok: false, failure: noAnswer() };
  }

  if (response.error === null) {
    const sent = sentEmailSchema.safeParse(response.data);
    if (sent.success) return { ok: true, value: sent.data.id };
    // A non-2xx answer whose body is JSON `null` also lands here; treat it as no usable answer.
    return { ok: false, failure: noAnswer() };
  }

  // The SDK reports "no response at all" (refused connection, DNS failure, timeout) as an
  // application_error without headers; any answer from a server comes with its headers.
  if (response.headers === null) return { ok: false, failure: noAnswer() };

  const parsed = providerErrorSchema.safeParse(response.error);
  const providerError = parsed.success ? parsed.data : {};
  return {
    ok: false,
    failure: {
      statusCode: providerError.statusCode ?? null,
      providerErrorName: providerError.name ?? null,
      providerMessage: providerError.message ?? null,
      retryAfterMs: parseRetryAfter(response.headers?.["retry-after"]),
    },
  };
}

function noAnswer(): AttemptFailure {
  return { statusCode: null, providerErrorName: null, providerMessage: null, retryAfterMs: null };
}

function isRetryable(failure: AttemptFailure): boolean {
  if (failure.providerErrorName !== null && QUOTA_ERROR_NAMES.has(failure.providerErrorName)) {
    return false;
  }
  if (failure.statusCode !== null) return failure.statusCode === 429 || failure.statusCode >= 500;
  return failure.providerErrorName === null || RETRYABLE_ERROR_NAMES.has(failure.providerErrorName);
}

export { parseRetryAfter };

// Names the status and error code only: the provider's message can quote the recipient or request,
// so it goes to the EmailMessage row, not into an error that ends up in logs.
function describeFailure(failure: AttemptFailure, attempts: number): string {
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  if (failure.statusCode === null && failure.providerErrorName === null) {
    return `Resend could not be reached (network error, timeout or unreadable response) after ${tries}`;
  }
  const status = failure.statusCode === null ? "no status" : `HTTP ${failure.statusCode}`;
  const name = failure.providerErrorName ?? "unknown_error";
  return `Resend did not accept the email (${status}, ${name}) after ${tries}`;
}
