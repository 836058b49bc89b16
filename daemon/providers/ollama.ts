// Ollama's /api/chat, streamed as NDJSON: sent and read here on the URL and headers the ollama client uses (asked of
// it once), parsed as the client parses it. Embeddings go through the client, whose fetch carries the request's
// AbortSignal (the client has no timeout or per-request abort of its own).
import { Ollama, type Tool } from 'ollama';
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { createHttpFetch, type FetchLike } from './http-fetch';
import { failureForStatus, isAbort, networkFailure, providerError, retryAfterMs, shortMessage } from './errors';
import { ProviderError, type EmbedRequest, type EmbedResult, type ProviderAdapter, type StreamRequest, type StreamResult } from './types';

/** Throws SyntaxError on a line that is not JSON: the client would skip it with a console warning and lose its text. */
function checkLine(line: string): void {
  if (line.trim()) JSON.parse(line);
}

/**
 * Checks each NDJSON line as the client reads it, failing the stream at the first malformed one. The client reads
 * `response.body.getReader()` (ollama 0.6 `parseJSON`), so it is handed a reader that checks what passes through:
 * no extra stream stage on every chunk of every answer (a TransformStream cost 0.1-0.2 ms of time to first token).
 * The malformed-chunk tests fail if a client upgrade reads the body another way.
 */
function strictNdjson(response: Response, body: ReadableStream<Uint8Array>): Response {
  const decoder = new TextDecoder();
  let pending = '';
  const check = (chunk: Uint8Array | undefined): void => {
    if (!chunk) {
      checkLine(pending + decoder.decode());
      return;
    }
    const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(checkLine);
  };
  const checked = {
    getReader() {
      const reader = body.getReader();
      return {
        closed: reader.closed,
        cancel: (reason?: unknown) => reader.cancel(reason),
        releaseLock: () => reader.releaseLock(),
        async read() {
          const result = await reader.read();
          check(result.done ? undefined : result.value);
          return result;
        },
      };
    },
  };
  Object.defineProperty(response, 'body', { value: checked });
  return response;
}

interface Client {
  ollama: Ollama;
  /** Retry-After of the last error response: the client's ResponseError drops the headers. */
  retryAfterMs(): number | undefined;
}

function clientFor(config: ProviderConfig, signal: AbortSignal, transport: FetchLike): Client {
  let retryAfter: number | undefined;
  const fetchWithSignal: typeof fetch = async (input, init) => {
    const response = await transport(input, { ...init, signal });
    retryAfter = response.ok ? undefined : retryAfterMs(response.headers);
    if (!response.ok || !response.body || !/ndjson/.test(response.headers.get('content-type') ?? '')) return response;
    return strictNdjson(response, response.body);
  };
  return { ollama: new Ollama({ host: config.baseUrl, fetch: fetchWithSignal }), retryAfterMs: () => retryAfter };
}

/** What the ollama client throws, as failure kinds; the messages say what to do about a missing model or server. */
function fromOllamaError(config: ProviderConfig, model: string, err: unknown, retryAfter?: number): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  const status = (err as { status_code?: unknown } | null)?.status_code;
  // ResponseError is not exported by the client: recognise it by name.
  if (name === 'ResponseError' && typeof status === 'number') {
    const failure = failureForStatus(status);
    const detail = failure === 'not-found' ? `model ${model} is not available (run \`ollama pull ${model}\`): ${shortMessage(err)}` : shortMessage(err);
    return providerError(config.name, failure, detail, status, retryAfter);
  }
  if (isAbort(err)) return providerError(config.name, 'cancelled', 'request cancelled');
  const failure = networkFailure(err);
  if (failure === 'refused') return providerError(config.name, 'refused', `Ollama is not running at ${config.baseUrl} (start it with \`ollama serve\`)`);
  if (failure) return providerError(config.name, failure, shortMessage(err));
  const message = shortMessage(err);
  // The client's words for a stream that ended without `done: true`.
  if (/did not receive done/i.test(message)) return providerError(config.name, 'reset', message);
  // Anything else the client throws mid-stream is an `{"error": …}` line from the server.
  return providerError(config.name, 'server', `error in stream: ${message}`);
}

/** Tools and json format in /api/chat terms (no tool choice there). */
function toolParams(tools: ToolRequest | undefined): { tools?: Tool[]; format?: string | object } {
  if (!tools) return {};
  const format = tools.responseFormat;
  return {
    ...(tools.tools?.length && tools.toolChoice !== 'none' ? { tools: tools.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description ?? '', parameters: (t.parameters ?? { type: 'object', properties: {} }) as Tool['function']['parameters'] } })) } : {}),
    ...(format ? { format: format.type === 'json_object' ? 'json' : format.schema } : {}),
  };
}

/** The body /api/chat gets, as the client sent it. */
function chatBody(request: StreamRequest) {
  return {
    model: request.model,
    // Ollama takes a message's images as bare base64 strings.
    messages: request.messages.map((m) => (m.images?.length ? { role: m.role, content: m.content, images: m.images.map((i) => i.data) } : { role: m.role, content: m.content })),
    stream: true,
    ...(request.maxTokens ? { options: { num_predict: request.maxTokens } } : {}),
    ...toolParams(request.tools),
  };
}

/** The URL and headers the ollama client sends a chat with. */
interface ChatShape { url: string; headers: Record<string, string> }
const CAPTURED = Symbol('captured');

/**
 * Asked of the client itself, once per adapter: it hands a request to its fetch, which keeps the URL and headers and
 * goes no further. So the wire stays the client's own (its host normalising, its user agent), while each request
 * skips the client's per-request work (a client object, header merging, an async generator per line, and a second
 * JSON.parse of every line beside strictNdjson's).
 */
async function chatShape(config: ProviderConfig): Promise<ChatShape> {
  let shape: ChatShape | undefined;
  const capture = (async (input: string | URL | Request, init?: RequestInit) => {
    shape = { url: String(input), headers: { ...(init?.headers as Record<string, string>) } };
    throw CAPTURED;
  }) as typeof fetch;
  try {
    await new Ollama({ host: config.baseUrl, fetch: capture }).chat({ model: '', messages: [], stream: true });
  } catch (err) {
    if (err !== CAPTURED) throw err;
  }
  if (!shape) throw new Error('the ollama client sent no request');
  return shape;
}

/** The client's ResponseError (not exported by it): its message and status, recognised by fromOllamaError. */
class ResponseError extends Error {
  constructor(message: string, readonly status_code: number) {
    super(message);
    this.name = 'ResponseError';
  }
}

/** The client's checkOk: the server's `error` text (JSON) or body (anything else), else `Error <status>: <text>`. */
async function responseError(response: Response): Promise<ResponseError> {
  let message = `Error ${response.status}: ${response.statusText}`;
  try {
    if (response.headers.get('content-type')?.includes('application/json')) message = ((await response.json()) as { error?: string }).error || message;
    else message = (await response.text()) || message;
  } catch {
    // The body could not be read: the status line says what happened.
  }
  return new ResponseError(message, response.status);
}

type ChatPart = import('ollama').ChatResponse;

/**
 * The answer's NDJSON lines, each checked and parsed once, as the client and strictNdjson did between them: with an
 * NDJSON content type a malformed line fails the stream (SyntaxError) before any line of its chunk is used; otherwise
 * one is skipped. `{"error"}` is the server's failure mid-stream; `done` ends the answer; a body that ends first is
 * the client's "Did not receive done".
 */
async function readChat(config: ProviderConfig, response: Response, request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
  const strict = /ndjson/.test(response.headers.get('content-type') ?? '');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let calls = 0;
  const parse = (lines: string[]): ChatPart[] => lines.flatMap((line) => {
    if (strict && line.trim()) return [JSON.parse(line) as ChatPart];
    try {
      return [JSON.parse(line) as ChatPart];
    } catch {
      return [];
    }
  });
  const use = (part: ChatPart): StreamResult | null => {
    if ('error' in part) throw new Error((part as { error: string }).error);
    if (part.message?.content) onDelta(part.message.content);
    // Ollama sends each tool call whole (arguments as an object) in some message; calls are numbered in arrival order.
    for (const call of part.message?.tool_calls ?? []) {
      request.onToolCall?.({ index: calls, id: (call as { id?: string }).id ?? `call_${calls}`, name: call.function.name, arguments: JSON.stringify(call.function.arguments ?? {}) });
      calls += 1;
    }
    if (part.done) return { usage: { input: part.prompt_eval_count ?? 0, output: part.eval_count ?? 0 }, finishReason: part.done_reason ?? null };
    // The client ends its stream quietly on `status: success` without `done`: no answer came to an end.
    if ((part as { status?: string }).status === 'success') throw request.signal.aborted ? providerError(config.name, 'cancelled', 'request cancelled') : providerError(config.name, 'reset', 'the stream ended without done');
    return null;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const lines = (pending + decoder.decode(value, { stream: true })).split('\n');
      pending = lines.pop() ?? '';
      for (const part of parse(lines)) {
        const result = use(part);
        if (result) return result;
      }
    }
    const rest = pending + decoder.decode();
    for (const part of parse(rest.split('\n').filter((p) => p !== ''))) {
      const result = use(part);
      if (result) return result;
    }
  } finally {
    // Whatever comes after `done` (or after a failure) is not read: dropped, so the socket can be reused.
    reader.releaseLock();
  }
  throw new Error('Did not receive done or success response in stream.');
}

async function streamChat(config: ProviderConfig, shape: ChatShape, transport: FetchLike, request: StreamRequest, onDelta: (text: string) => void): Promise<{ result: StreamResult } | { error: unknown; retryAfter?: number }> {
  const response = await transport(shape.url, { method: 'POST', headers: shape.headers, body: JSON.stringify(chatBody(request)), signal: request.signal });
  if (!response.ok) return { error: await responseError(response), ...(retryAfterMs(response.headers) !== undefined ? { retryAfter: retryAfterMs(response.headers) } : {}) };
  if (!response.body) throw new Error('Missing body');
  return { result: await readChat(config, response, request, onDelta) };
}

/** /api/embed: one vector per input. */
async function embedTexts(config: ProviderConfig, client: Client, request: EmbedRequest): Promise<EmbedResult> {
  const res = await client.ollama.embed({ model: request.model, input: request.input });
  if (!Array.isArray(res.embeddings) || res.embeddings.length !== request.input.length) throw providerError(config.name, 'malformed', `expected ${request.input.length} embeddings, got ${Array.isArray(res.embeddings) ? res.embeddings.length : 'none'}`);
  return { embeddings: res.embeddings, usage: typeof res.prompt_eval_count === 'number' ? { input: res.prompt_eval_count } : null };
}

export function createOllamaAdapter(config: ProviderConfig): ProviderAdapter {
  // A local model server: never through a proxy, whatever the environment says.
  const transport = createHttpFetch({ proxyEnv: false });
  let shape: Promise<ChatShape> | undefined;
  return {
    config,
    async stream(request, onDelta) {
      let outcome;
      try {
        outcome = await streamChat(config, await (shape ??= chatShape(config)), transport, request, onDelta);
      } catch (err) {
        throw fromOllamaError(config, request.model, err);
      }
      if ('error' in outcome) throw fromOllamaError(config, request.model, outcome.error, outcome.retryAfter);
      return outcome.result;
    },
    async embed(request) {
      const client = clientFor(config, request.signal, transport);
      try {
        return await embedTexts(config, client, request);
      } catch (err) {
        throw fromOllamaError(config, request.model, err, client.retryAfterMs());
      }
    },
  };
}
