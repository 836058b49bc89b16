// What the Gemini API and Vertex AI share: one SDK (@google/genai), one request shape (generateContent), one stream
// and one error body (google.rpc.Status). Only the client differs: an API key for Gemini, OAuth (ADC) for Vertex.
import type { GoogleGenAI, GenerateContentConfig, Content } from '@google/genai';
import type { ToolRequest } from '../../protocol';
import type { FetchLike } from './http-fetch';
import { contentFiltered, isAbort, networkFailure, providerError, shortMessage } from './errors';
import { ProviderError } from './types';
import type { ChatMessage, StreamRequest, StreamResult } from './types';

export type GenAiSdk = typeof import('@google/genai');

/** Finish reasons that mean Google's filters stopped the answer: the request must not be retried or passed off as done. */
const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);

/** Chat turns as `contents` (assistant is `model` there) and the system text as `systemInstruction`; a turn's images
 *  follow its text as `inlineData` parts (base64 bytes and their MIME type). */
export function toContents(messages: ChatMessage[]): { systemInstruction: string | undefined; contents: Content[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const contents = messages.flatMap((m) => (m.role === 'system' ? [] : [{
    role: m.role === 'assistant' ? 'model' : 'user',
    parts: [{ text: m.content }, ...(m.images ?? []).map((i) => ({ inlineData: { mimeType: i.mediaType, data: i.data } }))],
  }]));
  return { systemInstruction: system.length ? system.join('\n\n') : undefined, contents };
}

/** The request's tools, tool choice and response format as generateContent config. */
export function toolConfig(tools: ToolRequest | undefined): Partial<GenerateContentConfig> {
  if (!tools) return {};
  const out: Partial<GenerateContentConfig> = {};
  if (tools.tools?.length) {
    out.tools = [{ functionDeclarations: tools.tools.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), ...(t.parameters ? { parametersJsonSchema: t.parameters } : {}) })) }];
    const choice = tools.toolChoice;
    // Gemini's modes: AUTO, NONE, ANY (some call required), ANY restricted to one name (this one).
    if (choice === 'auto') out.toolConfig = { functionCallingConfig: { mode: 'AUTO' as never } };
    else if (choice === 'none') out.toolConfig = { functionCallingConfig: { mode: 'NONE' as never } };
    else if (choice === 'required') out.toolConfig = { functionCallingConfig: { mode: 'ANY' as never } };
    else if (choice) out.toolConfig = { functionCallingConfig: { mode: 'ANY' as never, allowedFunctionNames: [choice.name] } };
  }
  const format = tools.responseFormat;
  if (format) {
    out.responseMimeType = 'application/json';
    if (format.type !== 'json_object') out.responseJsonSchema = format.schema;
  }
  return out;
}

/**
 * Makes the SDK send through Airlock's keep-alive transport (daemon/providers/http-fetch.ts: HTTPS_PROXY, one HTTP
 * stack) instead of the global fetch, which it calls by name with no option to pass another. `apiClient.apiCall` is
 * where every request of the SDK goes out; a test fails if a release of the SDK moves it.
 */
export function sendThrough(ai: GoogleGenAI, fetch: FetchLike): GoogleGenAI {
  const api = (ai as unknown as { apiClient?: { apiCall?: unknown } }).apiClient;
  if (!api || typeof api.apiCall !== 'function') throw new Error('@google/genai no longer has apiClient.apiCall: update daemon/providers/google-genai.ts');
  api.apiCall = (url: string, init: RequestInit) => fetch(url, init);
  return ai;
}

/** Streams one generateContent call through an SDK client; the caller maps what it throws with fromGenAiError. */
export async function streamGenerate(ai: GoogleGenAI, provider: string, request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
  const { systemInstruction, contents } = toContents(request.messages);
  const stream = await ai.models.generateContentStream({
    model: request.model,
    contents,
    config: {
      abortSignal: request.signal,
      ...(systemInstruction ? { systemInstruction } : {}),
      ...(request.maxTokens ? { maxOutputTokens: request.maxTokens } : {}),
      ...toolConfig(request.tools),
    },
  });
  let usage: StreamResult['usage'] = null;
  let finishReason: string | null = null;
  let calls = 0;
  for await (const chunk of stream) {
    // A frame with nothing the SDK knows in it is Google's in-stream error (a Status object), which the SDK drops.
    if (!chunk.candidates && !chunk.usageMetadata && !chunk.promptFeedback) throw providerError(provider, 'server', 'error in stream: the provider ended the answer with an error');
    const blocked = chunk.promptFeedback?.blockReason;
    if (blocked) throw contentFiltered(provider, `the prompt was blocked (blockReason ${blocked})`);
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      // Thought summaries are the model's reasoning, not its answer.
      if (part.text && !part.thought) onDelta(part.text);
      // A call arrives whole (arguments as an object): one tool-call delta carries all of it.
      if (part.functionCall) {
        const { id, name, args } = part.functionCall;
        request.onToolCall?.({ index: calls++, ...(id ? { id } : {}), ...(name ? { name } : {}), arguments: JSON.stringify(args ?? {}) });
      }
    }
    const meta = chunk.usageMetadata;
    // Thinking tokens are billed as output.
    if (meta) usage = { input: meta.promptTokenCount ?? 0, output: (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0) };
    if (candidate?.finishReason) finishReason = String(candidate.finishReason);
  }
  // The SDK ends the iteration quietly when the stream is cut between events: only a finish reason means done.
  if (request.signal.aborted) throw providerError(provider, 'cancelled', 'request cancelled');
  if (finishReason && FILTERED.has(finishReason)) throw contentFiltered(provider, `the answer was stopped (finishReason ${finishReason})`);
  if (!finishReason) throw providerError(provider, 'reset', 'the stream ended without a finish reason');
  return { usage, finishReason };
}

/** google.rpc.Status, the error body of every Google API. */
interface RpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; retryDelay?: string; reason?: string }[];
}

function rpcStatus(message: string): RpcStatus | null {
  try {
    const body = JSON.parse(message) as { error?: RpcStatus } | RpcStatus[];
    // Some endpoints answer a JSON array holding the body.
    const error = Array.isArray(body) ? (body[0] as { error?: RpcStatus } | undefined)?.error : body.error;
    return error && typeof error === 'object' ? error : null;
  } catch {
    return null;
  }
}

/** RetryInfo.retryDelay ("20s", "1.5s") as milliseconds. */
export function retryDelayOf(status: RpcStatus | null): number | undefined {
  const delay = status?.details?.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay;
  const seconds = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
  return seconds === undefined ? undefined : Math.round(Number(seconds) * 1000);
}

/** A line that says what to do, for the failures whose bare message does not. */
function hint(status: number, rpc: RpcStatus | null): string {
  const text = rpc?.message ?? '';
  if (/location is not supported|not available in your (country|region)|region/i.test(text) && (status === 400 || status === 403 || status === 404)) return ' (region not enabled: choose a model and location offered there)';
  if (status === 404) return ' (model not found at this endpoint or location)';
  if (status === 429) return ' (quota or rate limit)';
  return '';
}

/** Maps what the GenAI SDK (or fetch under it) throws to a ProviderError. */
export function fromGenAiError(provider: string, err: unknown, sdk: GenAiSdk): ProviderError {
  if (err instanceof ProviderError) return err;
  if (isAbort(err)) return providerError(provider, 'cancelled', 'request cancelled');
  if (err instanceof sdk.ApiError) {
    const rpc = rpcStatus(err.message);
    const status = err.status;
    const detail = `${rpc?.status ?? `HTTP ${status}`}: ${shortMessage(rpc?.message ?? err.message)}${hint(status, rpc)}`;
    // The API's own word for the failure, where the HTTP status alone would mislead (a 400 for an unpaid quota).
    // A wrong Gemini key is a 400 whose ErrorInfo says API_KEY_INVALID.
    const badKey = rpc?.details?.some((d) => d.reason === 'API_KEY_INVALID') === true;
    const failure = status === 401 || status === 403 || badKey ? 'auth' : status === 404 ? 'not-found' : status === 429 || rpc?.status === 'RESOURCE_EXHAUSTED' ? 'rate-limited' : status === 408 || status >= 500 ? 'server' : 'bad-request';
    return providerError(provider, failure, detail, status, retryDelayOf(rpc));
  }
  const failure = networkFailure(err);
  if (failure) return providerError(provider, failure, failure === 'refused' ? `cannot connect (${shortMessage(err)})` : shortMessage(err));
  return providerError(provider, 'malformed', `unexpected response: ${shortMessage(err)}`);
}
