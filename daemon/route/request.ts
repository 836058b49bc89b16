// One request, start to finish: plan → (refuse | run) → append the final record. chat/send and every HTTP surface
// (OpenAI, Anthropic, Ollama) are thin adapters onto this, so there is exactly one decision path. The store, the
// runner and the clock are injected; the adapter only translates its wire format and shows the outcome.
import { AirlockError, isErrorCode } from '../../protocol/errors';
import type { RequestFacts } from '../../protocol/facts';
import type { DecisionRecord } from '../../protocol/record';
import type { ToolCallDelta, ToolRequest } from '../../protocol/tools';
import type { ImageInput } from '../providers/types';
import { withinClass } from './ceiling';
import { plan, type Plan, type PlanContext } from './plan';
import { preferModel } from './prefer';

export interface RunRequest {
  requestId: string;
  text: string;
  plan: Plan;
  signal: AbortSignal;
  onDelta: (text: string) => void;
  /** The client's tools and response format (route/execute.ts gives each model what it is tagged for). */
  tools?: ToolRequest;
  onToolCall?: (delta: ToolCallDelta) => void;
  /** An embeddings request: these inputs (joined, they are `text`) are embedded instead of answered. */
  embed?: { inputs: string[] };
  /** Images that go with the prompt, to a model tagged `vision` only. */
  images?: ImageInput[];
}

export interface RequestDeps {
  /** Redact, call, retry, fall back, restore, filter (server/runner.ts); resolves with the final record. */
  run(input: RunRequest): Promise<{ record: DecisionRecord; text: string; embeddings?: number[][] }>;
  /** Resolves once the record is durable (group commit); every request appends exactly one record. */
  append(record: DecisionRecord): Promise<unknown>;
  now(): Date;
  /** Throws (AIRLOCK_E_STORE) when a record could not be kept: no provider is asked for an answer nobody would see. */
  checkStore?(): void;
  onInternalError?(err: unknown): void;
}

export interface RequestInput {
  requestId: string;
  text: string;
  facts: RequestFacts;
  plan: Omit<PlanContext, 'now'>;
  signal: AbortSignal;
  /** The planned record, once, after the provider request is on its way and before the first delta or the end. */
  onStarted?(record: DecisionRecord): void;
  onDelta?(delta: string): void;
  tools?: ToolRequest;
  /** Each piece of a tool call the model makes, arguments restored (placeholders → values). */
  onToolCall?(delta: ToolCallDelta): void;
  /** Embed these inputs instead of answering (`text` is them joined: what is scanned, decided and recorded). */
  embed?: { inputs: string[] };
  /** Images that go with the prompt (facts.images counts them, so the plan treats the request as unscanned). */
  images?: ImageInput[];
}

export interface RequestOutcome {
  /** The appended record: `ok`, `blocked`, `error` or `cancelled`. */
  record: DecisionRecord;
  /** The answer as the user sees it (placeholders restored, output filtered); '' unless `ok`. */
  text: string;
  /** False when the policy refused before any model was called (blocked, no candidate). */
  started: boolean;
  /** An embeddings request's vectors, one per input; empty unless `ok`. */
  embeddings?: number[][];
}

/** The error a client gets for a record that did not end `ok`, naming the record so the UI can show why. */
export function recordError(record: DecisionRecord): AirlockError {
  const code = record.status === 'cancelled' ? 'AIRLOCK_E_CANCELLED' : record.error && isErrorCode(record.error.code) ? record.error.code : 'AIRLOCK_E_PROVIDER';
  const message = record.error?.message ?? (record.status === 'cancelled' ? 'the request was cancelled' : 'the request failed');
  return new AirlockError(code, message, { recordId: record.id, record });
}

function failedRecord(record: DecisionRecord, err: unknown, startedMs: number, now: Date): DecisionRecord {
  const code = err instanceof AirlockError ? err.code : 'AIRLOCK_E_INTERNAL';
  const message = err instanceof AirlockError ? err.message : 'internal error while carrying out the request';
  return { ...record, status: 'error', latencyMs: now.getTime() - startedMs, error: { code, message } };
}

/** Calls `fn` once, however often the returned function runs. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** Scan and decide; a class ceiling the client chose (facts.maxClass) narrows the route, and a model the client named
 *  (facts.model) goes first only when the policy accepted it. */
export async function planRequest(input: Pick<RequestInput, 'text' | 'facts' | 'plan'>, now: Date): Promise<Plan> {
  const planned = await plan(input.text, input.facts, { ...input.plan, now });
  const record = withinClass(planned.record, input.facts.maxClass, input.plan.catalogue);
  return input.facts.model === undefined ? { ...planned, record } : { ...planned, record: preferModel(record, input.facts.model, input.plan.catalogue) };
}

/** Carries out one planned request. Never throws for a refusal or a failed provider: the outcome's record says so. */
export async function carryOut(input: Omit<RequestInput, 'text' | 'facts' | 'plan'> & { text: string; planned: Plan }, deps: RequestDeps): Promise<RequestOutcome> {
  const { planned } = input;
  if (planned.record.status === 'blocked' || planned.record.error) {
    await deps.append(planned.record);
    return { record: planned.record, text: '', started: false };
  }
  // No provider is asked for an answer whose record could not be kept: the user would never see it, yet pay for it.
  deps.checkStore?.();
  const announce = once(() => input.onStarted?.(planned.record));
  // A socket write costs about as much as the rest of the daemon's own work before the first token: the route is
  // announced once the provider request is on its way (the next turn of the event loop), and always before the
  // first chunk or the final response.
  setImmediate(announce);
  const startedMs = deps.now().getTime();
  let final: DecisionRecord;
  let text = '';
  let embeddings: number[][] | undefined;
  try {
    ({ record: final, text, embeddings } = await deps.run({
      requestId: input.requestId, text: input.text, plan: planned, signal: input.signal,
      onDelta: (delta) => {
        announce();
        input.onDelta?.(delta);
      },
      ...(input.tools ? { tools: input.tools } : {}),
      onToolCall: (delta) => {
        announce();
        input.onToolCall?.(delta);
      },
      ...(input.embed ? { embed: input.embed } : {}),
      ...(input.images?.length ? { images: input.images } : {}),
    }));
  } catch (err) {
    final = failedRecord(planned.record, err, startedMs, deps.now());
    if (!(err instanceof AirlockError)) deps.onInternalError?.(err);
  } finally {
    announce();
  }
  await deps.append(final);
  const ok = final.status === 'ok';
  return { record: final, text: ok ? text : '', started: true, ...(input.embed ? { embeddings: ok ? embeddings ?? [] : [] } : {}) };
}

/** Plans and carries out one request. */
export async function handleRequest(input: RequestInput, deps: RequestDeps): Promise<RequestOutcome> {
  const planned = await planRequest(input, deps.now());
  return carryOut({ ...input, planned }, deps);
}
