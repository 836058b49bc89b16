// Judges every catalogue model against the decided route and ranks the ones that fit. Every model gets a verdict
// with a reason, so a record shows why a model was or was not used. Never widens the class to find a candidate.
import type { Capability, CandidateVerdict, CatalogueModel, ProviderClass, Route, RouteTarget } from '../../protocol';
import type { ClassTerms, Preset } from './schema';

export type Preference = Route['prefer'];

export interface CandidateRequest {
  target: RouteTarget;
  /** Who decided the route, for reasons: "rule secrets-stay-local" or "default of preset balanced". */
  decidedBy: string;
  presetName: string;
  classes: Preset['classes'];
  required: readonly Capability[];
  prefer: Preference;
  inputTokens: number;
  outputTokens: number;
}

/** local ⊂ private ⊂ hosted: a route names the most permissive class it allows. */
const CLASS_LADDER: readonly ProviderClass[] = ['local', 'private', 'hosted'];
const PREFER_WORDS: Record<Preference, string> = { cheap: 'cheapest first', fast: 'fastest first', strong: 'strongest first' };

export function classAllowedBy(target: RouteTarget, cls: ProviderClass): boolean {
  return target !== 'blocked' && CLASS_LADDER.indexOf(cls) <= CLASS_LADDER.indexOf(target);
}

export function estimateCostUsd(model: CatalogueModel, inputTokens: number, outputTokens: number): number {
  const usd = (inputTokens * model.price.inputPerMTok + outputTokens * model.price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}

function termProblems(model: CatalogueModel, terms: ClassTerms): string[] {
  const problems: string[] = [];
  if (terms.regions && !terms.regions.includes(model.terms.region)) problems.push(`region ${model.terms.region} not in ${terms.regions.join(', ')}`);
  if (terms.maxRetentionDays !== undefined && model.terms.retentionDays > terms.maxRetentionDays) {
    problems.push(`retention ${model.terms.retentionDays} days exceeds ${terms.maxRetentionDays}`);
  }
  if (terms.noTraining && !model.terms.noTraining) problems.push('provider may train on prompts');
  return problems;
}

/** Why the model cannot serve this request, or null when it can. */
function rejection(model: CatalogueModel, req: CandidateRequest): string | null {
  if (req.target === 'blocked') return `request blocked by ${req.decidedBy}`;
  const terms = req.classes[model.class];
  if (!terms) return `class ${model.class} not allowed by preset ${req.presetName}`;
  if (!classAllowedBy(req.target, model.class)) return `class ${model.class} not allowed by ${req.decidedBy}`;
  const problems = termProblems(model, terms);
  const missing = req.required.filter((c) => !model.capabilities.includes(c));
  if (missing.length) problems.push(`lacks capability ${missing.join(', ')}`);
  if (req.inputTokens + req.outputTokens > model.contextWindow) {
    problems.push(`prompt of about ${req.inputTokens} tokens exceeds context window ${model.contextWindow}`);
  }
  return problems.length ? problems.join('; ') : null;
}

function preferenceKey(prefer: Preference, model: CatalogueModel, cost: number): number {
  if (prefer === 'cheap') return cost;
  if (prefer === 'fast') return model.latencyMs;
  return -model.tier;
}

/** Verdicts for every model: accepted ones first in rank order, then the rejected ones in catalogue order. */
export function judgeCandidates(models: readonly CatalogueModel[], req: CandidateRequest): CandidateVerdict[] {
  const judged = models.map((model) => ({ model, cost: estimateCostUsd(model, req.inputTokens, req.outputTokens), reason: rejection(model, req) }));
  const accepted = judged
    .filter((j) => j.reason === null)
    .sort((a, b) =>
      CLASS_LADDER.indexOf(b.model.class) - CLASS_LADDER.indexOf(a.model.class) ||
      preferenceKey(req.prefer, a.model, a.cost) - preferenceKey(req.prefer, b.model, b.cost) ||
      a.cost - b.cost || a.model.latencyMs - b.model.latencyMs || b.model.tier - a.model.tier ||
      a.model.id.localeCompare(b.model.id));
  const verdict = (j: (typeof judged)[number], accepted: boolean, reason: string): CandidateVerdict => ({
    modelId: j.model.id, provider: j.model.provider, model: j.model.model, class: j.model.class, accepted, reason, estimatedCostUsd: j.cost,
  });
  return [
    ...accepted.map((j, i) => {
      const fallback = j.model.class === req.target ? '' : `${j.model.class} fallback; `;
      return verdict(j, true, `rank ${i + 1} of ${accepted.length} (${fallback}${PREFER_WORDS[req.prefer]})`);
    }),
    ...judged.filter((j) => j.reason !== null).map((j) => verdict(j, false, j.reason as string)),
  ];
}
