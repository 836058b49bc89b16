// Carries out a planned decision: redact, try the ranked candidates in order (retrying and falling back only among
// the models the policy accepted), stream the restored, filtered answer, and return the finished record.
import type { CatalogueModel, DecisionRecord, OutputFilter, ToolCallDelta, ToolRequest } from '../../protocol';
import type { ScanOptions } from '../detect';
import { classAllowedBy, estimateCostUsd } from '../policy/candidates';
import type { ChatMessage, ImageInput, ProviderAdapter, StreamResult } from '../providers/types';
import type { Breakers } from './circuit';
import { runAttempt, type AttemptRun, type Timeouts } from './execute-attempt';
import { CANCELLED, finalError, midAnswerError, type CandidateFailure, type FinalError } from './execute-outcome';
import { ownValuesIn } from './output-filter';
import type { PlaceholderBook } from './redact';
import { redactForSending } from './rescan';
import type { Scanner } from './scan-pool';
import { isRetryable, retryDelayMs, type RetryPolicy } from './retry';
import { toolsUsed } from './tools-used';

export interface ExecuteInput {
  /** The planned record: route.candidates and redactions decide what may happen. */
  record: DecisionRecord;
  /** The user's prompt as typed (redaction happens here). */
  text: string;
  /** Earlier turns as the user saw them; values the book knows are masked before sending. */
  history?: ChatMessage[];
  /** The accepted models in rank order. */
  models: CatalogueModel[];
  book: PlaceholderBook;
  signal: AbortSignal;
  onDelta: (text: string) => void;
  maxTokens?: number;
  /** The client's tools and response format; each model gets only what its catalogue entry is tagged for. */
  tools?: ToolRequest;
  /** Each piece of a tool call the model makes, arguments restored. */
  onToolCall?: (delta: ToolCallDelta) => void;
  /** Images that go with the prompt: only models tagged `vision` are tried. */
  images?: ImageInput[];
  /** The plan's scan options: the re-scan of the redacted prompt sweeps with the same words. */
  scanOptions?: ScanOptions;
}

export interface ExecuteDeps {
  adapters: (providerName: string) => ProviderAdapter;
  breakers: Breakers;
  /** Milliseconds since the epoch; all record times come from it. */
  clock: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  retry: RetryPolicy;
  timeouts: Timeouts;
  /** Runs the re-scan of the redacted prompt (the daemon's worker pool); in-process when absent (the CLI). */
  scanner?: Scanner;
}

export interface ExecuteResult {
  record: DecisionRecord;
  /** The whole answer as the user received it. */
  text: string;
}

type CandidateResult =
  | { ok: true; usage: StreamResult['usage']; filter: OutputFilter }
  | { ok: false; failure: CandidateFailure; delivered: boolean; filter: OutputFilter | null };

/** Fail closed: only models the plan accepted, and only inside the route's class, however `models` was built. */
export function eligibleModels(record: DecisionRecord, models: readonly CatalogueModel[]): CatalogueModel[] {
  const accepted = new Set(record.route.candidates.filter((c) => c.accepted).map((c) => c.modelId));
  return models.filter((m) => accepted.has(m.id) && classAllowedBy(record.route.target, m.class));
}

/** Fail closed on capabilities: tools only to a model tagged `tools`, a response format only to one tagged `json`. */
export function toolsFor(model: CatalogueModel, tools: ToolRequest | undefined): ToolRequest | undefined {
  if (!tools) return undefined;
  const kept: ToolRequest = {
    ...(model.capabilities.includes('tools') && tools.tools?.length ? { tools: tools.tools, ...(tools.toolChoice ? { toolChoice: tools.toolChoice } : {}) } : {}),
    ...(model.capabilities.includes('json') && tools.responseFormat ? { responseFormat: tools.responseFormat } : {}),
  };
  return Object.keys(kept).length ? kept : undefined;
}

/** What an attempt says about the provider's health: a clear answer refusing the key or the model means it is up. */
function health(run: AttemptRun): boolean | null {
  if (!run.failure) return true;
  const kind = run.failure.failure;
  if (kind === 'cancelled') return null;
  return kind === 'auth' || kind === 'not-found' || kind === 'bad-request';
}

async function sleepOrCancel(deps: ExecuteDeps, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await deps.sleep(ms, signal);
  } catch {
    // An aborted sleep ends the wait; the caller sees the signal.
  }
}

/** One candidate: tries, retries with backoff, and the circuit breaker. Appends every attempt to `attempts`. */
function toolArgs(model: CatalogueModel, input: ExecuteInput, deliverToolCall: (d: ToolCallDelta) => void) {
  const tools = toolsFor(model, input.tools);
  return tools ? { tools, deliverToolCall } : {};
}

async function runCandidate(model: CatalogueModel, input: ExecuteInput, deps: ExecuteDeps, messages: ChatMessage[], attempts: DecisionRecord['attempts'], deliver: (t: string) => void, deliverToolCall: (d: ToolCallDelta) => void): Promise<CandidateResult> {
  const adapter = deps.adapters(model.provider);
  const breaker = deps.breakers.for(model.provider);
  const isOwn = ownValuesIn([input.text, ...(input.history ?? []).filter((m) => m.role === 'user').map((m) => m.content)]);
  for (let retry = 0; ; retry++) {
    if (!breaker.allow()) {
      attempts.push({ modelId: model.id, provider: model.provider, startedAt: new Date(deps.clock()).toISOString(), durationMs: 0, outcome: 'circuit-open', message: `${model.provider}: circuit open after repeated failures` });
      return { ok: false, failure: { model: model.model, config: adapter.config, failure: 'circuit-open', message: 'circuit open' }, delivered: false, filter: null };
    }
    const run = await runAttempt({ adapter, model, messages, signal: input.signal, timeouts: deps.timeouts, clock: deps.clock, book: input.book, isOwn, deliver, ...(input.maxTokens ? { maxTokens: input.maxTokens } : {}), ...toolArgs(model, input, deliverToolCall) });
    attempts.push(run.attempt);
    breaker.report(health(run));
    if (!run.failure) return { ok: true, usage: run.usage, filter: run.filter };
    const failed: CandidateResult = { ok: false, failure: { model: model.model, config: adapter.config, failure: run.failure.failure, message: run.failure.message, ...(run.failure.code ? { code: run.failure.code } : {}) }, delivered: run.delivered, filter: run.filter };
    if (run.delivered || input.signal.aborted || retry >= deps.retry.maxRetries || !isRetryable(run.failure.failure, run.receivedText)) return failed;
    const delay = retryDelayMs(deps.retry, retry, run.failure.retryAfterMs);
    if (delay === null) return failed;
    await sleepOrCancel(deps, delay, input.signal);
    if (input.signal.aborted) return failed;
  }
}

function finish(record: DecisionRecord, patch: Partial<DecisionRecord>, final?: FinalError): DecisionRecord {
  const { error: _dropped, ...rest } = record;
  return { ...rest, ...patch, ...(final ? { status: final.status, error: final.error } : { status: 'ok' }) };
}

export async function execute(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecuteResult> {
  const { record } = input;
  // Blocked or without a candidate: nothing is sent, the planned record is already final.
  if (record.status !== 'planned') return { record: { ...record }, text: '' };
  const start = deps.clock();
  const redacted = await redactForSending(input.text, record.redactions, input.book, deps.scanner, input.scanOptions);
  const rescan = record.redactions.length ? { rescan: redacted.rescan } : {};
  if (redacted.rescan.action === 'blocked') {
    const message = `the redacted prompt still held ${redacted.rescan.findings.join(', ')} after redacting it again; nothing was sent`;
    return { record: finish(record, { redactions: redacted.redactions, ...rescan, latencyMs: deps.clock() - start }, { status: 'blocked', error: { code: 'AIRLOCK_E_BLOCKED', message } }), text: '' };
  }
  const history = (input.history ?? []).map((m) => ({ role: m.role, content: input.book.mask(m.content) }));
  const images = input.images?.length ? input.images : undefined;
  const messages: ChatMessage[] = [...history, { role: 'user', content: redacted.text, ...(images ? { images } : {}) }];

  let answer = '';
  let firstTokenAt: number | null = null;
  const deliver = (text: string): void => {
    firstTokenAt ??= deps.clock();
    answer += text;
    input.onDelta(text);
  };
  const used = toolsUsed();
  const deliverToolCall = (delta: ToolCallDelta): void => {
    firstTokenAt ??= deps.clock();
    used.see(delta);
    input.onToolCall?.(delta);
  };
  const attempts: DecisionRecord['attempts'] = [];
  const failures: CandidateFailure[] = [];
  // Fail closed on capabilities: images only to a model tagged `vision`.
  const candidates = eligibleModels(record, input.models).filter((m) => !images || m.capabilities.includes('vision'));
  let fallbacks = 0;
  let outcome: { model: CatalogueModel; result: CandidateResult } | null = null;

  for (const [index, model] of candidates.entries()) {
    if (input.signal.aborted) break;
    if (index > 0) fallbacks += 1;
    const result = await runCandidate(model, input, deps, messages, attempts, deliver, deliverToolCall);
    outcome = { model, result };
    if (result.ok || result.delivered) break;
    failures.push(result.failure);
  }

  const latencyMs = deps.clock() - start;
  const calledTools = await used.stored(record.prompt.storage);
  const base: Partial<DecisionRecord> = {
    redactions: redacted.redactions,
    ...rescan,
    attempts,
    fallbacks,
    latencyMs,
    ...(calledTools ? { toolsUsed: calledTools } : {}),
    firstTokenMs: firstTokenAt === null ? null : firstTokenAt - start,
    outputFilters: outcome?.result.filter ? [outcome.result.filter] : [],
  };
  if (input.signal.aborted) return { record: finish(record, base, CANCELLED), text: answer };
  if (outcome?.result.ok) {
    const usage = outcome.result.usage;
    const costUsd = usage ? estimateCostUsd(outcome.model, usage.input, usage.output) : null;
    return { record: finish(record, { ...base, tokens: usage, costUsd }), text: answer };
  }
  if (outcome && !outcome.result.ok && outcome.result.delivered) return { record: finish(record, base, midAnswerError(outcome.result.failure.message, record.route.target)), text: answer };
  if (candidates.length === 0) {
    const message = images
      ? `the request holds images and no accepted model of class ${record.route.target} is tagged vision (add one with \`capabilities: [vision]\` to ~/.airlock/config.yaml, e.g. an Ollama llava or llama3.2-vision)`
      : `no accepted model of class ${record.route.target} to try`;
    return { record: finish(record, base, { status: 'error', error: { code: 'AIRLOCK_E_NO_CANDIDATE', message } }), text: '' };
  }
  return { record: finish(record, base, finalError(record.route.target, failures)), text: answer };
}
