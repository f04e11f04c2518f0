import { setTimeout as sleep } from "node:timers/promises";

// The retry rule shared by the outgoing providers (Resend for email, a Twilio-compatible API for
// SMS): try again after a failure the provider says is temporary, with exponential backoff and
// jitter, never sooner than its Retry-After, and give up rather than wait longer than maxDelayMs,
// because the caller is often a user's request.

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** Longest wait before a retry; a longer Retry-After ends the retries instead. */
  maxDelayMs: number;
}

export type AttemptResult<T, F> = { ok: true; value: T } | { ok: false; failure: F };

export type RetryOutcome<T, F> = { ok: true; value: T } | { ok: false; failure: F; attempts: number };

export async function withRetries<T, F extends { retryAfterMs: number | null }>(
  policy: RetryPolicy,
  attempt: () => Promise<AttemptResult<T, F>>,
  isRetryable: (failure: F) => boolean,
): Promise<RetryOutcome<T, F>> {
  for (let count = 1; ; count++) {
    const outcome = await attempt();
    if (outcome.ok) return outcome;
    const { failure } = outcome;
    const waitTooLong = failure.retryAfterMs !== null && failure.retryAfterMs > policy.maxDelayMs;
    if (!isRetryable(failure) || waitTooLong || count >= policy.maxAttempts) return { ok: false, failure, attempts: count };
    await sleep(retryDelayMs(count, failure.retryAfterMs, policy));
  }
}

/** Exponential backoff with jitter (so several app servers don't retry in step), capped, but never sooner than Retry-After asks. */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">): number {
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  const jittered = backoff / 2 + Math.random() * (backoff / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110, section 10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
