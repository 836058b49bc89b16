// Carries out a planned embeddings request (POST /v1/embeddings, /api/embed): the same plan as a chat turn decided
// the class and the accepted models; this redacts each input as planned and asks the providers of those models for
// vectors. Embeddings are local by default: among the accepted models the least shared class goes first (an index
// of the workspace is built from its files), and a hosted provider is asked only when the policy allows it and no
// local one answered.
import type { CatalogueModel, DecisionRecord, ProviderConfig, ProviderClass, Redaction } from '../../protocol';
import type { ScanOptions } from '../detect';
import { shortMessage } from '../providers/errors';
import { ProviderError, type ProviderAdapter } from '../providers/types';
import type { Breakers } from './circuit';
import { eligibleModels } from './execute';
import type { Timeouts } from './execute-attempt';
import { CANCELLED, finalError, type CandidateFailure, type FinalError } from './execute-outcome';
import type { PlaceholderBook } from './redact';
import { redactForSending } from './rescan';
import type { Scanner } from './scan-pool';

/** How the inputs are joined into the one text the scan and the record see. */
export const EMBED_SEPARATOR = '\n\n';

const LADDER: readonly ProviderClass[] = ['local', 'private', 'hosted'];

/** The provider's embedding model: its config, else its kind's usual one; null when the kind has none. */
export function embedModelOf(config: ProviderConfig): string | null {
  if (config.embedModel) return config.embedModel;
  if (config.kind === 'ollama') return 'nomic-embed-text';
  return config.kind === 'openai' ? 'text-embedding-3-small' : null;
}

export interface EmbedInput {
  record: DecisionRecord;
  inputs: readonly string[];
  models: CatalogueModel[];
  book: PlaceholderBook;
  signal: AbortSignal;
  /** The plan's scan options: the re-scan of each redacted input sweeps with the same words. */
  scanOptions?: ScanOptions;
}

export interface EmbedDeps {
  adapters: (providerName: string) => ProviderAdapter;
  breakers: Breakers;
  clock: () => number;
  timeouts: Timeouts;
  /** Runs the re-scan of each redacted input (the daemon's worker pool); in-process when absent. */
  scanner?: Scanner;
}

export interface EmbedOutcome {
  record: DecisionRecord;
  embeddings: number[][];
}

/** Each input redacted as planned (the plan's spans are in the joined text); null when a span crosses two inputs. */
async function redactInputs(inputs: readonly string[], planned: readonly Redaction[], book: PlaceholderBook, scanner?: Scanner, options?: ScanOptions) {
  let offset = 0;
  const out: { texts: string[]; redactions: Redaction[]; blocked: string[] } = { texts: [], redactions: [], blocked: [] };
  let used = 0;
  for (const input of inputs) {
    const end = offset + input.length;
    const own = planned.filter((r) => r.start >= offset && r.end <= end).map((r) => ({ ...r, start: r.start - offset, end: r.end - offset }));
    used += own.length;
    const sent = await redactForSending(input, own, book, scanner, options);
    out.texts.push(sent.text);
    out.redactions.push(...sent.redactions.map((r) => ({ ...r, start: r.start + offset, end: r.end + offset })));
    if (sent.rescan.action === 'blocked') out.blocked.push(...sent.rescan.findings);
    offset = end + EMBED_SEPARATOR.length;
  }
  return used === planned.length ? out : null;
}

function attempt(model: CatalogueModel, embedModel: string, startedAt: number, durationMs: number, failure: ProviderError | null): DecisionRecord['attempts'][number] {
  return {
    // The model that embedded, under its provider: the route's chat model did not.
    modelId: `${model.provider}/${embedModel}`, provider: model.provider, startedAt: new Date(startedAt).toISOString(), durationMs,
    outcome: !failure ? 'ok' : failure.failure === 'timeout' ? 'timeout' : failure.failure === 'cancelled' ? 'cancelled' : 'error',
    ...(failure?.status !== undefined ? { httpStatus: failure.status } : {}),
    ...(failure ? { errorCode: failure.failure, message: failure.message } : {}),
  };
}

/** One call under the first-token timeout (an embedding is one answer) and the provider's own bound. */
async function callOnce(adapter: ProviderAdapter, embedModel: string, texts: string[], input: EmbedInput, deps: EmbedDeps) {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  input.signal.addEventListener('abort', onAbort, { once: true });
  const limit = Math.min(deps.timeouts.firstTokenMs, adapter.config.timeoutMs ?? Infinity);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limit);
  try {
    return { result: await adapter.embed!({ model: embedModel, input: texts, signal: controller.signal }), failure: null };
  } catch (err) {
    const failure = timedOut ? new ProviderError('timeout', `${adapter.config.name}: no embeddings within ${limit} ms`)
      : input.signal.aborted ? new ProviderError('cancelled', `${adapter.config.name}: cancelled by the client`)
        : err instanceof ProviderError ? err : new ProviderError('malformed', `${adapter.config.name}: ${shortMessage(err)}`);
    return { result: null, failure };
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener('abort', onAbort);
  }
}

function finish(record: DecisionRecord, patch: Partial<DecisionRecord>, final?: FinalError): DecisionRecord {
  const { error: _dropped, ...rest } = record;
  return { ...rest, ...patch, ...(final ? { status: final.status, error: final.error } : { status: 'ok' }) };
}

export async function embed(input: EmbedInput, deps: EmbedDeps): Promise<EmbedOutcome> {
  const { record } = input;
  if (record.status !== 'planned') return { record: { ...record }, embeddings: [] };
  const start = deps.clock();
  const redacted = await redactInputs(input.inputs, record.redactions, input.book, deps.scanner, input.scanOptions);
  if (!redacted || redacted.blocked.length) {
    const message = redacted ? `the redacted inputs still held ${[...new Set(redacted.blocked)].join(', ')} after redacting them again; nothing was sent` : 'a redaction spans two inputs; nothing was sent';
    return { record: finish(record, { latencyMs: deps.clock() - start }, { status: 'blocked', error: { code: 'AIRLOCK_E_BLOCKED', message } }), embeddings: [] };
  }
  // Local first, then private, then hosted; the policy's rank within a class.
  const candidates = eligibleModels(record, input.models).map((m, i) => ({ m, i }))
    .sort((a, b) => LADDER.indexOf(a.m.class) - LADDER.indexOf(b.m.class) || a.i - b.i).map((x) => x.m);
  const attempts: DecisionRecord['attempts'] = [];
  const failures: CandidateFailure[] = [];
  const tried = new Set<string>();
  for (const model of candidates) {
    if (input.signal.aborted) break;
    // One try per provider: its embedding model is the same whichever chat model led to it.
    if (tried.has(model.provider)) continue;
    tried.add(model.provider);
    const adapter = deps.adapters(model.provider);
    const embedModel = embedModelOf(adapter.config);
    if (!embedModel || !adapter.embed) continue;
    const breaker = deps.breakers.for(model.provider);
    if (!breaker.allow()) {
      failures.push({ model: embedModel, config: adapter.config, failure: 'circuit-open', message: 'circuit open' });
      continue;
    }
    const startedAt = deps.clock();
    const { result, failure } = await callOnce(adapter, embedModel, redacted.texts, input, deps);
    attempts.push(attempt(model, embedModel, startedAt, deps.clock() - startedAt, failure));
    breaker.report(!failure ? true : failure.failure === 'cancelled' ? null : ['auth', 'not-found', 'bad-request'].includes(failure.failure));
    if (result) {
      const tokens = result.usage ? { input: result.usage.input, output: 0 } : null;
      return { record: finish(record, { redactions: redacted.redactions, attempts, fallbacks: attempts.length - 1, latencyMs: deps.clock() - start, firstTokenMs: deps.clock() - start, tokens }), embeddings: result.embeddings };
    }
    failures.push({ model: embedModel, config: adapter.config, failure: failure!.failure, message: failure!.message, ...(failure!.code ? { code: failure!.code } : {}) });
  }
  const base = { redactions: redacted.redactions, attempts, fallbacks: Math.max(0, attempts.length - 1), latencyMs: deps.clock() - start };
  if (input.signal.aborted) return { record: finish(record, base, CANCELLED), embeddings: [] };
  if (!tried.size || (!failures.length && !attempts.length)) {
    const message = `no provider of an accepted ${record.route.target} model can embed (set embedModel on an ollama or openai provider in ~/.airlock/config.yaml)`;
    return { record: finish(record, base, { status: 'error', error: { code: 'AIRLOCK_E_NO_CANDIDATE', message } }), embeddings: [] };
  }
  return { record: finish(record, base, finalError(record.route.target, failures)), embeddings: [] };
}
