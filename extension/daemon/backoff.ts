// Reconnect delays: exponential with jitter, capped, so a restarting daemon is found quickly and a dead one is not
// hammered.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: fraction of the delay randomised, so several windows do not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, jitter: 0.2 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt));
  const spread = base * options.jitter;
  return Math.round(Math.min(options.maxMs, base - spread + random() * 2 * spread));
}
