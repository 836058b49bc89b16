// Decision records in a sentence, for notifications and the status bar. No VS Code import: unit-tested.
import { routeLabel, routeWords } from '../protocol/describe';
import type { ProviderHealth } from '../protocol/methods';
import type { DecisionRecord } from '../protocol/record';

export { routeWords };

/** One provider's health in words a user acts on (no circuit-breaker terms). Local providers need no key. */
export function providerWords(p: ProviderHealth): string {
  if (p.kind !== 'ollama' && !p.hasKey) return `${p.name}: no API key`;
  if (p.circuit === 'open') return `${p.name}: not answering${p.lastError ? ` (${p.lastError})` : ''}`;
  if (p.circuit === 'half-open') return `${p.name}: recovering, being retried`;
  return `${p.name}: reachable`;
}

/** The status bar's "last request": a route only when it answered; otherwise what happened. */
export function lastRequestLabel(record: DecisionRecord): string {
  switch (record.status) {
    case 'error':
      return 'last request failed';
    case 'cancelled':
      return 'last request cancelled';
    default:
      return routeLabel(record);
  }
}

/** Signal types by kind, without values (records never hold values): "secret: aws-secret-access-key, pii: email". */
export function signalSummary(record: DecisionRecord): string {
  const byKind = new Map<string, Set<string>>();
  for (const s of record.signals) {
    if (s.kind === 'code' || s.kind === 'origin') continue;
    const set = byKind.get(s.kind) ?? new Set<string>();
    set.add(s.type);
    byKind.set(s.kind, set);
  }
  return [...byKind].map(([kind, types]) => `${kind}: ${[...types].join(', ')}`).join('; ');
}

/** The dry-run sentence of "Explain Routing for Selection": where it would go, which rule, why, and that nothing left. */
export function explainSentence(record: DecisionRecord): string {
  const found = signalSummary(record);
  const rule = record.rule.line > 0 ? `${record.rule.id} (${record.rule.preset}:${record.rule.line})` : `${record.rule.id} (${record.rule.preset} default)`;
  const redacted = record.redactions.length ? ` ${record.redactions.length} value(s) would be replaced by placeholders.` : '';
  return `Would route: ${routeLabel({ route: record.route, signals: record.signals })} — this selection ${routeWords(record.route.target)}. Rule ${rule}: ${record.explanation}${found ? ` Found ${found}.` : ''}${redacted} Nothing was sent.`;
}
