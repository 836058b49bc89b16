// chat/send and chat/cancel: plan, run, tell the client the route before any answer text, append the final record.
import { AirlockError, isErrorCode } from '../../../protocol/errors';
import type { ChatSendParams, ClientResults } from '../../../protocol/methods';
import type { DecisionRecord } from '../../../protocol/record';
import { plan, storageFor } from '../../route/plan';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';

type Params = Required<Pick<ChatSendParams, 'requestId' | 'text' | 'facts'>> & Pick<ChatSendParams, 'policy' | 'storePrompts'>;

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

/** Sends `chat/started` once. The client has the prompt, so the record leaves out the stored copy. */
function announcer(conn: Connection, requestId: string, record: DecisionRecord): () => void {
  let sent = false;
  return () => {
    if (sent) return;
    sent = true;
    const { text: _stored, ...prompt } = record.prompt;
    conn.notify('chat/started', { requestId, record: { ...record, prompt } });
  };
}

export const chatSend = (ctx: ServerContext) => async (params: Params, conn: Connection): Promise<ClientResults['chat/send']> => {
  const { requestId } = params;
  if (ctx.inflight.has(requestId)) throw new AirlockError('AIRLOCK_E_INPUT', `request ${requestId} is already running`, { requestId });
  const config = ctx.state.config();
  const planned = await plan(params.text, params.facts, {
    policy: ctx.state.policyFor(params.policy), catalogue: config.catalogue, storage: storageFor(config.storePrompts, params.storePrompts), now: ctx.now(), scanner: ctx.scan,
  });
  if (planned.record.status === 'blocked' || planned.record.error) {
    await ctx.records.append(planned.record);
    ctx.log.info('request refused', { requestId, recordId: planned.record.id, code: planned.record.error?.code, rule: planned.record.rule.id });
    throw recordError(planned.record);
  }
  const announce = announcer(conn, requestId, planned.record);
  // A socket write costs about as much as the rest of the daemon's own work before the first token: the route is
  // announced once the provider request is on its way (the next turn of the event loop), and always before the
  // first chunk or the final response.
  setImmediate(announce);
  const abort = new AbortController();
  ctx.inflight.set(requestId, abort);
  // Nobody is left to read the answer: stop spending tokens on it.
  conn.onClose(() => abort.abort());
  const startedMs = ctx.now().getTime();
  let final: DecisionRecord;
  let text = '';
  try {
    ({ record: final, text } = await ctx.runner.run({
      requestId, text: params.text, plan: planned, signal: abort.signal,
      onDelta: (delta) => {
        announce();
        conn.notify('chat/chunk', { requestId, delta });
      },
    }));
  } catch (err) {
    final = failedRecord(planned.record, err, startedMs, ctx.now());
    if (!(err instanceof AirlockError)) ctx.log.error('runner failed', { requestId, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
  } finally {
    ctx.inflight.delete(requestId);
    announce();
  }
  await ctx.records.append(final);
  ctx.log.info('request done', { requestId, recordId: final.id, status: final.status, target: final.route.target, model: final.route.modelId, latencyMs: final.latencyMs });
  if (final.status !== 'ok') throw recordError(final);
  return { record: final, text };
};

export const chatCancel = (ctx: ServerContext) => async (params: { requestId: string }): Promise<ClientResults['chat/cancel']> => {
  const running = ctx.inflight.get(params.requestId);
  running?.abort();
  return { cancelled: running !== undefined };
};
