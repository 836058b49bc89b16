// One try of one candidate: stream from the provider under first-token and idle timeouts, restore placeholders,
// filter the output, and hand text to the user. Reports what happened; the caller decides about retries.
import type { Attempt, CatalogueModel, OutputFilter, ToolCallDelta, ToolRequest } from '../../protocol';
import { shortMessage } from '../providers/errors';
import { ProviderError, type ChatMessage, type ProviderAdapter, type StreamResult } from '../providers/types';
import { createOutputFilter } from './output-filter';
import type { PlaceholderBook } from './redact';
import { createRestorer } from './restore';
import { createToolCallStream } from './tool-calls';

export interface Timeouts {
  /** From the request to the first piece of answer. */
  firstTokenMs: number;
  /** Between two pieces of answer. */
  idleMs: number;
}

export interface AttemptContext {
  adapter: ProviderAdapter;
  model: CatalogueModel;
  messages: ChatMessage[];
  maxTokens?: number;
  /** The user's signal: aborting it cancels the attempt. */
  signal: AbortSignal;
  timeouts: Timeouts;
  clock: () => number;
  book: PlaceholderBook;
  isOwn: (value: string) => boolean;
  /** Called with filtered, restored text for the user. */
  deliver: (text: string) => void;
  /** Tools for this model (already dropped when the model is not tagged for them). */
  tools?: ToolRequest;
  /** Called with each piece of a tool call, arguments restored. */
  deliverToolCall?: (delta: ToolCallDelta) => void;
}

export interface AttemptRun {
  attempt: Attempt;
  /** null when the attempt succeeded. */
  failure: ProviderError | null;
  /** The provider sent some answer text (a later drop is not a "before first byte" reset). */
  receivedText: boolean;
  /** Some text reached the user: no other model may take over. */
  delivered: boolean;
  usage: StreamResult['usage'];
  filter: OutputFilter;
}

function classify(err: unknown, timedOut: string | null, userSignal: AbortSignal, provider: string): ProviderError {
  if (timedOut) return new ProviderError('timeout', `${provider}: ${timedOut}`);
  if (userSignal.aborted) return new ProviderError('cancelled', `${provider}: cancelled by the client`);
  if (err instanceof ProviderError) return err;
  return new ProviderError('malformed', `${provider}: ${shortMessage(err)}`);
}

function outcomeOf(failure: ProviderError | null): Attempt['outcome'] {
  if (!failure) return 'ok';
  if (failure.failure === 'timeout') return 'timeout';
  return failure.failure === 'cancelled' ? 'cancelled' : 'error';
}

function attemptEntry(model: CatalogueModel, startedAt: number, durationMs: number, failure: ProviderError | null): Attempt {
  return {
    modelId: model.id,
    provider: model.provider,
    startedAt: new Date(startedAt).toISOString(),
    durationMs,
    outcome: outcomeOf(failure),
    ...(failure?.status !== undefined ? { httpStatus: failure.status } : {}),
    ...(failure ? { errorCode: failure.failure, message: failure.message } : {}),
  };
}

export async function runAttempt(ctx: AttemptContext): Promise<AttemptRun> {
  const startedAt = ctx.clock();
  const controller = new AbortController();
  const onUserAbort = (): void => controller.abort();
  ctx.signal.addEventListener('abort', onUserAbort, { once: true });
  if (ctx.signal.aborted) controller.abort();

  let timedOut: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, what: string): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = what;
      controller.abort();
    }, ms);
  };

  const restorer = createRestorer(ctx.book);
  const filter = createOutputFilter({ isOwn: ctx.isOwn });
  let receivedText = false;
  let delivered = false;
  // The filter is async and deltas arrive synchronously: a promise chain keeps the answer in order.
  let chain = Promise.resolve();
  const emit = (text: string): void => {
    if (!text || ctx.signal.aborted) return;
    delivered = true;
    ctx.deliver(text);
  };
  const send = (restored: string, end = false): void => {
    chain = chain.then(async () => {
      emit(await filter.push(restored));
      if (end) emit(await filter.flush());
    });
  };

  const toolCalls = createToolCallStream(ctx.book, ctx.isOwn, (task) => void (chain = chain.then(task)), (delta) => {
    if (ctx.signal.aborted || !ctx.deliverToolCall) return;
    delivered = true;
    ctx.deliverToolCall(delta);
  });
  let textOpen = false;
  const onToolCall = (delta: ToolCallDelta): void => {
    if (controller.signal.aborted) return;
    receivedText = true;
    // Text the restorer or the filter still holds belongs before the call: release it first, in order.
    if (textOpen) send(restorer.flush(), true);
    textOpen = false;
    arm(ctx.timeouts.idleMs, `the answer stalled for ${ctx.timeouts.idleMs} ms`);
    toolCalls.push(delta);
  };

  let failure: ProviderError | null = null;
  let usage: StreamResult['usage'] = null;
  arm(ctx.timeouts.firstTokenMs, `no answer within ${ctx.timeouts.firstTokenMs} ms`);
  // The provider's own bound on a whole attempt (config `timeoutMs`), on top of the first-token and idle timeouts.
  const limit = ctx.adapter.config.timeoutMs;
  const wholeTimer = limit === undefined ? undefined : setTimeout(() => {
    timedOut = `the answer took longer than ${limit} ms (timeoutMs of provider ${ctx.adapter.config.name})`;
    controller.abort();
  }, limit);
  try {
    const request = {
      model: ctx.model.model, messages: ctx.messages, signal: controller.signal, ...(ctx.maxTokens ? { maxTokens: ctx.maxTokens } : {}),
      ...(ctx.tools ? { tools: ctx.tools, onToolCall } : {}),
    };
    const result = await ctx.adapter.stream(request, (delta) => {
      if (controller.signal.aborted) return;
      receivedText = true;
      arm(ctx.timeouts.idleMs, `the answer stalled for ${ctx.timeouts.idleMs} ms`);
      textOpen = true;
      send(restorer.push(delta));
    });
    clearTimeout(timer);
    usage = result.usage;
    toolCalls.end();
    send(restorer.flush(), true);
    await chain;
  } catch (err) {
    clearTimeout(timer);
    failure = classify(err, timedOut, ctx.signal, ctx.model.provider);
    await chain.catch(() => undefined);
    // Once the user has part of the answer, they get the rest of what arrived (filtered); otherwise it is dropped.
    if (delivered && failure.failure !== 'cancelled') {
      send(restorer.flush(), true);
      await chain.catch(() => undefined);
    }
  } finally {
    clearTimeout(timer);
    clearTimeout(wholeTimer);
    ctx.signal.removeEventListener('abort', onUserAbort);
  }
  return { attempt: attemptEntry(ctx.model, startedAt, ctx.clock() - startedAt, failure), failure, receivedText, delivered, usage, filter: toolCalls.merge(filter.result()) };
}
