// Mistral chat API simulator: POST /v1/chat/completions (JSON, or SSE ending in `data: [DONE]`), GET /v1/models.
// Where Mistral differs from OpenAI, this does as Mistral does: a body field it does not know (stream_options, for
// one) is a 422 extra_forbidden; usage comes in the last chunk unasked; an unknown model is a 400 invalid_model; a
// tool call streams whole in one chunk with a 9-character id; a stream that fails ends with finish_reason "error".
import { jsonObject, play, sendJson, sse, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { allText, countWords, defaultReply, lastUserText } from './reply';

const DEFAULT_MODELS = ['mistral-small-latest', 'mistral-large-latest', 'codestral-latest'];
/** The body fields the chat endpoint accepts; any other is refused, as Mistral's schema forbids extras. */
const FIELDS = new Set(['model', 'messages', 'temperature', 'top_p', 'max_tokens', 'stream', 'stop', 'random_seed', 'response_format', 'tools', 'tool_choice', 'presence_penalty', 'frequency_penalty', 'n', 'prediction', 'parallel_tool_calls', 'prompt_mode', 'safe_prompt']);

const STATUS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Invalid request', type: 'invalid_request_error', code: null },
  401: { message: 'Unauthorized', type: 'unauthorized', code: null },
  403: { message: 'Forbidden', type: 'forbidden', code: null },
  404: { message: 'Not Found', type: 'not_found', code: null },
  429: { message: 'Requests rate limit exceeded', type: 'rate_limited', code: '1300' },
  500: { message: 'Internal server error', type: 'internal_error', code: '1000' },
  503: { message: 'Service unavailable', type: 'service_unavailable', code: '1000' },
};

/** Mistral's error body for a status. */
export function mistralError(status: number, message?: string): ErrorReply {
  const known = STATUS[status] ?? { message: `HTTP ${status}`, type: status >= 500 ? 'internal_error' : 'invalid_request_error', code: null };
  return { body: { object: 'error', message: message ?? known.message, type: known.type, param: null, code: known.code } };
}

function extraFields(body: Record<string, unknown>): ErrorReply | undefined {
  const extra = Object.keys(body).filter((k) => !FIELDS.has(k));
  if (!extra.length) return undefined;
  const detail = extra.map((k) => ({ type: 'extra_forbidden', loc: ['body', k], msg: 'Extra inputs are not permitted', input: body[k] }));
  return { body: { object: 'error', message: { detail }, type: 'invalid_request_error', param: null, code: null } };
}

/** A Mistral tool-call id: 9 letters and digits. */
const callId = (c: SimToolCall, i: number): string => c.id ?? `simcall0${i}`.slice(0, 9);

function usageOf(promptTokens: number, text: string): Record<string, number> {
  const completion = countWords(text);
  return { prompt_tokens: promptTokens, total_tokens: promptTokens + completion, completion_tokens: completion };
}

function streamWire(base: Record<string, unknown>, promptTokens: number): StreamWire {
  const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: Record<string, number>): string =>
    sse({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) });
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open: () => [chunk({ role: 'assistant', content: '' }, null)],
    piece: (text) => chunk({ content: text }, null),
    close: (text) => [chunk({ content: '' }, 'stop', usageOf(promptTokens, text)), sse('[DONE]')],
    malformed: () => `data: {"id":"${String(base.id)}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n`,
    error: () => chunk({ content: '' }, 'error', usageOf(promptTokens, '')) + sse('[DONE]'),
    toolCalls: (calls, text) => [
      chunk({ role: 'assistant', content: text }, null),
      chunk({ tool_calls: calls.map((c, index) => ({ id: callId(c, index), function: { name: c.name, arguments: c.pieces.join('') }, index })) }, null),
      chunk({ content: '' }, 'tool_calls', usageOf(promptTokens, text)),
      sse('[DONE]'),
    ],
  };
}

/** Why a message's content chunks are refused (422, as Mistral's schema does): `text` chunks and `image_url` chunks
 *  whose image_url is a URL string or `{ url }`. */
function chunkProblem(messages: unknown[]): ErrorReply | undefined {
  for (const [i, m] of messages.entries()) {
    const content = (m as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const [j, chunk] of content.entries()) {
      const c = chunk as { type?: unknown; text?: unknown; image_url?: unknown } | null;
      const url = typeof c?.image_url === 'string' ? c.image_url : (c?.image_url as { url?: unknown } | undefined)?.url;
      if (c?.type === 'text' && typeof c.text === 'string') continue;
      if (c?.type === 'image_url' && typeof url === 'string' && /^(data:image\/[\w.+-]+;base64,|https?:\/\/)/.test(url)) continue;
      return { body: { object: 'error', message: { detail: [{ type: 'union_tag_invalid', loc: ['body', 'messages', i, 'content', j], msg: 'Input tag does not match any of the expected tags: text, image_url', input: chunk }] }, type: 'invalid_request_error', param: null, code: null } };
    }
  }
  return undefined;
}

function chat(ex: Exchange, id: number, options: StartOptions): Promise<void> | void {
  const key = /^Bearer (.+)$/.exec(ex.headers.authorization ?? '')?.[1];
  if (!key || (options.apiKey !== undefined && key !== options.apiKey)) return sendJson(ex.res, 401, { message: 'Unauthorized', request_id: `sim-${id}` });
  const body = jsonObject(ex.body);
  if (!body) return sendJson(ex.res, 400, mistralError(400, 'Invalid JSON body').body);
  const extra = extraFields(body);
  if (extra) return sendJson(ex.res, 422, extra.body);
  if (!Array.isArray(body.messages)) return sendJson(ex.res, 422, { object: 'error', message: { detail: [{ type: 'missing', loc: ['body', 'messages'], msg: 'Field required', input: body }] }, type: 'invalid_request_error', param: null, code: null });
  const badChunk = chunkProblem(body.messages);
  if (badChunk) return sendJson(ex.res, 422, badChunk.body);
  const model = typeof body.model === 'string' ? body.model : '';
  if (!(options.models ?? DEFAULT_MODELS).includes(model)) return sendJson(ex.res, 400, { object: 'error', message: `Invalid model: ${model}`, type: 'invalid_model', param: null, code: '1500' });
  const base = { id: `sim${id.toString(16).padStart(29, '0')}`, created: Math.floor(Date.now() / 1000), model };
  const promptTokens = countWords(allText(body.messages));
  const wire: Wire = {
    error: (status, message) => mistralError(status, message),
    complete: (text) => ({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text, tool_calls: null, prefix: false }, finish_reason: 'stop' }], usage: usageOf(promptTokens, text) }),
    completeToolCalls: (calls, text) => ({
      ...base, object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text, tool_calls: calls.map((c, i) => ({ id: callId(c, i), type: 'function', function: { name: c.name, arguments: c.pieces.join('') }, index: i })), prefix: false }, finish_reason: 'tool_calls' }],
      usage: usageOf(promptTokens, text),
    }),
    stream: body.stream === true ? streamWire(base, promptTokens) : undefined,
  };
  return play(ex, wire, defaultReply('sim-mistral', lastUserText(body.messages)));
}

export function mistralDialect(options: StartOptions = {}): Dialect {
  let counter = 0;
  return {
    handle(ex) {
      if (ex.method === 'POST' && ex.pathname === '/v1/chat/completions') return chat(ex, ++counter, options);
      if (ex.method === 'GET' && ex.pathname === '/v1/models') {
        const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'mistralai', capabilities: { completion_chat: true, function_calling: true } }));
        return sendJson(ex.res, 200, { object: 'list', data });
      }
      sendJson(ex.res, 404, { detail: 'Not Found' });
    },
  };
}

/** Starts a Mistral simulator; point the provider's baseUrl at `${url}/v1`. */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(mistralDialect(options), options);
}
