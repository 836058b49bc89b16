// OpenAI Chat Completions simulator. Also serves the Azure OpenAI path
// (/openai/deployments/{deployment}/chat/completions?api-version=…, `api-key` header) and any
// OpenAI-compatible prefix such as OpenRouter's /api/v1.
import { jsonObject, play, sendJson, sse, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { allText, countWords, defaultReply, lastUserText, simEmbedding } from './reply';

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

const STATUS_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided: sk-sim***. You can find your API key at https://platform.openai.com/account/api-keys.' },
  403: { type: 'request_forbidden', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The server is overloaded or not ready yet.' },
};

/** Azure OpenAI's answer to a prompt its content filter refuses (HTTP 400, code content_filter); script it as
 *  `{ kind: 'status', status: 400, message: AZURE_PROMPT_FILTERED }`. */
export const AZURE_PROMPT_FILTERED = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766";

/** OpenAI's error body for a status. */
export function openaiError(status: number, message?: string, param: string | null = null): ErrorReply {
  if (status === 400 && message === AZURE_PROMPT_FILTERED) {
    const filter = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: true, severity: 'high' } };
    return { body: { error: { message, type: null, param: 'prompt', code: 'content_filter', status: 400, innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: filter } } } };
  }
  const known = STATUS_ERRORS[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null, message: `HTTP ${status}` };
  return { body: { error: { message: message ?? known.message, type: known.type, param, code: known.code } } };
}

function presentedKey(ex: Exchange, azure: boolean): string | undefined {
  const apiKey = ex.headers['api-key'];
  if (azure && typeof apiKey === 'string' && apiKey) return apiKey;
  const bearer = /^Bearer (.+)$/.exec(ex.headers.authorization ?? '');
  return bearer?.[1];
}

/** The 401 a real endpoint gives for a missing or wrong key, or undefined when the key is acceptable. */
function authFailure(ex: Exchange, azure: boolean, expected?: string): ErrorReply | undefined {
  const key = presentedKey(ex, azure);
  if (key && (expected === undefined || key === expected)) return undefined;
  if (azure) {
    return { body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } } };
  }
  if (!key) {
    return openaiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. Authorization: Basic :YOUR_KEY) of the HTTP basic auth.");
  }
  return openaiError(401);
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

function usageOf(promptTokens: number, text: string): Usage {
  const completion = countWords(text);
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}

function streamWire(base: Record<string, unknown>, promptTokens: number, includeUsage: boolean): StreamWire {
  const withUsage = includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    sse({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...withUsage });
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open: () => [chunk({ role: 'assistant', content: '', refusal: null }, null)],
    piece: (text) => chunk({ content: text }, null),
    close: (text) => [
      chunk({}, 'stop'),
      ...(includeUsage ? [sse({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageOf(promptTokens, text) })] : []),
      sse('[DONE]'),
    ],
    malformed: () => `data: {"id":"${String(base.id)}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n`,
    error: (message) => sse(openaiError(500, message).body),
    // The content filter ends the answer with finish_reason content_filter (Azure: and the filter's verdicts).
    filtered: () => [
      chunk({}, 'content_filter'),
      ...(includeUsage ? [sse({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageOf(promptTokens, '') })] : []),
      sse('[DONE]'),
    ],
    // As the API streams a call: the first chunk has id, type and name with empty arguments, then argument pieces.
    toolCalls: (calls, text) => [
      chunk({ role: 'assistant', content: text ? '' : null, refusal: null }, null),
      ...(text ? [chunk({ content: text }, null)] : []),
      ...calls.flatMap((c, index) => [
        chunk({ tool_calls: [{ index, id: callId(c, index), type: 'function', function: { name: c.name, arguments: '' } }] }, null),
        ...c.pieces.map((p) => chunk({ tool_calls: [{ index, function: { arguments: p } }] }, null)),
      ]),
      chunk({}, 'tool_calls'),
      ...(includeUsage ? [sse({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageOf(promptTokens, text) })] : []),
      sse('[DONE]'),
    ],
  };
}

const callId = (c: SimToolCall, index: number): string => c.id ?? `call_sim_${index}`;

function chatCompletion(ex: Exchange, nextId: () => number, options: StartOptions, azureDeployment?: string): Promise<void> | void {
  const failure = authFailure(ex, azureDeployment !== undefined, options.apiKey);
  if (failure) return sendJson(ex.res, 401, failure.body);
  if (azureDeployment !== undefined && !ex.query.get('api-version')) {
    return sendJson(ex.res, 404, { error: { code: '404', message: 'Resource not found' } });
  }
  const body = jsonObject(ex.body);
  if (!body) {
    return sendJson(ex.res, 400, openaiError(400, 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)').body);
  }
  if (!Array.isArray(body.messages)) return sendJson(ex.res, 400, openaiError(400, "Missing required parameter: 'messages'.", 'messages').body);
  const model = typeof body.model === 'string' ? body.model : azureDeployment;
  if (!model) return sendJson(ex.res, 400, openaiError(400, 'you must provide a model parameter').body);

  const id = nextId();
  const base = { id: `chatcmpl-sim-${id}`, created: Math.floor(Date.now() / 1000), model, system_fingerprint: 'fp_sim' };
  const promptTokens = countWords(allText(body.messages));
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  const wire: Wire = {
    headers: { 'x-request-id': `req_sim_${id}`, 'openai-processing-ms': '1' },
    error: (status, message) => openaiError(status, message),
    complete: (text) => ({
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage: usageOf(promptTokens, text),
    }),
    completeToolCalls: (calls, text) => ({
      ...base,
      object: 'chat.completion',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: text || null, refusal: null, annotations: [], tool_calls: calls.map((c, i) => ({ id: callId(c, i), type: 'function', function: { name: c.name, arguments: c.pieces.join('') } })) },
        logprobs: null, finish_reason: 'tool_calls',
      }],
      usage: usageOf(promptTokens, text),
    }),
    stream: body.stream === true ? streamWire(base, promptTokens, streamOptions?.include_usage === true) : undefined,
  };
  return play(ex, wire, defaultReply('sim-openai', lastUserText(body.messages)));
}

/** POST /embeddings: float vectors, or base64 float32 (the SDK's default); `status` and `hang` behaviours play. */
async function embeddings(ex: Exchange, options: StartOptions): Promise<void> {
  const failure = authFailure(ex, false, options.apiKey);
  if (failure) return sendJson(ex.res, 401, failure.body);
  const body = jsonObject(ex.body);
  if (!body || (typeof body.input !== 'string' && !Array.isArray(body.input))) return sendJson(ex.res, 400, openaiError(400, "'input' is a required property", 'input').body);
  const input = typeof body.input === 'string' ? [body.input] : body.input.map(String);
  const b = ex.nextBehaviour();
  if (b.kind === 'status') return sendJson(ex.res, b.status, openaiError(b.status, b.message).body);
  if (b.kind === 'hang') return new Promise((resolve) => ex.res.on('close', () => resolve()));
  const base64 = body.encoding_format === 'base64';
  const data = input.map((text, index) => {
    const v = simEmbedding(text);
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v };
  });
  const tokens = countWords(input.join(' '));
  sendJson(ex.res, 200, { object: 'list', data, model: String(body.model ?? ''), usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

function listModels(ex: Exchange, options: StartOptions): void {
  const failure = authFailure(ex, false, options.apiKey);
  if (failure) return sendJson(ex.res, 401, failure.body);
  const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'sim' }));
  sendJson(ex.res, 200, { object: 'list', data });
}

export function openaiDialect(options: StartOptions = {}): Dialect {
  let counter = 0;
  const nextId = (): number => ++counter;
  return {
    handle(ex) {
      const azure = AZURE_PATH.exec(ex.pathname);
      if (ex.method === 'POST' && azure) return chatCompletion(ex, nextId, options, decodeURIComponent(azure[1] ?? ''));
      if (ex.method === 'POST' && ex.pathname.endsWith('/chat/completions')) return chatCompletion(ex, nextId, options);
      if (ex.method === 'POST' && ex.pathname.endsWith('/embeddings')) return embeddings(ex, options);
      if (ex.method === 'GET' && ex.pathname.endsWith('/models')) return listModels(ex, options);
      sendJson(ex.res, 404, { error: { message: `Invalid URL (${ex.method} ${ex.pathname})`, type: 'invalid_request_error', param: null, code: null } });
    },
  };
}

/** Starts an OpenAI-compatible simulator; point the SDK at `${url}/v1` (Azure: endpoint `url`). */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(openaiDialect(options), options);
}
