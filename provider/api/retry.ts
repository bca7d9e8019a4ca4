/**
 * Retry policy as data (after octokit's `doNotRetry` list), and the pure functions that apply it.
 */
import { MailerSendApiError } from "./errors";

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** First backoff step; doubles each attempt. */
  baseDelayMs: number;
  /** No single wait is longer than this, except an explicit Retry-After. */
  maxDelayMs: number;
  /** Give up when the next wait would end later than this after the first attempt started. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  budgetMs: 5 * 60_000,
};

/**
 * Statuses that mean "the request was wrong or not allowed": repeating it cannot help and would
 * spend the daily quota, which counts failed requests too (docs/mailersend-api.md §2.3).
 */
export const DO_NOT_RETRY_STATUSES: readonly number[] = [400, 401, 403, 404, 405, 409, 410, 422];

/** 5xx, 408 (request timeout) and 421 ("try again later", maintenance; docs/mailersend-api.md §2.1). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 421;
}

/**
 * How long to wait before attempt `attempt + 1`. An explicit Retry-After wins (plus a little jitter
 * so parallel requests do not return in lockstep); otherwise capped exponential backoff with "equal
 * jitter": half the step is fixed, half random, so waits grow but never collapse to zero.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) {
    return Math.round(retryAfterSeconds * 1000 + random() * 250);
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Decides whether a failed attempt is repeated. `idempotent: false` marks a create: after an answer
 * that may hide a performed write (timeout, dropped connection, 5xx) it is not repeated blindly;
 * the caller looks the object up first (see `client.ts`).
 */
/**
 * A server that refuses connections is usually down or the URL is wrong: two quick retries (about
 * 1.5 s in all with the default 1 s step) cover a restart without making a wrong
 * `mailersend:apiUrl` wait out the whole backoff.
 */
export const UNREACHABLE_MAX_ATTEMPTS = 3;
export const UNREACHABLE_MAX_DELAY_MS = 1_000;

export function decideRetry(
  policy: RetryPolicy,
  error: MailerSendApiError,
  attempt: number,
  elapsedMs: number,
  idempotent: boolean,
  random: () => number = Math.random,
): RetryDecision {
  if (!error.retryable) return { retry: false };
  if (!idempotent && error.outcomeUnknown) return { retry: false };
  if (attempt >= policy.maxAttempts) return { retry: false };
  const unreachable = error.kind === "unreachable";
  if (unreachable && attempt >= UNREACHABLE_MAX_ATTEMPTS) return { retry: false };
  const backoff = retryDelayMs(policy, attempt, error.retryAfterSeconds, random);
  const delayMs = unreachable ? Math.min(backoff, UNREACHABLE_MAX_DELAY_MS) : backoff;
  if (elapsedMs + delayMs > policy.budgetMs) return { retry: false };
  return { retry: true, delayMs };
}
