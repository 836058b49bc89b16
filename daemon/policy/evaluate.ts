// The policy engine: (loaded preset, scan, facts, catalogue) -> decision. Pure: no I/O, no clock, no randomness;
// the same input always gives the same decision, which is what makes explain, policy tests and replays possible.
//
// Semantics (docs/policy.md): rules run top to bottom. A matching rule with `continue: true` adds its actions
// (require, redact, requireCitations, review) and evaluation goes on; the first matching rule without `continue`
// adds its actions, decides the route and ends evaluation. When none decides, the preset's default does.
import type { Capability, Catalogue, PolicyRef, Redaction, RequestFacts, Route, RuleRef, ScanResult } from '../../protocol';
import { judgeCandidates, type Preference } from './candidates';
import { evaluateCondition, type Evidence } from './conditions';
import { explainDecision } from './explain';
import type { LoadedPolicy, LoadedRule } from './load';
import { planRedactions } from './redact';

export interface Decision {
  policy: PolicyRef;
  route: Route;
  rule: RuleRef;
  matchedRules: string[];
  explanation: string;
  redactions: Redaction[];
  requireCitations: boolean;
  review: { required: boolean; reasons: string[] };
  /** The route allows sending but no catalogue model fits it: the daemon reports AIRLOCK_E_NO_CANDIDATE. */
  noCandidate: boolean;
  /** What the user is told when the route is `blocked`. */
  blockMessage: string | null;
}

export interface EvaluateOptions {
  /** The prompt text: only used to give equal values equal placeholders and to size the prompt; never stored. */
  text?: string;
  /** Prompt length in characters when the text is not passed (defaults to the scanned length). */
  promptChars?: number;
  /** Expected answer length, for cost estimates. */
  expectedOutputTokens?: number;
}

const DEFAULT_OUTPUT_TOKENS = 512;
/** About four characters per token for English and code: good enough to rank by cost and check context windows. */
const CHARS_PER_TOKEN = 4;

interface Accumulated {
  matched: string[];
  required: Set<Capability>;
  redact: Set<string>;
  requireCitations: boolean;
  reviewReasons: string[];
  decider: { rule: LoadedRule; evidence: Evidence } | null;
}

function runRules(policy: LoadedPolicy, scan: ScanResult, facts: RequestFacts): Accumulated {
  const acc: Accumulated = { matched: [], required: new Set(), redact: new Set(), requireCitations: false, reviewReasons: [], decider: null };
  for (const rule of policy.rules) {
    const { matched, evidence } = evaluateCondition(rule.when, { policy, scan, facts });
    if (!matched) continue;
    acc.matched.push(rule.id);
    rule.require?.forEach((c) => acc.required.add(c));
    rule.redact?.forEach((r) => acc.redact.add(r));
    acc.requireCitations ||= rule.requireCitations === true;
    if (rule.review) acc.reviewReasons.push(`${rule.description} (rule ${rule.id})`);
    if (!rule.continue) {
      acc.decider = { rule, evidence };
      break;
    }
  }
  return acc;
}

export function evaluate(policy: LoadedPolicy, scan: ScanResult, facts: RequestFacts, catalogue: Catalogue, opts: EvaluateOptions = {}): Decision {
  const acc = runRules(policy, scan, facts);
  const rule = acc.decider?.rule ?? null;
  const action = rule ?? policy.preset.default;
  const target = action.route ?? policy.preset.default.route;
  const escalated = action.escalate === true && facts.depth === 'deep';
  const prefer: Preference = escalated ? 'strong' : action.prefer ?? (facts.interactive ? 'fast' : 'cheap');
  const required = [...acc.required].sort();
  const chars = opts.text?.length ?? opts.promptChars ?? scan.scannedChars;

  const candidates = judgeCandidates(catalogue.models, {
    target,
    decidedBy: rule ? `rule ${rule.id}` : `default of preset ${policy.ref.name}`,
    presetName: policy.ref.name,
    classes: policy.preset.classes,
    required,
    prefer,
    inputTokens: Math.ceil(chars / CHARS_PER_TOKEN),
    outputTokens: opts.expectedOutputTokens ?? DEFAULT_OUTPUT_TOKENS,
  });
  const chosenVerdict = candidates.find((c) => c.accepted) ?? null;
  const chosen = chosenVerdict ? catalogue.models.find((m) => m.id === chosenVerdict.modelId) ?? null : null;
  const redactions = planRedactions(scan.signals, [...acc.redact], opts.text);
  const review = { required: acc.reviewReasons.length > 0, reasons: acc.reviewReasons };
  const blockMessage = target === 'blocked' ? action.message ?? null : null;

  return {
    policy: policy.ref,
    route: {
      target,
      provider: chosen?.provider ?? null,
      model: chosen?.model ?? null,
      modelId: chosen?.id ?? null,
      region: chosen?.terms.region ?? null,
      retentionDays: chosen?.terms.retentionDays ?? null,
      noTraining: chosen?.terms.noTraining ?? null,
      requiredCapabilities: required,
      prefer,
      escalated,
      candidates,
    },
    rule: rule
      ? { id: rule.id, preset: policy.ref.name, file: policy.ref.file, line: rule.line }
      : { id: 'default', preset: policy.ref.name, file: policy.ref.file, line: 0 },
    matchedRules: acc.matched,
    explanation: explainDecision({
      policy, rule, template: action.explain, evidence: acc.decider?.evidence ?? null, target, chosen: chosenVerdict, prefer,
      required, message: action.message, redactions, reviewRequired: review.required, requireCitations: acc.requireCitations,
    }),
    redactions,
    requireCitations: acc.requireCitations,
    review,
    noCandidate: target !== 'blocked' && !chosen,
    blockMessage,
  };
}
