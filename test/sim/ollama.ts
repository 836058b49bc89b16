// Ollama simulator: POST /api/chat and /api/generate (NDJSON stream by default, one JSON object with
// `stream: false`), POST /api/embed, GET /api/tags, GET /api/version, GET / ("Ollama is running").
import { jsonObject, play, sendJson, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { allText, countWords, defaultReply, lastUserText, simEmbedding } from './reply';

const DEFAULT_MODELS = ['llama3.2:3b', 'qwen2.5-coder:7b', 'nomic-embed-text:latest'];
export const OLLAMA_VERSION = '0.12.3';

const STATUS_MESSAGES: Record<number, string> = {
  400: 'invalid request',
  429: 'too many requests',
  500: 'llama runner process has terminated: exit status 2',
  503: 'server busy, please try again.  maximum pending requests exceeded',
};

/** Ollama's error body: a bare `{"error": "…"}`. */
export function ollamaError(status: number, message?: string): ErrorReply {
  return { body: { error: message ?? STATUS_MESSAGES[status] ?? `HTTP ${status}` } };
}

/** Ollama resolves a name without a tag to `:latest`. */
function knownModel(models: string[], name: string): boolean {
  const full = name.includes(':') ? name : `${name}:latest`;
  return models.includes(name) || models.includes(full);
}

function tags(models: string[]): unknown {
  return {
    models: models.map((name, i) => ({
      name,
      model: name,
      modified_at: '2025-06-01T12:00:00.000000000Z',
      size: 2_019_393_189 + i,
      digest: `${String(i).padStart(2, '0')}`.padEnd(64, 'a'),
      details: { parent_model: '', format: 'gguf', family: name.split(/[.:\d]/)[0] ?? name, families: [name.split(/[.:\d]/)[0] ?? name], parameter_size: name.split(':')[1]?.toUpperCase() ?? '3B', quantization_level: 'Q4_K_M' },
    })),
  };
}

type Endpoint = 'chat' | 'generate';

/** The reply part of a chunk: chat answers carry a message, generate a bare `response` string. */
function replyField(endpoint: Endpoint, text: string): Record<string, unknown> {
  return endpoint === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text };
}

function finalFields(promptTokens: number, text: string): Record<string, unknown> {
  const evalCount = countWords(text);
  const durations = { load_duration: 1_000_000, prompt_eval_duration: promptTokens * 1_000_000, eval_duration: evalCount * 10_000_000 };
  return {
    done: true,
    done_reason: 'stop',
    total_duration: durations.load_duration + durations.prompt_eval_duration + durations.eval_duration,
    load_duration: durations.load_duration,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: durations.prompt_eval_duration,
    eval_count: evalCount,
    eval_duration: durations.eval_duration,
  };
}

function streamWire(endpoint: Endpoint, head: () => Record<string, unknown>, promptTokens: number): StreamWire {
  const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
  return {
    contentType: 'application/x-ndjson',
    open: () => [],
    piece: (text) => line({ ...head(), ...replyField(endpoint, text), done: false }),
    close: (text) => [line({ ...head(), ...replyField(endpoint, ''), ...finalFields(promptTokens, text) })],
    malformed: () => `{"model":"${String(head().model)}","created_at":"${String(head().created_at)}","message":{"role":"assistant","content":"\n`,
    error: (message) => line({ error: message }),
    // Ollama sends each call whole, its arguments an object, in one message; then the done line.
    toolCalls: (calls, text) => [
      ...(text ? [line({ ...head(), ...replyField(endpoint, text), done: false })] : []),
      line({ ...head(), message: { role: 'assistant', content: '', tool_calls: ollamaCalls(calls) }, done: false }),
      line({ ...head(), ...replyField(endpoint, ''), ...finalFields(promptTokens, text) }),
    ],
  };
}

const ollamaCalls = (calls: SimToolCall[]) => calls.map((c, index) => ({ ...(c.id ? { id: c.id } : {}), function: { index, name: c.name, arguments: JSON.parse(c.pieces.join('')) as unknown } }));

function generateAnswer(ex: Exchange, endpoint: Endpoint, models: string[]): Promise<void> | void {
  const body = jsonObject(ex.body);
  if (!body) return sendJson(ex.res, 400, ollamaError(400, 'invalid character in request body').body);
  if (typeof body.model !== 'string' || !body.model) return sendJson(ex.res, 400, ollamaError(400, 'model is required').body);
  if (!knownModel(models, body.model)) {
    return sendJson(ex.res, 404, ollamaError(404, `model "${body.model}" not found, try pulling it first`).body);
  }
  const model = body.model;
  const prompt = endpoint === 'chat' ? lastUserText(body.messages) : typeof body.prompt === 'string' ? body.prompt : '';
  const promptTokens = countWords(endpoint === 'chat' ? allText(body.messages) : prompt);
  const head = (): Record<string, unknown> => ({ model, created_at: new Date().toISOString() });
  const wire: Wire = {
    error: (status, message) => ollamaError(status, message),
    complete: (text) => ({ ...head(), ...replyField(endpoint, text), ...finalFields(promptTokens, text) }),
    completeToolCalls: (calls, text) => ({ ...head(), message: { role: 'assistant', content: text, tool_calls: ollamaCalls(calls) }, ...finalFields(promptTokens, text) }),
    // Unlike the hosted APIs, Ollama streams unless told not to.
    stream: body.stream === false ? undefined : streamWire(endpoint, head, promptTokens),
  };
  return play(ex, wire, defaultReply('sim-ollama', prompt));
}

/** POST /api/embed: one vector per input; plays `status` and `hang` behaviours like a generation request. */
async function embed(ex: Exchange, models: string[]): Promise<void> {
  const body = jsonObject(ex.body);
  if (!body) return sendJson(ex.res, 400, ollamaError(400, 'invalid character in request body').body);
  if (typeof body.model !== 'string' || !knownModel(models, body.model)) return sendJson(ex.res, 404, ollamaError(404, `model "${String(body.model)}" not found, try pulling it first`).body);
  const input = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input.map(String) : [];
  const b = ex.nextBehaviour();
  if (b.kind === 'status') return sendJson(ex.res, b.status, ollamaError(b.status, b.message).body);
  if (b.kind === 'hang') return new Promise((resolve) => ex.res.on('close', () => resolve()));
  const promptTokens = countWords(input.join(' '));
  sendJson(ex.res, 200, { model: body.model, embeddings: input.map(simEmbedding), total_duration: 1_000_000, load_duration: 1_000, prompt_eval_count: promptTokens });
}

export function ollamaDialect(options: StartOptions = {}): Dialect {
  const models = options.models ?? DEFAULT_MODELS;
  return {
    handle(ex) {
      const route = `${ex.method} ${ex.pathname}`;
      if (route === 'POST /api/chat') return generateAnswer(ex, 'chat', models);
      if (route === 'POST /api/generate') return generateAnswer(ex, 'generate', models);
      if (route === 'POST /api/embed') return embed(ex, models);
      if (route === 'GET /api/tags') return sendJson(ex.res, 200, tags(models));
      if (route === 'GET /api/version') return sendJson(ex.res, 200, { version: OLLAMA_VERSION });
      if ((ex.method === 'GET' || ex.method === 'HEAD') && ex.pathname === '/') {
        ex.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void ex.res.end('Ollama is running');
      }
      ex.res.writeHead(404, { 'content-type': 'text/plain' });
      ex.res.end('404 page not found');
    },
  };
}

/** Starts an Ollama simulator; use `new Ollama({ host: url })`. */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(ollamaDialect(options), options);
}
