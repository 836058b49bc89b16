// Plain-English explanations: the rule that fired, the concrete signals (labels and lines, never values), where the
// request went and why that model. The preset's `explain` template says it in the author's words; placeholders
// that have no value for this request fall back to Airlock's own sentence, so an explanation never shows "{line}".
import type { CandidateVerdict, Capability, Redaction, Route, RouteTarget, Signal } from '../../protocol';
import type { Evidence } from './conditions';
import { signalLabel } from './conditions';
import type { LoadedPolicy, LoadedRule } from './load';
import { counted, joinList, languageName, typeWords, withArticle } from '../../protocol/words';

export interface ExplainInput {
  policy: LoadedPolicy;
  /** The rule that decided the route; null when the preset's default did. */
  rule: LoadedRule | null;
  template: string | undefined;
  evidence: Evidence | null;
  target: RouteTarget;
  chosen: CandidateVerdict | null;
  prefer: Route['prefer'];
  required: readonly Capability[];
  message: string | undefined;
  redactions: readonly Redaction[];
  reviewRequired: boolean;
  requireCitations: boolean;
}

const RANKING_WORDS: Record<Route['prefer'], string> = { cheap: 'cheapest model that fits', fast: 'fastest model that fits', strong: 'strongest model allowed' };

const AUTO_TEMPLATES: Record<RouteTarget, string> = {
  local: 'Kept on the local model because {reason}',
  private: 'Sent to the private deployment {model} because {reason}',
  hosted: 'Sent to hosted {model} ({ranking}) because {reason}',
  blocked: 'Blocked because {reason}: {message}',
};

/** "an AWS secret access key and 2 email addresses", grouped by label in prompt order. */
export function describeSignals(signals: readonly Signal[]): string {
  const counts = new Map<string, number>();
  for (const s of signals) counts.set(signalLabel(s), (counts.get(signalLabel(s)) ?? 0) + 1);
  return joinList([...counts].map(([label, n]) => counted(label, n)));
}

function placeholderValues(input: ExplainInput): Record<string, string> {
  const ev = input.evidence;
  const first = ev?.signals[0];
  return {
    reason: ev?.reason || 'no rule of the preset matched',
    signals: ev ? describeSignals(ev.signals) : '',
    first_signal: first ? withArticle(signalLabel(first)) : '',
    line: first ? String(first.line) : '',
    path: ev?.paths[0] ?? '',
    language: joinList((ev?.languages ?? []).map(languageName)),
    share: ev?.share != null ? `${Math.round(ev.share * 100)}%` : '',
    domain: joinList(ev?.domains ?? []),
    class: input.target,
    model: input.chosen?.model ?? '',
    provider: input.chosen?.provider ?? '',
    ranking: RANKING_WORDS[input.prefer],
    rule: input.rule?.id ?? 'default',
    preset: input.policy.ref.name,
    message: input.message ?? '',
  };
}

/** Fills `{name}` placeholders; null when one of them has no value for this request. */
function fill(template: string, values: Record<string, string>): string | null {
  let complete = true;
  const text = template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value) complete = false;
    return value ?? '';
  });
  return complete ? text : null;
}

function source(input: ExplainInput): string {
  const { ref } = input.policy;
  return input.rule ? `rule \`${input.rule.id}\`, preset \`${ref.name}\`, ${ref.file}:${input.rule.line}` : `default of preset \`${ref.name}\``;
}

function noCandidateSentence(input: ExplainInput, values: Record<string, string>): string {
  const needs = input.required.length ? ` with ${joinList([...input.required])}` : '';
  const wider = input.target === 'hosted' ? '' : '; the policy allows nothing wider';
  return `Not sent: no ${input.target} model${needs} in the catalogue meets the preset's terms${wider} (required because ${values.reason})`;
}

/** Words for redacted types: a Redaction has no label, only its type. */
const REDACTED_WORDS: Record<string, string> = {
  email: 'email address', phone: 'phone number', 'credit-card': 'card number', iban: 'IBAN', 'us-ssn': 'social security number',
  'ip-address': 'IP address', 'street-address': 'street address', 'person-name': 'name', 'us-driver-license': "driver's licence number",
};

function redactedWords(r: Redaction): string {
  return r.kind === 'secret' ? 'secret' : REDACTED_WORDS[r.type] ?? typeWords(r.type);
}

function extras(input: ExplainInput): string[] {
  const sentences: string[] = [];
  if (input.redactions.length) {
    const counts = new Map<string, number>();
    for (const r of input.redactions) counts.set(redactedWords(r), (counts.get(redactedWords(r)) ?? 0) + 1);
    sentences.push(`Replaced by placeholders before sending: ${joinList([...counts].map(([w, n]) => counted(w, n)))}.`);
  }
  // Decided on unknown words alone: the one fix a user can ask for is the preset's own vocabulary.
  if (input.evidence?.signals.length && input.evidence.signals.every((s) => s.type === 'possible-name')) {
    sentences.push('If that word is the name of a product or project, the preset can list it in `knownWords`.');
  }
  if (input.requireCitations) sentences.push('The answer must cite its sources.');
  if (input.reviewRequired) sentences.push('Flagged for human review.');
  return sentences;
}

export function explainDecision(input: ExplainInput): string {
  const values = placeholderValues(input);
  const unsendable = input.target !== 'blocked' && !input.chosen;
  const main = unsendable
    ? noCandidateSentence(input, values)
    : (input.template && fill(input.template, values)) ?? fill(AUTO_TEMPLATES[input.target], values) ?? AUTO_TEMPLATES[input.target].replace(/ ?\{[a-z_]+\}/g, '');
  return [`${main.trim().replace(/[.\s]+$/, '')} (${source(input)}).`, ...extras(input)].join(' ');
}
