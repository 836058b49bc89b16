// A decision's route in words, once: the short label ("local · llama3.2 · secret") that the status bar, the decision
// list, VS Code's chat and the CLI show, and the plain-English phrase for a target. Pure, so one record reads the same
// everywhere.
import type { DecisionRecord, RouteTarget } from './record';
import type { Signal, SignalKind } from './signals';

const TARGET_WORDS: Record<RouteTarget, string> = {
  local: 'stays local',
  private: 'goes to a private model',
  hosted: 'may go to a hosted model',
  blocked: 'is blocked',
};

/** "stays local", "may go to a hosted model": reads after "this prompt". */
export function routeWords(target: RouteTarget): string {
  return TARGET_WORDS[target];
}

/** Most sensitive first: the label names the kind that most likely decided the route. */
const KIND_ORDER: readonly SignalKind[] = ['secret', 'pii', 'code', 'domain', 'origin', 'scan'];

export function topSignalKind(signals: readonly Pick<Signal, 'kind'>[]): SignalKind | null {
  for (const kind of KIND_ORDER) if (signals.some((s) => s.kind === kind)) return kind;
  return null;
}

export type LabelledRecord = Pick<DecisionRecord, 'route' | 'signals'> & Partial<Pick<DecisionRecord, 'status' | 'attempts'>>;

/** The catalogue id of the model that answered, when it is not the one the route named first (a fallback in class,
 *  or a `vision` model for a request with an image): the label names who answered. */
function answeredBy(record: LabelledRecord): string | null {
  const ok = record.attempts?.find((a) => a.outcome === 'ok');
  return ok && ok.modelId !== record.route.modelId ? ok.modelId : null;
}

export interface RouteLabelOptions {
  /** The CLI's full record: the provider before the model, the model's data terms, and an escalation. */
  detail?: boolean;
}

/**
 * `local · llama3.2 · secret`, `hosted · gpt-4o-mini · public`, `blocked`; a chosen route that produced no answer
 * ends in `failed` instead of the kind. With `detail`: `hosted · openai · gpt-4o-mini (region us, retention 30 d,
 * no training) · public · escalated`.
 */
export function routeLabel(record: LabelledRecord, options: RouteLabelOptions = {}): string {
  const { route } = record;
  if (route.target === 'blocked' || record.status === 'blocked') return 'blocked';
  const parts: string[] = [route.target];
  if (options.detail) {
    const terms = route.region ? ` (region ${route.region}, retention ${route.retentionDays} d${route.noTraining ? ', no training' : ''})` : '';
    parts.push(route.modelId ? `${route.provider} · ${route.model}${terms}` : 'no model in the catalogue fits');
  } else {
    const other = answeredBy(record);
    const model = other ? other.slice(other.indexOf('/') + 1) : (route.model ?? route.provider);
    if (model) parts.push(model);
  }
  parts.push(record.status === 'error' ? 'failed' : (topSignalKind(record.signals) ?? 'public'));
  if (options.detail && route.escalated) parts.push('escalated');
  const other = options.detail ? answeredBy(record) : null;
  if (other) parts.push(`answered by ${other}`);
  return parts.join(' · ');
}
