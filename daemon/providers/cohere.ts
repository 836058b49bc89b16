// Cohere's v2 chat API (POST /v2/chat, streamed events) through the official cohere-ai SDK, at `baseUrl` (normally
// https://api.cohere.com). Not the compatibility endpoint: that one refuses stream_options, so a stream through the
// OpenAI adapter would carry no usage. The SDK sends through Airlock's keep-alive transport and never retries.
import type { CohereClientV2 } from 'cohere-ai';
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { contentFiltered, isAbort, networkFailure, providerError, retryAfterMs, shortMessage } from './errors';
import { createHttpFetch, type FetchLike } from './http-fetch';
import { apiKeyFor } from './key';
import { commonJs, once } from './sdk-adapter';
import { ProviderError, type ChatMessage, type KeyLookup, type ProviderAdapter, type StreamRequest, type StreamResult } from './types';

type Sdk = typeof import('cohere-ai');
// Loaded on first use: a daemon that never talks to Cohere does not carry the SDK in memory.
const loadSdk = once(async (): Promise<Sdk> => commonJs(await import('cohere-ai')));

type ChatStreamRequest = Parameters<CohereClientV2['chatStream']>[0];

/** The request's tools, tool choice and response format in v2 chat terms. */
export function toolParams(tools: ToolRequest | undefined): Partial<ChatStreamRequest> {
  if (!tools) return {};
  const out: Partial<ChatStreamRequest> = {};
  let declared = tools.tools ?? [];
  const choice = tools.toolChoice;
  // v2 has no "auto" (it is the default) and no named choice: a named call is REQUIRED with only that tool offered.
  if (typeof choice === 'object') declared = declared.filter((t) => t.name === choice.name);
  if (declared.length) {
    out.tools = declared.map((t) => ({ type: 'function' as const, function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.parameters ?? { type: 'object', properties: {} } } }));
    if (choice === 'required' || typeof choice === 'object') out.toolChoice = 'REQUIRED';
    else if (choice === 'none') out.toolChoice = 'NONE';
  }
  const format = tools.responseFormat;
  if (format) out.responseFormat = format.type === 'json_object' ? { type: 'json_object' } : { type: 'json_object', jsonSchema: format.schema };
  return out;
}

interface CohereErrorShape {
  statusCode?: number;
  body?: unknown;
  rawResponse?: { headers?: { get(name: string): string | null } };
  message: string;
}

/** Cohere's message from an error body (`{ id, message }`), or the SDK's own. */
function messageOf(err: CohereErrorShape): string {
  const body = err.body as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : shortMessage(err);
}

/** Maps what the SDK (or the transport under it) throws to a ProviderError. */
function fromCohereError(provider: string, err: unknown, sdk: Sdk): ProviderError {
  if (err instanceof ProviderError) return err;
  if (isAbort(err)) return providerError(provider, 'cancelled', 'request cancelled');
  if (err instanceof sdk.CohereTimeoutError) return providerError(provider, 'timeout', 'request timed out');
  if (err instanceof sdk.CohereError) {
    const e = err as unknown as CohereErrorShape;
    const status = e.statusCode;
    if (status === undefined) return providerError(provider, networkFailure(err) ?? 'malformed', shortMessage(err));
    const detail = messageOf(e);
    // Cohere's content filter: "blocked input: please adjust your prompt …" / "blocked output: …".
    if (/^blocked (input|output)\b/i.test(detail)) return contentFiltered(provider, `${status} ${detail}`, status);
    // 498: Cohere's "invalid token"; 499: the request was cancelled on their side.
    const failure = status === 401 || status === 403 || status === 498 ? 'auth' : status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : status === 408 || status >= 500 ? 'server' : 'bad-request';
    return providerError(provider, failure, `${status} ${detail}`, status, retryAfterMs(e.rawResponse?.headers));
  }
  const failure = networkFailure(err);
  if (failure) return providerError(provider, failure, `${failure === 'refused' ? 'cannot connect' : 'connection failed'} (${shortMessage(err)})`);
  return providerError(provider, 'malformed', `unexpected response: ${shortMessage(err)}`);
}

/** Chat turns in v2 terms; a user turn with images is a list of content blocks: its text, then each image as an
 *  `image_url` block holding a base64 data URI (Cohere's vision models take them; airlockd never sends a web URL). */
export function cohereMessages(messages: ChatMessage[]): ChatStreamRequest['messages'] {
  return messages.map((m) => (m.role === 'user' && m.images?.length
    ? { role: 'user' as const, content: [{ type: 'text' as const, text: m.content }, ...m.images.map((i) => ({ type: 'image_url' as const, imageUrl: { url: `data:${i.mediaType};base64,${i.data}` } }))] }
    : { role: m.role, content: m.content }));
}

async function streamChat(client: CohereClientV2, provider: string, request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
  const stream = await client.chatStream(
    { model: request.model, messages: cohereMessages(request.messages), ...(request.maxTokens ? { maxTokens: request.maxTokens } : {}), ...toolParams(request.tools) },
    { abortSignal: request.signal, maxRetries: 0 },
  );
  let usage: StreamResult['usage'] = null;
  let finishReason: string | null = null;
  for await (const event of stream) {
    if (event.type === 'content-delta') {
      const text = event.delta?.message?.content?.text;
      if (text) onDelta(text);
    } else if (event.type === 'tool-call-start') {
      const call = event.delta?.message?.toolCalls;
      request.onToolCall?.({ index: event.index ?? 0, ...(call?.id ? { id: call.id } : {}), ...(call?.function?.name ? { name: call.function.name } : {}), ...(call?.function?.arguments ? { arguments: call.function.arguments } : {}) });
    } else if (event.type === 'tool-call-delta') {
      const args = event.delta?.message?.toolCalls?.function?.arguments;
      if (args) request.onToolCall?.({ index: event.index ?? 0, arguments: args });
    } else if (event.type === 'message-end') {
      finishReason = event.delta?.finishReason ?? 'COMPLETE';
      // Billed units are what the answer costs (tokens also counts Cohere's own preamble).
      const billed = event.delta?.usage?.billedUnits;
      if (billed) usage = { input: billed.inputTokens ?? 0, output: billed.outputTokens ?? 0 };
      if (finishReason === 'ERROR' || finishReason === 'TIMEOUT') throw providerError(provider, 'server', `error in stream: ${event.delta?.error ?? finishReason}`);
    }
  }
  // A stream cut between events ends the iteration quietly: only message-end means done.
  if (request.signal.aborted) throw providerError(provider, 'cancelled', 'request cancelled');
  if (!finishReason) throw providerError(provider, 'reset', 'the stream ended without message-end');
  return { usage, finishReason };
}

/** What the SDK hands its fetcher (fern's FetchFunction arguments, the part a chat request uses). */
interface FetcherArgs {
  url: string;
  method: string;
  headers?: Record<string, unknown>;
  contentType?: string;
  body?: unknown;
  abortSignal?: AbortSignal;
  responseType?: string;
}

/**
 * The SDK's request function, over Airlock's transport. The SDK's own wraps fetch with a 300-second timer it never
 * clears when the request fails (a pending timer per refused request) and with retries; Airlock has its own timeouts
 * and retries, and a transport error thrown from here reaches the adapter whole (the SDK's flattens it to a message).
 */
function fetcherOver(fetch: FetchLike) {
  return async (args: FetcherArgs) => {
    const headers: Record<string, string> = {};
    for (const [name, supplied] of Object.entries(args.headers ?? {})) {
      const value: unknown = await (typeof supplied === 'function' ? (supplied as () => unknown)() : supplied);
      if (value !== undefined && value !== null) headers[name] = String(value);
    }
    if (args.contentType) headers['content-type'] = args.contentType;
    const res = await fetch(args.url, { method: args.method, headers, ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}), ...(args.abortSignal ? { signal: args.abortSignal } : {}) });
    const rawResponse = { headers: res.headers, status: res.status, statusText: res.statusText, url: res.url, redirected: false, type: 'basic' as const };
    if (res.ok) {
      const streamed = args.responseType === 'sse' || args.responseType === 'streaming';
      return { ok: true as const, body: streamed ? res.body : (JSON.parse(await res.text()) as unknown), headers: res.headers, rawResponse };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text is the body.
    }
    return { ok: false as const, error: { reason: 'status-code' as const, statusCode: res.status, body }, rawResponse };
  };
}

export function createCohereAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  const fetcher = fetcherOver(createHttpFetch());
  return {
    config,
    async stream(request, onDelta) {
      const token = (await apiKeyFor(config, keys)) ?? 'no-key';
      const sdk = await loadSdk();
      const client = new sdk.CohereClientV2({ token, baseUrl: config.baseUrl, fetcher: fetcher as never, maxRetries: 0, clientName: 'airlock' });
      try {
        return await streamChat(client, config.name, request, onDelta);
      } catch (err) {
        throw fromCohereError(config.name, err, sdk);
      }
    },
  };
}
