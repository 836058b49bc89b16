// Plans a request: scan, apply the policy, and build the decision record before any byte goes to a model.
// `airlock explain`, `airlock scan`, the daemon's `explain/run` and `chat/send` all start here.
import {
  RECORD_VERSION, WEAK_SIGNAL_TYPES, type Catalogue, type DecisionRecord, type PromptStorage, type RequestFacts, type ScanResult,
} from '../../protocol';
import { scan as scanPrompt, type ScanOptions } from '../detect';
import { evaluate, type Decision } from '../policy/evaluate';
import type { LoadedPolicy } from '../policy/load';
import { scanOptionsFor } from '../policy/weak';
import { storedRequest } from './at-rest';
import { newId } from './ids';
import { withoutNotCode } from './not-code';

export interface PlanContext {
  policy: LoadedPolicy;
  catalogue: Catalogue;
  /** How much of the prompt the record keeps; secrets are masked whatever this says. */
  storage: PromptStorage;
  now: Date;
  /** Other client strings the daemon will log (the request id): `Plan.quote` masks them like the facts. */
  logged?: readonly string[];
  /** Runs the scan; the daemon passes its worker pool (scan-pool.ts), the CLI scans in-process (the default). */
  scanner?: (text: string, facts: RequestFacts, options?: ScanOptions) => Promise<ScanResult>;
}

export interface Plan {
  /** What the audit log keeps: facts and prompt masked. */
  record: DecisionRecord;
  /** The facts as the client sent them (the conversation id keys the conversation): never stored. */
  facts: RequestFacts;
  /** Masks any raw client string the record masked (a fact, a logged request id) in a text about to be logged. */
  quote: (text: string) => string;
  scan: ScanResult;
  decision: Decision;
  /** The options the scan ran with (the policy's sweep and its words): the re-scan before sending uses the same. */
  scanOptions?: ScanOptions;
}

const PRIVACY: readonly PromptStorage[] = ['none', 'redacted', 'full'];

/** The more private of the daemon's setting and what a client asked for: a client can keep less, never more. */
export function storageFor(configured: PromptStorage, requested: PromptStorage | undefined): PromptStorage {
  return requested !== undefined && PRIVACY.indexOf(requested) < PRIVACY.indexOf(configured) ? requested : configured;
}

/**
 * The record of a planned request. Everything it keeps of what the client sent is masked (at-rest.ts): the prompt
 * as the storage setting says, the facts and any text quoting them always.
 */
export async function recordFromDecision(text: string, facts: RequestFacts, scan: ScanResult, decision: Decision, ctx: Omit<PlanContext, 'policy' | 'catalogue'>): Promise<{ record: DecisionRecord; quote: (text: string) => string }> {
  // The sweep ran only because the policy treats its findings as possibly personal (it keeps them local or redacts
  // them): they are masked at rest like recognised personal data.
  const weakAtRest = [...new Set(scan.signals.map((s) => s.type).filter((t) => WEAK_SIGNAL_TYPES.has(t)))];
  const stored = await storedRequest(text, scan, facts, ctx.storage, ctx.logged, ctx.scanner, weakAtRest);
  const record = recordOf(stored.prompt, stored.facts, scan, decision, ctx);
  // The prompt is masked already (at-rest.ts); everything else may quote a raw fact.
  return { record: stored.masks ? { ...maskRecordText(record, stored.quote), prompt: record.prompt } : record, quote: stored.quote };
}

/** Every string of the record, quoted through `quote`: a raw fact value quoted anywhere (a signal's label
 *  "text from <path>", the explanation, a block message) is masked as in the facts. */
function maskRecordText<T>(value: T, quote: (t: string) => string): T {
  if (typeof value === 'string') return quote(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskRecordText(v, quote)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskRecordText(v, quote)])) as T;
  return value;
}

function recordOf(prompt: DecisionRecord['prompt'], facts: RequestFacts, scan: ScanResult, decision: Decision, ctx: Omit<PlanContext, 'policy' | 'catalogue'>): DecisionRecord {
  const blocked = decision.route.target === 'blocked';
  return {
    version: RECORD_VERSION,
    id: newId(ctx.now.getTime()),
    createdAt: ctx.now.toISOString(),
    policy: decision.policy,
    facts,
    prompt,
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
 * Images cannot be scanned: a request with any counts as not wholly scanned (`truncated`, one `scan` signal of type
 * `image`), so the shipped presets keep it local (their `truncated` rule) and a preset that would send it off the
 * machine gets it blocked (unscannedStaysHome). The text beside the images is scanned as always.
 */
export function withImages(scan: ScanResult, facts: RequestFacts): ScanResult {
  const n = facts.images ?? 0;
  if (n <= 0) return scan;
  const signal = { kind: 'scan' as const, type: 'image', start: 0, end: 0, line: 1, column: 1, detector: 'facts', label: `${n} image${n === 1 ? '' : 's'}: an image cannot be scanned` };
  return { ...scan, truncated: true, signals: [signal, ...scan.signals] };
}

/**
 * Fail closed on a prompt the scan did not finish (its deadline passed): the shipped presets keep it local through
 * their `truncated` rule; a custom preset that would still send it to a provider gets it blocked instead.
 */
export function unscannedStaysHome(scan: ScanResult, decision: Decision): Decision {
  if (!scan.signals.some((s) => s.kind === 'scan') || !SHARED_CLASSES.has(decision.route.target)) return decision;
  const what = scan.signals.some((s) => s.type === 'scan-deadline') ? 'The scan missed its deadline, so nothing is known about this prompt'
    : 'The request holds images, which cannot be scanned';
  const message = `${what}, and the policy would send it off the machine: blocked. Add a rule \`when: { truncated: true }\` that keeps it local.`;
  return {
    ...decision,
    route: { ...decision.route, target: 'blocked', provider: null, model: null, modelId: null, region: null, retentionDays: null, noTraining: null },
    explanation: message,
    blockMessage: message,
    noCandidate: false,
  };
}

export async function plan(text: string, facts: RequestFacts, ctx: PlanContext): Promise<Plan> {
  // A client's own instructions and JSON data are scanned like the rest, but are not the user's code.
  const options = scanOptionsFor(ctx.policy);
  const scan = withImages(withoutNotCode(await (ctx.scanner ?? scanPrompt)(text, facts, options), text, facts.notCode), facts);
  const decision = unscannedStaysHome(scan, evaluate(ctx.policy, scan, facts, ctx.catalogue, { text }));
  const { record, quote } = await recordFromDecision(text, facts, scan, decision, ctx);
  return { record, facts, quote, scan, decision, ...(options ? { scanOptions: options } : {}) };
}
