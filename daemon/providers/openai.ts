// OpenAI-compatible chat completions: OpenAI itself, Azure OpenAI (config.azure), and anything that speaks the
// same API at a baseURL (OpenRouter, vLLM, LM Studio). Retries are Airlock's job, so the SDK never retries.
import type OpenAI from 'openai';
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { contentFiltered, providerError } from './errors';
import type { FetchLike } from './http-fetch';
import { once, sdkAdapter, type SdkCall } from './sdk-adapter';
import type { EmbedRequest, EmbedResult, KeyLookup, ProviderAdapter, StreamRequest, StreamResult } from './types';

type Sdk = typeof import('openai');
// Loaded on first use: a daemon that never talks to an OpenAI-compatible provider does not carry the SDK in memory.
const loadSdk = once((): Promise<Sdk> => import('openai'));


function newClient(Sdk: Sdk, { config, apiKey, fetch }: SdkCall, model: string, profile: OpenAiProfile): OpenAI {
  const common = { apiKey, fetch: profile.wrapFetch ? profile.wrapFetch(fetch) : fetch, maxRetries: 0, logLevel: 'off' as const };
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

async function streamChat(Sdk: Sdk, call: SdkCall, request: StreamRequest, onDelta: (text: string) => void, profile = OPENAI): Promise<StreamResult> {
  const { config } = call;
  const stream = await client(Sdk, call, request.model, profile).chat.completions.create(
    {
      model: request.model,
      messages: request.messages.map((m) => (m.images?.length && m.role === 'user'
        ? { role: m.role, content: [{ type: 'text', text: m.content }, ...m.images.map((i) => ({ type: 'image_url', image_url: { url: `data:${i.mediaType};base64,${i.data}` } }))] }
        : { role: m.role, content: m.content })),
      stream: true,
      ...(profile.streamOptions ? { stream_options: { include_usage: true } } : {}),
      ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
      ...toolParams(request.tools),
    } as OpenAI.ChatCompletionCreateParamsStreaming,
    { signal: request.signal },
  );
  let usage: StreamResult['usage'] = null;
  let finishReason: string | null = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta?.content) onDelta(choice.delta.content);
    for (const call of choice?.delta?.tool_calls ?? []) {
      request.onToolCall?.({ index: call.index, ...(call.id ? { id: call.id } : {}), ...(call.function?.name ? { name: call.function.name } : {}), ...(call.function?.arguments ? { arguments: call.function.arguments } : {}) });
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
  }
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
