// Anthropic Messages API simulator: POST /v1/messages (JSON or SSE with named events), GET /v1/models.
import { jsonObject, play, sendJson, sse, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { allText, countWords, defaultReply, lastUserText } from './reply';

const DEFAULT_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5'];

const STATUS_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'Not found' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: "This request would exceed your organization's rate limit. Please try again later." },
  500: { type: 'api_error', message: 'Internal server error' },
  503: { type: 'api_error', message: 'Service unavailable' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

function errorObject(status: number, message?: string): { type: string; message: string } {
  const known = STATUS_ERRORS[status] ?? { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: `HTTP ${status}` };
  return { type: known.type, message: message ?? known.message };
}

/** Anthropic's error body for a status. */
export function anthropicError(status: number, message?: string, requestId?: string): ErrorReply {
  return { body: { type: 'error', error: errorObject(status, message), ...(requestId ? { request_id: requestId } : {}) } };
}

function presentedKey(ex: Exchange): string | undefined {
  const key = ex.headers['x-api-key'];
  if (typeof key === 'string' && key) return key;
  return /^Bearer (.+)$/.exec(ex.headers.authorization ?? '')?.[1];
}

/** Header and body checks a real endpoint makes before generating; the failing status and body, if any. */
function rejection(ex: Exchange, body: Record<string, unknown> | undefined, expectedKey?: string): [number, ErrorReply] | undefined {
  const key = presentedKey(ex);
  if (!key || (expectedKey !== undefined && key !== expectedKey)) return [401, anthropicError(401)];
  if (!ex.headers['anthropic-version']) return [400, anthropicError(400, 'anthropic-version: header is required')];
  if (!body) return [400, anthropicError(400, 'There was an issue with the JSON body of the request.')];
  if (typeof body.model !== 'string') return [400, anthropicError(400, 'model: Field required')];
  if (typeof body.max_tokens !== 'number') return [400, anthropicError(400, 'max_tokens: Field required')];
  if (!Array.isArray(body.messages)) return [400, anthropicError(400, 'messages: Field required')];
  return undefined;
}

function streamWire(message: Record<string, unknown>, inputTokens: number): StreamWire {
  const event = (type: string, data: Record<string, unknown> = {}): string => sse({ type, ...data }, type);
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open: () => [
      event('message_start', {
        message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } },
      }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping'),
    ],
    piece: (text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    close: (text) => [
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: countWords(text) } }),
      event('message_stop'),
    ],
    malformed: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n',
    error: (text) => sse({ type: 'error', error: errorObject(529, text) }, 'error'),
    // Claude's safety classifiers stop an answer with stop_reason "refusal".
    filtered: () => [
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'refusal', stop_sequence: null }, usage: { output_tokens: 1 } }),
      event('message_stop'),
    ],
    // Each call is its own tool_use content block after the text block (if any); its input streams as partial JSON.
    toolCalls: (calls, text) => {
      const first = text ? 1 : 0;
      return [
        event('message_start', { message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } } }),
        ...(text ? [event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }), event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }), event('content_block_stop', { index: 0 })] : []),
        ...calls.flatMap((c, i) => [
          event('content_block_start', { index: first + i, content_block: { type: 'tool_use', id: toolId(c, i), name: c.name, input: {} } }),
          ...c.pieces.map((partial_json) => event('content_block_delta', { index: first + i, delta: { type: 'input_json_delta', partial_json } })),
          event('content_block_stop', { index: first + i }),
        ]),
        event('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: countWords(text) + calls.length } }),
        event('message_stop'),
      ];
    },
  };
}

const toolId = (c: SimToolCall, i: number): string => c.id ?? `toolu_sim_${i}`;

function createMessage(ex: Exchange, nextId: () => number, options: StartOptions): Promise<void> | void {
  const body = jsonObject(ex.body);
  const rejected = rejection(ex, body, options.apiKey);
  if (rejected || !body) return sendJson(ex.res, rejected?.[0] ?? 400, (rejected?.[1] ?? anthropicError(400)).body);

  const id = nextId();
  const requestId = `req_sim_${id}`;
  const message = { id: `msg_sim_${id}`, type: 'message', role: 'assistant', model: body.model };
  const inputTokens = countWords(allText(body.messages, body.system));
  const wire: Wire = {
    headers: { 'request-id': requestId },
    error: (status, text) => anthropicError(status, text, requestId),
    complete: (text) => ({
      ...message,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: countWords(text) },
    }),
    completeToolCalls: (calls, text) => ({
      ...message,
      content: [...(text ? [{ type: 'text', text }] : []), ...calls.map((c, i) => ({ type: 'tool_use', id: toolId(c, i), name: c.name, input: JSON.parse(c.pieces.join('')) as unknown }))],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: countWords(text) + calls.length },
    }),
    stream: body.stream === true ? streamWire(message, inputTokens) : undefined,
  };
  return play(ex, wire, defaultReply('sim-anthropic', lastUserText(body.messages)));
}

function listModels(ex: Exchange, options: StartOptions): void {
  const key = presentedKey(ex);
  if (!key || (options.apiKey !== undefined && key !== options.apiKey)) return sendJson(ex.res, 401, anthropicError(401).body);
  const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
  sendJson(ex.res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
}

export function anthropicDialect(options: StartOptions = {}): Dialect {
  let counter = 0;
  const nextId = (): number => ++counter;
  return {
    handle(ex) {
      if (ex.method === 'POST' && ex.pathname === '/v1/messages') return createMessage(ex, nextId, options);
      if (ex.method === 'GET' && ex.pathname === '/v1/models') return listModels(ex, options);
      sendJson(ex.res, 404, anthropicError(404).body);
    },
  };
}

/** Starts an Anthropic simulator; point the SDK's `baseURL` at `url`. */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(anthropicDialect(options), options);
}
