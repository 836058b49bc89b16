// Plans a request: scan, apply the policy, and build the decision record before any byte goes to a model.
// `airlock explain`, `airlock scan`, the daemon's `explain/run` and `chat/send` all start here.
import { v7 as uuidv7 } from 'uuid';
import {
  RECORD_VERSION, type Catalogue, type DecisionRecord, type PromptStorage, type Redaction, type RequestFacts, type ScanResult,
} from '../../protocol';
import { scan as scanPrompt } from '../detect';
import { evaluate, type Decision } from '../policy/evaluate';
import type { LoadedPolicy } from '../policy/load';
import { planRedactions } from '../policy/redact';

export interface PlanContext {
  policy: LoadedPolicy;
  catalogue: Catalogue;
  /** How much of the prompt the record keeps; secrets are masked whatever this says. */
  storage: PromptStorage;
  now: Date;
  /** Runs the scan; the daemon passes its worker pool (scan-pool.ts), the CLI scans in-process (the default). */
  scanner?: (text: string, facts: RequestFacts) => Promise<ScanResult>;
}

export interface Plan {
  record: DecisionRecord;
  scan: ScanResult;
  decision: Decision;
}

const PRIVACY: readonly PromptStorage[] = ['none', 'redacted', 'full'];

/** The more private of the daemon's setting and what a client asked for: a client can keep less, never more. */
export function storageFor(configured: PromptStorage, requested: PromptStorage | undefined): PromptStorage {
  return requested !== undefined && PRIVACY.indexOf(requested) < PRIVACY.indexOf(configured) ? requested : configured;
}

/** Replaces each span with its placeholder; spans must not overlap (planRedactions merges them). */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  let out = '';
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return out + text.slice(at);
}

/** The prompt as the audit log may keep it: never a raw secret, PII only when storage is `full`. */
function storedPrompt(text: string, scan: ScanResult, storage: PromptStorage): DecisionRecord['prompt'] {
  if (storage === 'none') return { chars: text.length, storage };
  const masked = planRedactions(scan.signals, storage === 'full' ? ['secret'] : ['secret', 'pii'], text);
  return { chars: text.length, storage, text: applyRedactions(text, masked) };
}

export function recordFromDecision(text: string, facts: RequestFacts, scan: ScanResult, decision: Decision, ctx: Omit<PlanContext, 'policy' | 'catalogue'>): DecisionRecord {
  const blocked = decision.route.target === 'blocked';
  return {
    version: RECORD_VERSION,
    id: uuidv7({ msecs: ctx.now.getTime() }),
    createdAt: ctx.now.toISOString(),
    policy: decision.policy,
    facts,
    prompt: storedPrompt(text, scan, ctx.storage),
    signals: scan.signals,
    code: scan.code,
    redactions: decision.redactions,
    route: decision.route,
    rule: decision.rule,
    explanation: decision.explanation,
    matchedRules: decision.matchedRules,
    requireCitations: decision.requireCitations,
    review: decision.review,
    attempts: [],
    fallbacks: 0,
    scanMs: Math.round(scan.durationMs * 1000) / 1000,
    latencyMs: null,
    firstTokenMs: null,
    tokens: null,
    costUsd: null,
    outputFilters: [],
    status: blocked ? 'blocked' : 'planned',
    ...(blocked
      ? { error: { code: 'AIRLOCK_E_BLOCKED', message: decision.blockMessage ?? decision.explanation } }
      : decision.noCandidate
        ? { error: { code: 'AIRLOCK_E_NO_CANDIDATE', message: `no model in the catalogue satisfies class ${decision.route.target}${decision.route.requiredCapabilities.length ? ` with ${decision.route.requiredCapabilities.join(', ')}` : ''}` } }
        : {}),
  };
}

const SHARED_CLASSES: ReadonlySet<string> = new Set(['hosted', 'private']);

/**
 * Fail closed on a prompt the scan did not finish (its deadline passed): the shipped presets keep it local through
 * their `truncated` rule; a custom preset that would still send it to a provider gets it blocked instead.
 */
function unscannedStaysHome(scan: ScanResult, decision: Decision): Decision {
  if (!scan.signals.some((s) => s.kind === 'scan') || !SHARED_CLASSES.has(decision.route.target)) return decision;
  const message = 'The scan missed its deadline, so nothing is known about this prompt, and the policy would send it off the machine: blocked. Add a rule `when: { truncated: true }` that keeps it local.';
  return {
    ...decision,
    route: { ...decision.route, target: 'blocked', provider: null, model: null, modelId: null, region: null, retentionDays: null, noTraining: null },
    explanation: message,
    blockMessage: message,
    noCandidate: false,
  };
}

export async function plan(text: string, facts: RequestFacts, ctx: PlanContext): Promise<Plan> {
  const scan = await (ctx.scanner ?? scanPrompt)(text, facts);
  const decision = unscannedStaysHome(scan, evaluate(ctx.policy, scan, facts, ctx.catalogue, { text }));
  return { record: recordFromDecision(text, facts, scan, decision, ctx), scan, decision };
}
