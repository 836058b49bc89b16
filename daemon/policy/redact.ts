// Plans redactions: which spans are replaced by which placeholder before a prompt leaves the machine.
// The same value always gets the same placeholder within one prompt ([EMAIL_1] twice), so the model can still
// reason about it; the value is compared here and then dropped: a Redaction never carries it.
import { WEAK_SIGNAL_TYPES, type Redaction, type Signal } from '../../protocol';
import { mergeOverlapping } from '../detect/finding';

/** `[SECRET_n]` for every secret (its type could hint at the value's shape); `[EMAIL_n]`, `[CREDIT_CARD_n]` for PII. */
export function placeholderPrefix(signal: Pick<Signal, 'kind' | 'type'>): string {
  if (signal.kind === 'secret') return 'SECRET';
  // Types are a few dozen detector names: each is spelt out once, not once per signal of a dense prompt.
  let prefix = PREFIXES.get(signal.type);
  if (prefix === undefined) PREFIXES.set(signal.type, (prefix = signal.type.toUpperCase().replace(/[^A-Z0-9]+/g, '_')));
  return prefix;
}
const PREFIXES = new Map<string, string>();

function selected(signal: Signal, redact: readonly string[]): signal is Signal & { kind: 'secret' | 'pii' } {
  // A weak type (the sweep's) is redacted only where the action names it.
  return (signal.kind === 'secret' || signal.kind === 'pii') && (redact.includes(signal.type) || (redact.includes(signal.kind) && !WEAK_SIGNAL_TYPES.has(signal.type)));
}

/**
 * Redactions for the signals the actions name (`secret`, `pii`, or types like `email`), in prompt order.
 * Pass `text` to give equal values equal placeholders; without it every span gets its own.
 */
export function planRedactions(signals: readonly Signal[], redact: readonly string[], text?: string): Redaction[] {
  if (redact.length === 0) return [];
  const counters = new Map<string, number>();
  const byValue = new Map<string, string>();
  // Overlapping spans merge into the first one, extended to cover both: a partial overlap must not leak a tail.
  return mergeOverlapping(signals.filter((s) => selected(s, redact)), (first) => first).map((s) => {
    const prefix = placeholderPrefix(s);
    const key = `${prefix}\u0000${text === undefined ? `@${s.start}` : text.slice(s.start, s.end)}`;
    let placeholder = byValue.get(key);
    if (!placeholder) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      placeholder = `[${prefix}_${n}]`;
      byValue.set(key, placeholder);
    }
    return { kind: s.kind as 'secret' | 'pii', type: s.type, start: s.start, end: s.end, placeholder };
  });
}
