// Runners (the daemon's model-calling step) for tests that need an answer of a given shape without a provider.
import type { Runner } from '../../daemon/server/context';
import type { DecisionRecord } from '../../protocol';

/** A runner that streams 64 KB deltas until its request is aborted, and says when that happened. */
export function endlessRunner(): { runner: Runner; aborted: Promise<void> } {
  let onAbort!: () => void;
  const aborted = new Promise<void>((resolve) => (onAbort = resolve));
  const runner: Runner = {
    async run({ plan, onDelta, signal }) {
      const delta = 'd'.repeat(64 * 1024);
      while (!signal.aborted) {
        onDelta(delta);
        await new Promise((r) => setImmediate(r));
      }
      onAbort();
      const record: DecisionRecord = { ...plan.record, status: 'cancelled', error: { code: 'AIRLOCK_E_CANCELLED', message: 'cancelled' } };
      return { record, text: '' };
    },
    health: async () => [],
  };
  return { runner, aborted };
}
