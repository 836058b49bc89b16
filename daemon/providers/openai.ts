// OpenAI-compatible chat completions: OpenAI itself, Azure OpenAI (config.azure), and anything that speaks the
// same API at a baseURL (OpenRouter, vLLM, LM Studio). Retries are Airlock's job, so the SDK never retries.
import type OpenAI from 'openai';
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { contentFiltered, providerError } from './errors';
import type { FetchLike } from './http-fetch';
import { once, sdkAdapter, type SdkCall } from './sdk-adapter';
import { readSse } from './sse';
import type { EmbedRequest, EmbedResult, KeyLookup, ProviderAdapter, StreamRequest, StreamResult } from './types';

type Sdk = typeof import('openai');
// Loaded on first use: a daemon that never talks to an OpenAI-compatible provider does not carry the SDK in memory.
const loadSdk = once((): Promise<Sdk> => import('openai'));


/** The fetch a client of this profile sends with (a profile may adapt the responses), made once. */
const wrapped = new WeakMap<FetchLike, WeakMap<OpenAiProfile, FetchLike>>();
function fetchFor(fetch: FetchLike, profile: OpenAiProfile): FetchLike {
  if (!profile.wrapFetch) return fetch;
  let byProfile = wrapped.get(fetch);
  if (!byProfile) wrapped.set(fetch, (byProfile = new WeakMap()));
  let found = byProfile.get(profile);
  if (!found) byProfile.set(profile, (found = profile.wrapFetch(fetch)));
  return found;
}

function newClient(Sdk: Sdk, { config, apiKey, fetch }: SdkCall, model: string, profile: OpenAiProfile): OpenAI {
  const common = { apiKey, fetch: fetchFor(fetch, profile), maxRetries: 0, logLevel: 'off' as const };
  if (config.azure) {
    return new Sdk.AzureOpenAI({ ...common, endpoint: config.baseUrl, apiVersion: config.azure.apiVersion, deployment: model });
  }
  return new Sdk.default({ ...common, baseURL: config.baseUrl });
}

// A client per request cost ~5 % of the gateway's main thread (profiled): keep one per adapter (its fetch), profile,
// key and (Azure: deployment). A changed key builds a new client; a few old keys are forgotten, never accumulated.
const clients = new WeakMap<FetchLike, WeakMap<OpenAiProfile, Map<string, OpenAI>>>();
const MAX_CLIENTS_PER_ADAPTER = 8;

function client(Sdk: Sdk, call: SdkCall, model: string, profile: OpenAiProfile): OpenAI {
  let byProfile = clients.get(call.fetch);
  if (!byProfile) clients.set(call.fetch, (byProfile = new WeakMap()));
  let byKey = byProfile.get(profile);
  if (!byKey) byProfile.set(profile, (byKey = new Map()));
  const key = `${call.apiKey}\0${call.config.azure ? model : ''}`;
  let found = byKey.get(key);
  if (!found) {
    if (byKey.size >= MAX_CLIENTS_PER_ADAPTER) byKey.clear();
    byKey.set(key, (found = newClient(Sdk, call, model, profile)));
  }
  return found;
}

/** The request's tools, tool choice and response format in Chat Completions terms. */
function toolParams(tools: ToolRequest | undefined): Record<string, unknown> {
  if (!tools) return {};
  const out: Record<string, unknown> = {};
  if (tools.tools?.length) out.tools = tools.tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), ...(t.parameters ? { parameters: t.parameters } : {}) } }));
  const choice = tools.toolChoice;
  if (choice !== undefined && out.tools) out.tool_choice = typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
  const format = tools.responseFormat;
  if (format?.type === 'json_object') out.response_format = { type: 'json_object' };
  else if (format) out.response_format = { type: 'json_schema', json_schema: { name: format.name ?? 'response', schema: format.schema } };
  return out;
}

/** Where an OpenAI-shaped API differs from OpenAI's (Mistral: it refuses stream_options and reports usage unasked). */
export interface OpenAiProfile {
  /** Ask for usage with stream_options.include_usage. */
  streamOptions: boolean;
  /** Adapts the provider's responses where the SDK would misread them (an error body not under `error`). */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
}

const OPENAI: OpenAiProfile = { streamOptions: true };

/** The chat completion request body, as the SDK would send it. */
function chatBody(request: StreamRequest, profile: OpenAiProfile) {
  return {
    model: request.model,
    messages: request.messages.map((m) => (m.images?.length && m.role === 'user'
      ? { role: m.role, content: [{ type: 'text', text: m.content }, ...m.images.map((i) => ({ type: 'image_url', image_url: { url: `data:${i.mediaType};base64,${i.data}` } }))] }
      : { role: m.role, content: m.content })),
    stream: true,
    ...(profile.streamOptions ? { stream_options: { include_usage: true } } : {}),
    ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
    ...toolParams(request.tools),
  };
}

/** What one chunk of the stream does to the answer; returns the finish reason and usage it carries, if any. */
interface StreamState { usage: StreamResult['usage']; finishReason: string | null }
function onChunk(chunk: OpenAI.ChatCompletionChunk, request: StreamRequest, onDelta: (text: string) => void, state: StreamState): void {
  const choice = chunk.choices[0];
  if (choice?.delta?.content) onDelta(choice.delta.content);
  for (const call of choice?.delta?.tool_calls ?? []) {
    request.onToolCall?.({ index: call.index, ...(call.id ? { id: call.id } : {}), ...(call.function?.name ? { name: call.function.name } : {}), ...(call.function?.arguments ? { arguments: call.function.arguments } : {}) });
  }
  if (choice?.finish_reason) state.finishReason = choice.finish_reason;
  if (chunk.usage) state.usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
}

/**
 * A chat completion's URL and headers exactly as this client's SDK builds them (user agent, platform headers,
 * organization and project, the key), worked out once per client: the SDK rebuilt them, and a debug-log object,
 * for every request even with logging off (~0.2 ms of the gateway's time per hosted request).
 */
interface Prepared { url: string; headers: Record<string, string> }
const prepared = new WeakMap<OpenAI, Promise<Prepared>>();
function preparedFor(c: OpenAI): Promise<Prepared> {
  let found = prepared.get(c);
  if (!found) {
    found = c.buildRequest({ method: 'post', path: '/chat/completions', body: {} }).then(({ url, req }) => {
      const headers = Object.fromEntries(new Headers(req.headers as HeadersInit).entries());
      // An idempotency key is per request, never shared (the OpenAI client sets none today).
      for (const name of Object.keys(headers)) if (name.startsWith('idempotency')) delete headers[name];
      return { url, headers };
    });
    prepared.set(c, found);
  }
  return found;
}

/**
 * POSTs a streaming chat completion and returns the response once it is a 2xx, failing as the SDK's own request
 * would (maxRetries 0): its error classes with its messages, so fromSdkError maps every failure as before.
 */
async function post(Sdk: Sdk, c: OpenAI, fetch: FetchLike, body: unknown, signal: AbortSignal): Promise<Response> {
  const { url, headers } = await preparedFor(c);
  if (signal.aborted) throw new Sdk.APIUserAbortError();
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (thrown) {
    if (signal.aborted) throw new Sdk.APIUserAbortError();
    const err = thrown instanceof Error ? thrown : new Error(String(thrown));
    if (err.name === 'AbortError' || /timed? ?out/i.test(String(err) + ('cause' in err ? String(err.cause) : ''))) throw new Sdk.APIConnectionTimeoutError();
    throw new Sdk.APIConnectionError({ cause: err });
  }
  if (!response.ok) {
    const text = await response.text().catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // As the SDK: the text is the message when the body is not JSON, or JSON of no substance (`null`, `""`, 0).
    throw Sdk.APIError.generate(response.status, json as object | undefined, json ? undefined : text, response.headers);
  }
  return response;
}

/**
 * The stream's events, read as the SDK's Stream reads them: `[DONE]` ends the answer (later events are ignored), an
 * event whose data holds `error` is the provider's failure after a 200, data that is not JSON is a SyntaxError, and a
 * read that fails because the request was aborted ends the stream quietly (the caller checks the signal).
 */
async function readChat(Sdk: Sdk, response: Response, request: StreamRequest, onDelta: (text: string) => void, state: StreamState): Promise<void> {
  const reader = response.body!.getReader();
  let done = false;
  try {
    await readSse(reader, (data) => {
      if (done) return;
      if (data.startsWith('[DONE]')) {
        done = true;
        return;
      }
      const chunk = JSON.parse(data) as OpenAI.ChatCompletionChunk & { error?: object };
      if (chunk && chunk.error) throw new Sdk.APIError(undefined, chunk.error, undefined, response.headers);
      onChunk(chunk, request, onDelta, state);
    });
  } catch (err) {
    // Whatever happened, nobody reads the rest: the socket is closed rather than left paused.
    void reader.cancel().catch(() => undefined);
    if ((err as { name?: unknown } | null)?.name === 'AbortError') return;
    throw err;
  }
}

async function streamChat(Sdk: Sdk, call: SdkCall, request: StreamRequest, onDelta: (text: string) => void, profile = OPENAI): Promise<StreamResult> {
  const { config } = call;
  const c = client(Sdk, call, request.model, profile);
  const state: StreamState = { usage: null, finishReason: null };
  if (config.azure) {
    // Azure's URL carries the deployment and the API version: the SDK's AzureOpenAI builds it for each request.
    const stream = await c.chat.completions.create(chatBody(request, profile) as OpenAI.ChatCompletionCreateParamsStreaming, { signal: request.signal });
    for await (const chunk of stream) onChunk(chunk, request, onDelta, state);
  } else {
    const response = await post(Sdk, c, fetchFor(call.fetch, profile), chatBody(request, profile), request.signal);
    await readChat(Sdk, response, request, onDelta, state);
  }
  const { usage, finishReason } = state;
  // The SDK ends the iteration quietly on abort, and a cut stream without [DONE] looks complete: check both.
  if (request.signal.aborted) throw providerError(config.name, 'cancelled', 'request cancelled');
  if (!finishReason) throw providerError(config.name, 'reset', 'the stream ended without a finish reason');
  // OpenAI and Azure end an answer their content filter stopped with finish_reason "content_filter".
  if (finishReason === 'content_filter') throw contentFiltered(config.name, 'the answer was stopped (finish_reason content_filter)');
  // Mistral ends a stream that failed after its start with finish_reason "error".
  if (finishReason === 'error') throw providerError(config.name, 'server', 'error in stream: the provider ended the answer with finish_reason "error"');
  return { usage, finishReason };
}

/** POST /embeddings as floats (the SDK's own default is base64, which it decodes itself; floats need no decoding). */
async function embedTexts(Sdk: Sdk, call: SdkCall, request: EmbedRequest, profile = OPENAI): Promise<EmbedResult> {
  const res = await client(Sdk, call, request.model, profile).embeddings.create({ model: request.model, input: request.input, encoding_format: 'float' }, { signal: request.signal });
  const embeddings = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  if (embeddings.length !== request.input.length) throw providerError(call.config.name, 'malformed', `expected ${request.input.length} embeddings, got ${embeddings.length}`);
  return { embeddings, usage: res.usage ? { input: res.usage.prompt_tokens } : null };
}

export function createOpenAiAdapter(config: ProviderConfig, keys: KeyLookup, profile = OPENAI): ProviderAdapter {
  return sdkAdapter(config, keys, loadSdk, (sdk, call, request, onDelta) => streamChat(sdk, call, request, onDelta, profile), (sdk, call, request) => embedTexts(sdk, call, request, profile));
}
