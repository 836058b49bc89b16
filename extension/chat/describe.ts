// What VS Code's chat shows about a decision, in words. No VS Code import: unit-tested.
import type { PolicySummary } from '../../protocol/methods';
import type { DecisionRecord } from '../../protocol/record';
import { routeLabel } from '../../protocol/describe';
import { routeWords } from '../describe';

/** Marks the route line the provider appends, so it is taken out again when the answer comes back as history. */
export const ROUTE_LINE_PREFIX = 'Airlock: ';

/** "local · llama3.2 · secret": where it went, which model, and what kinds of content decided it. */
export function routeLine(record: DecisionRecord): string {
  return routeLabel(record);
}

/** "secrets-stay-local (presets/balanced.yaml:50)", or for the preset's `default:` block (no rule line of its own)
 *  "default (presets/balanced.yaml, the preset's default)". */
export function ruleAt(record: DecisionRecord): string {
  const { id, file, line } = record.rule;
  return line > 0 ? `${id} (${file}:${line})` : `${id} (${file}, the preset's default)`;
}

/** /why: the last decision of this chat in plain English. */
export function whyText(record: DecisionRecord): string {
  const found = record.signals.filter((s) => s.kind !== 'origin' && s.kind !== 'code').map((s) => `${s.kind}: ${s.type}`);
  const lines = [
    `The last request of this chat ${routeWords(record.route.target)} (${routeLine(record)}).`,
    `Rule: ${ruleAt(record)} of policy ${record.policy.name}.`,
    `Why: ${record.explanation}`,
  ];
  if (found.length) lines.push(`Found: ${[...new Set(found)].join(', ')}.`);
  if (record.redactions.length) lines.push(`${record.redactions.length} value(s) were replaced by placeholders before sending.`);
  lines.push(`Decision record ${record.id}, status ${record.status}.`);
  return lines.join('\n\n');
}

/** /policy: the active preset's rules in plain English, in order. */
export function policyText(summary: PolicySummary): string {
  const rules = summary.rules.map((r, i) => `${i + 1}. **${r.id}** (${summary.file}:${r.line}): ${r.plain}`);
  return [`Active policy **${summary.name}** ${summary.version}: ${summary.description}`, '', ...rules].join('\n');
}

/** A rough token count (about 4 characters a token for English and code), never below 1 for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** The route line the provider appended, removed from an assistant turn the chat sends back as history. */
export function withoutRouteLine(text: string): string {
  const at = text.lastIndexOf(`\n\n${ROUTE_LINE_PREFIX}`);
  return at >= 0 && !text.slice(at + 2).includes('\n') ? text.slice(0, at) : text;
}
