// Cohere v2 chat simulator: POST /v2/chat (JSON, or SSE with named events: message-start, content-start,
// content-delta, content-end, tool-plan-delta, tool-call-start/-delta/-end, message-end), GET /v1/models. Key as a
// bearer token. Errors are `{ id, message }`; a body field v2 does not know is a 400 (so is stream_options); usage
// comes in message-end as billed units and as tokens (which include Cohere's own preamble); a stream that fails ends
// with message-end finish_reason ERROR.
import { randomUUID } from 'node:crypto';
import { jsonObject, play, sendJson, sse, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { allText, countWords, defaultReply, lastUserText } from './reply';

const DEFAULT_MODELS = ['command-a-03-2025', 'command-r7b-12-2024'];
const FIELDS = new Set(['model', 'messages', 'stream', 'tools', 'documents', 'citation_options', 'response_format', 'safety_mode', 'max_tokens', 'stop_sequences', 'temperature', 'seed', 'frequency_penalty', 'presence_penalty', 'k', 'p', 'logprobs', 'tool_choice', 'strict_tools', 'thinking', 'priority']);
/** The tokens Cohere counts besides the prompt (its own system preamble): billed units leave them out. */
const PREAMBLE_TOKENS = 100;

const MESSAGES: Record<number, string> = {
  400: 'invalid request: the request could not be processed',
  401: 'invalid api token',
  403: 'Forbidden',
  404: 'Not Found',
  429: "You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'.",
  500: 'internal server error, this has been reported to our developers',
  503: 'service unavailable',
};

/** Cohere's error body for a status. */
export function cohereError(status: number, message?: string): ErrorReply {
  return { body: { id: randomUUID(), message: message ?? MESSAGES[status] ?? `HTTP ${status}` } };
}

function usage(promptTokens: number, text: string, extra = 0): Record<string, unknown> {
  const out = countWords(text) + extra;
  return { billed_units: { input_tokens: promptTokens, output_tokens: out }, tokens: { input_tokens: promptTokens + PREAMBLE_TOKENS, output_tokens: out } };
}

const callId = (c: SimToolCall, i: number): string => c.id ?? `${c.name}_sim${i}`;

function streamWire(id: string, promptTokens: number): StreamWire {
  const event = (type: string, data: Record<string, unknown> = {}): string => sse({ type, ...data }, type);
  const start = event('message-start', { id, delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
  const end = (finish: string, text: string, extra: Record<string, unknown> = {}, calls = 0): string => event('message-end', { delta: { finish_reason: finish, ...extra, usage: usage(promptTokens, text, calls) } });
  return {
    contentType: 'text/event-stream',
    open: () => [start, event('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } })],
    piece: (text) => event('content-delta', { index: 0, delta: { message: { content: { text } } } }),
    close: (text) => [event('content-end', { index: 0 }), end('COMPLETE', text)],
    malformed: () => 'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"content":{"te\n\n',
    error: (message) => end('ERROR', '', { error: message }),
    // Cohere says what it plans before it calls: the plan streams as tool-plan-delta, then each call as its own events.
    toolCalls: (calls, text) => [
      start,
      ...(text ? [event('tool-plan-delta', { delta: { message: { tool_plan: text } } })] : []),
      ...calls.flatMap((c, index) => [
        event('tool-call-start', { index, delta: { message: { tool_calls: { id: callId(c, index), type: 'function', function: { name: c.name, arguments: '' } } } } }),
        ...c.pieces.map((arguments_) => event('tool-call-delta', { index, delta: { message: { tool_calls: { function: { arguments: arguments_ } } } } })),
        event('tool-call-end', { index }),
      ]),
      end('TOOL_CALL', '', {}, calls.length),
    ],
  };
}

/** Why a message's content is refused: a list of `text` blocks and `image_url` blocks whose `image_url.url` is a URL. */
function contentProblem(messages: unknown[]): string | null {
  for (const [i, m] of messages.entries()) {
    const content = (m as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const [j, block] of content.entries()) {
      const b = block as { type?: unknown; text?: unknown; image_url?: { url?: unknown } } | null;
      if (b?.type === 'text' && typeof b.text === 'string') continue;
      if (b?.type === 'image_url' && typeof b.image_url?.url === 'string' && /^(data:image\/[\w.+-]+;base64,|https?:\/\/)/.test(b.image_url.url)) continue;
      return `invalid request: messages[${i}].content[${j}] must be a text or image_url content block`;
    }
  }
  return null;
}

function chat(ex: Exchange, options: StartOptions): Promise<void> | void {
  const token = /^Bearer (.+)$/.exec(ex.headers.authorization ?? '')?.[1];
  if (!token) return sendJson(ex.res, 401, cohereError(401, 'no api key supplied').body);
  if (options.apiKey !== undefined && token !== options.apiKey) return sendJson(ex.res, 401, cohereError(401).body);
  const body = jsonObject(ex.body);
  if (!body) return sendJson(ex.res, 400, cohereError(400, 'invalid request: could not parse the request body as JSON').body);
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) return sendJson(ex.res, 400, cohereError(400, `invalid request: unknown field: parameter ${unknown} is not a valid field`).body);
  if (!Array.isArray(body.messages)) return sendJson(ex.res, 400, cohereError(400, 'invalid request: messages must be specified').body);
  const badContent = contentProblem(body.messages);
  if (badContent) return sendJson(ex.res, 400, cohereError(400, badContent).body);
  const model = typeof body.model === 'string' ? body.model : '';
  if (!(options.models ?? DEFAULT_MODELS).includes(model)) {
    return sendJson(ex.res, 404, cohereError(404, `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`).body);
  }
  const id = randomUUID();
  const promptTokens = countWords(allText(body.messages));
  const wire: Wire = {
    error: (status, message) => cohereError(status, message),
    complete: (text) => ({ id, message: { role: 'assistant', content: [{ type: 'text', text }] }, finish_reason: 'COMPLETE', usage: usage(promptTokens, text) }),
    completeToolCalls: (calls, text) => ({
      id, finish_reason: 'TOOL_CALL', usage: usage(promptTokens, '', calls.length),
      message: { role: 'assistant', tool_plan: text, tool_calls: calls.map((c, i) => ({ id: callId(c, i), type: 'function', function: { name: c.name, arguments: c.pieces.join('') } })) },
    }),
    stream: body.stream === true ? streamWire(id, promptTokens) : undefined,
  };
  return play(ex, wire, defaultReply('sim-cohere', lastUserText(body.messages)));
}

export function cohereDialect(options: StartOptions = {}): Dialect {
  return {
    handle(ex) {
      if (ex.method === 'POST' && ex.pathname === '/v2/chat') return chat(ex, options);
      if (ex.method === 'GET' && ex.pathname === '/v1/models') {
        const models = (options.models ?? DEFAULT_MODELS).map((name) => ({ name, endpoints: ['chat'], finetuned: false, context_length: 256000, features: ['tools', 'json_mode'] }));
        return sendJson(ex.res, 200, { models });
      }
      sendJson(ex.res, 404, cohereError(404).body);
    },
  };
}

/** Starts a Cohere simulator; point the SDK's `baseUrl` at `url`. */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(cohereDialect(options), options);
}
