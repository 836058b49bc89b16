// When to try the same candidate again, and how long to wait first.
import type { ProviderFailure } from '../providers/types';

export interface RetryPolicy {
  /** Further tries of one candidate after its first. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the candidate is left for the next one. */
  maxRetryAfterMs: number;
  /** Spreads retries of many clients apart; given the exponential delay, returns the one to wait. */
  jitter?: (delayMs: number) => number;
}

/** "Equal jitter": between half the delay and the whole of it, so a retry never comes instantly. */
export function equalJitter(delayMs: number): number {
  return delayMs / 2 + Math.random() * (delayMs / 2);
}

/**
 * Worth another try on the same provider: rate limits, server errors, and a connection that dropped before any
 * byte of answer (a later drop is not retried: the answer would start over under the user's eyes).
 */
export function isRetryable(failure: ProviderFailure, receivedText: boolean): boolean {
  if (failure === 'rate-limited' || failure === 'server') return true;
  return failure === 'reset' && !receivedText;
}

/** Milliseconds to wait before retry number `retry` (0-based); null when the provider asks for longer than we wait. */
export function retryDelayMs(policy: RetryPolicy, retry: number, retryAfterMs?: number): number | null {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round((policy.jitter ?? equalJitter)(exponential));
}
