// A circuit breaker per provider: after N consecutive failures the provider is skipped for a cool-down, then one
// request probes it (half-open); its result closes the circuit or opens it again.
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  failureThreshold: number;
  coolDownMs: number;
  clock: () => number;
}

export interface CircuitBreaker {
  /** Whether a request may go now; in half-open state only one probe at a time is let through. */
  allow(): boolean;
  /** true: the provider worked; false: it failed in a way that says it is unhealthy; null: no news (releases a probe). */
  report(healthy: boolean | null): void;
  state(): CircuitState;
}

export interface Breakers {
  for(provider: string): CircuitBreaker;
}

export function createBreaker(options: CircuitOptions): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;
  const state = (): CircuitState => {
    if (openedAt === null) return 'closed';
    return options.clock() - openedAt >= options.coolDownMs ? 'half-open' : 'open';
  };
  return {
    allow() {
      const now = state();
      if (now === 'closed') return true;
      if (now === 'open' || probing) return false;
      probing = true;
      return true;
    },
    report(healthy) {
      const wasProbe = probing;
      probing = false;
      if (healthy === null) return;
      if (healthy) {
        failures = 0;
        openedAt = null;
        return;
      }
      failures += 1;
      // A failed probe reopens at once; otherwise the threshold decides.
      if (wasProbe || failures >= options.failureThreshold) openedAt = options.clock();
    },
    state,
  };
}

export function createBreakers(options: CircuitOptions): Breakers {
  const byProvider = new Map<string, CircuitBreaker>();
  return {
    for(provider) {
      let breaker = byProvider.get(provider);
      if (!breaker) byProvider.set(provider, (breaker = createBreaker(options)));
      return breaker;
    },
  };
}
