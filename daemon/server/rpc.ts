// JSON-RPC 2.0 dispatch: parse, check the envelope, validate params with the protocol's zod schema, run the
// handler, map errors to stable codes. Whatever a message holds, the connection and the daemon carry on.
import { AirlockError, ERRORS, type ErrorCode } from '../../protocol/errors';
import { clientRequests, type ClientMethod, type ClientResults, type RpcFailure, type RpcResponse } from '../../protocol/methods';
import type { Connection } from './connection';
import { errorFields, type Logger } from './log';

export type Handler<M extends ClientMethod> = (params: (typeof clientRequests)[M]['_zod']['output'], conn: Connection) => Promise<ClientResults[M]>;
export type HandlerTable = { [M in ClientMethod]: Handler<M> };

type Id = number | string | null;

/** The most requests one JSON-RPC batch may hold; a larger batch is refused whole with AIRLOCK_E_INPUT_TOO_LARGE. */
export const MAX_BATCH = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function failure(id: Id, code: ErrorCode, message: string, details?: Record<string, unknown>): RpcFailure {
  return { jsonrpc: '2.0', id, error: { code: ERRORS[code].rpc, message, data: details ? { code, details } : { code } } };
}

function isMethod(name: string): name is ClientMethod {
  return Object.hasOwn(clientRequests, name);
}

function validId(id: unknown): id is number | string {
  return (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 256);
}

function paramsError(issues: readonly { path: PropertyKey[]; message: string }[]): AirlockError {
  const fields = issues.map((i) => ({ field: ['params', ...i.path.map(String)].join('.'), message: i.message }));
  const text = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new AirlockError('AIRLOCK_E_RPC_PARAMS', text, { fields });
}

function errorResponse(id: Id, err: unknown, method: string, log: Logger): RpcFailure {
  if (err instanceof AirlockError) return failure(id, err.code, err.message, err.details);
  // An unexpected error: its class and frames go to the log (not its message: it can quote input), the client gets a generic message.
  log.error('internal error', { method, ...errorFields(err) });
  return failure(id, 'AIRLOCK_E_INTERNAL', 'internal error in airlockd; the daemon log has the details');
}

/** One parsed message (not a batch); null when it was a notification and nothing is owed. */
async function handleOne(message: unknown, table: HandlerTable, conn: Connection, log: Logger): Promise<RpcResponse | null> {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return failure(null, 'AIRLOCK_E_RPC_REQUEST', 'a JSON-RPC request is an object');
  const m = message as Record<string, unknown>;
  const hasId = 'id' in m;
  if (hasId && !validId(m.id)) return failure(null, 'AIRLOCK_E_RPC_REQUEST', 'id must be a number or a string');
  const id = hasId ? (m.id as number | string) : null;
  if (m.jsonrpc !== '2.0') return failure(id, 'AIRLOCK_E_RPC_REQUEST', 'jsonrpc must be "2.0"');
  if (typeof m.method !== 'string') return failure(id, 'AIRLOCK_E_RPC_REQUEST', 'method must be a string');
  const method = m.method;
  const respond = (r: RpcResponse): RpcResponse | null => (hasId ? r : null);
  if (!isMethod(method)) return respond(failure(id, 'AIRLOCK_E_RPC_METHOD', `unknown method '${method.slice(0, 100)}'`));
  if (m.params !== undefined && (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))) {
    return respond(failure(id, 'AIRLOCK_E_RPC_PARAMS', 'params must be an object'));
  }
  try {
    const parsed = clientRequests[method].safeParse(m.params ?? {});
    if (!parsed.success) throw paramsError(parsed.error.issues);
    const handler = table[method] as Handler<ClientMethod>;
    const result = await handler(parsed.data as never, conn);
    return respond({ jsonrpc: '2.0', id: id as number | string, result });
  } catch (err) {
    return respond(errorResponse(id, err, method, log));
  }
}

/** Handles one WebSocket text message; returns the response text, or null when nothing is owed. */
export async function dispatch(raw: string, table: HandlerTable, conn: Connection, log: Logger): Promise<string | null> {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return JSON.stringify(failure(null, 'AIRLOCK_E_RPC_PARSE', 'the message is not valid JSON'));
  }
  if (Array.isArray(message)) {
    if (message.length === 0) return JSON.stringify(failure(null, 'AIRLOCK_E_RPC_REQUEST', 'an empty batch'));
    if (message.length > MAX_BATCH) {
      return JSON.stringify(failure(null, 'AIRLOCK_E_INPUT_TOO_LARGE', `a batch holds at most ${MAX_BATCH} requests; this one has ${message.length}: split it`, { limit: MAX_BATCH, size: message.length }));
    }
    const running: Promise<RpcResponse | null>[] = [];
    for (const one of message) {
      // Nobody is left to read the answer: start no more of the batch.
      if (!conn.open) break;
      running.push(handleOne(one, table, conn, log));
      // One request's synchronous work per turn of the event loop, so other connections are served in between.
      await nextTurn();
    }
    const responses = (await Promise.all(running)).filter((r) => r !== null);
    return responses.length && conn.open ? JSON.stringify(responses) : null;
  }
  const response = await handleOne(message, table, conn, log);
  return response ? JSON.stringify(response) : null;
}
