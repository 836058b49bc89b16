// chat/send and chat/cancel: a thin adapter onto route/request.ts (the one decision path): it plans, tells the
// client the route before any answer text (chat/started), streams chat/chunk, and answers once the record is durable.
import { AirlockError } from '../../../protocol/errors';
import type { ChatSendParams, ClientResults } from '../../../protocol/methods';
import type { DecisionRecord } from '../../../protocol/record';
import type { ToolCallDelta, ToolRequest } from '../../../protocol/tools';
import type { ImageInput } from '../../providers/types';
import { storageFor } from '../../route/plan';
import { carryOut, planRequest, recordError, type RequestDeps } from '../../route/request';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';
import { errorFields } from '../log';
import { conversationTask, seedFacts } from '../seed-facts';

type Params = Required<Pick<ChatSendParams, 'requestId' | 'text' | 'facts'>> & Pick<ChatSendParams, 'policy' | 'storePrompts'> & {
  /** lm/chat's tools (not part of chat/send's params), and where the model's tool-call pieces go. */
  tools?: ToolRequest;
  onToolCall?: (delta: ToolCallDelta) => void;
  /** lm/chat's images (counted in `facts.images` by lm/chat), for a model tagged `vision` only. */
  images?: ImageInput[];
};

/** What route/request.ts needs from the daemon: the runner, the group-commit writer, the clock. */
export function requestDeps(ctx: ServerContext): RequestDeps {
  return {
    run: (input) => ctx.runner.run(input),
    append: (record) => ctx.records.append(record),
    now: ctx.now,
    checkStore: () => ctx.checkStore(),
    onInternalError: (err) => ctx.log.error('runner failed', errorFields(err)),
  };
}

/** The client has the prompt, so the announced record leaves out the stored copy. */
function announced(record: DecisionRecord): DecisionRecord {
  const { text: _stored, ...prompt } = record.prompt;
  return { ...record, prompt };
}

export const chatSend = (ctx: ServerContext) => async (params: Params, conn: Connection): Promise<ClientResults['chat/send']> => {
  const { requestId } = params;
  if (ctx.inflight.has(requestId)) throw new AirlockError('AIRLOCK_E_INPUT', `request ${requestId} is already running`, { requestId });
  const config = ctx.state.config();
  const planned = await planRequest({
    text: params.text, facts: seedFacts(params.facts, config, conversationTask(params.facts)),
    plan: { policy: ctx.state.policyFor(params.policy), catalogue: config.catalogue, storage: storageFor(config.storePrompts, params.storePrompts), logged: [requestId], scanner: ctx.scan },
  }, ctx.now());
  // The request id is the client's free text: the log gets it masked like the facts.
  const logId = planned.quote(requestId);
  const abort = new AbortController();
  ctx.inflight.set(requestId, abort);
  // Nobody is left to read the answer: stop spending tokens on it.
  conn.onClose(() => abort.abort());
  let outcome;
  try {
    outcome = await carryOut({
      requestId, text: params.text, planned, signal: abort.signal,
      onStarted: (record) => conn.notify('chat/started', { requestId, record: announced(record) }),
      onDelta: (delta) => conn.notify('chat/chunk', { requestId, delta }),
      ...(params.tools ? { tools: params.tools } : {}),
      ...(params.onToolCall ? { onToolCall: params.onToolCall } : {}),
      ...(params.images?.length ? { images: params.images } : {}),
    }, requestDeps(ctx));
  } finally {
    ctx.inflight.delete(requestId);
  }
  const { record: final, text } = outcome;
  if (!outcome.started) {
    ctx.log.info('request refused', { requestId: logId, recordId: final.id, code: final.error?.code, rule: final.rule.id });
    throw recordError(final);
  }
  ctx.log.info('request done', { requestId: logId, recordId: final.id, status: final.status, target: final.route.target, model: final.route.modelId, latencyMs: final.latencyMs });
  if (final.status !== 'ok') throw recordError(final);
  return { record: final, text };
};

export const chatCancel = (ctx: ServerContext) => async (params: { requestId: string }): Promise<ClientResults['chat/cancel']> => {
  const running = ctx.inflight.get(params.requestId);
  running?.abort();
  return { cancelled: running !== undefined };
};
