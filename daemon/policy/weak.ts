// Weak signal types (protocol WEAK_SIGNAL_TYPES: the sweep's possible names and numbers) count only where a policy
// names them. This says whether a policy does, so the scan adds them only for a policy that will act on them: the
// other presets pay nothing for the sweep and show none of its findings.
import { WEAK_SIGNAL_TYPES } from '../../protocol';
import type { ScanOptions } from '../detect';
import type { LoadedPolicy } from './load';
import type { Condition } from './schema';

function namesWeak(cond: Condition | undefined): boolean {
  if (!cond) return false;
  if (cond.signal?.type?.some((t) => WEAK_SIGNAL_TYPES.has(t))) return true;
  return [...(cond.all ?? []), ...(cond.any ?? []), ...(cond.not ? [cond.not] : [])].some(namesWeak);
}

const asked = new WeakMap<LoadedPolicy, boolean>();

/** Whether any rule of the policy tests or redacts a weak type: then its scans include the sweep. */
export function asksForSweep(policy: LoadedPolicy): boolean {
  let answer = asked.get(policy);
  if (answer === undefined) {
    answer = policy.rules.some((r) => namesWeak(r.when) || (r.redact ?? []).some((t) => WEAK_SIGNAL_TYPES.has(t)));
    asked.set(policy, answer);
  }
  return answer;
}

/** The policy's own vocabulary (`knownWords`) as the sweep matches it: lowercase, each word once. */
export function knownWordsOf(policy: LoadedPolicy): string[] {
  return [...new Set((policy.preset.knownWords ?? []).map((w) => w.toLowerCase()))];
}

const options = new WeakMap<LoadedPolicy, ScanOptions | undefined>();

/** The scan options a policy needs: the sweep, with its own vocabulary, when it names a weak type; nothing otherwise. */
export function scanOptionsFor(policy: LoadedPolicy): ScanOptions | undefined {
  if (!options.has(policy)) {
    const words = knownWordsOf(policy);
    options.set(policy, asksForSweep(policy) ? { sweep: true, ...(words.length ? { knownWords: words } : {}) } : undefined);
  }
  return options.get(policy);
}
