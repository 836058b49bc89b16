// Anthropic Messages API, streamed. System messages go to `system` (the API has no system role in `messages`).
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { contentFiltered, providerError } from './errors';
import { once, sdkAdapter, type SdkCall } from './sdk-adapter';
import type { ChatMessage, KeyLookup, ProviderAdapter, StreamRequest, StreamResult } from './types';

type Sdk = typeof import('@anthropic-ai/sdk');
// Loaded on first use: a daemon that never talks to Anthropic does not carry the SDK in memory.
const loadSdk = once((): Promise<Sdk> => import('@anthropic-ai/sdk'));

/** The API requires max_tokens; this is the answer budget when the caller sets none. */
const DEFAULT_MAX_TOKENS = 4096;

type Block = { type: 'text'; text: string } | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } };

function splitSystem(messages: ChatMessage[]): { system: string | undefined; turns: { role: 'user' | 'assistant'; content: string | Block[] }[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns = messages.flatMap((m) => (m.role === 'system' ? [] : [{
    role: m.role,
    content: m.images?.length ? [{ type: 'text' as const, text: m.content }, ...m.images.map((i) => ({ type: 'image' as const, source: { type: 'base64' as const, media_type: i.mediaType, data: i.data } }))] : m.content,
  }]));
  return { system: system.length ? system.join('\n\n') : undefined, turns };
}

/** The request's tools and tool choice in Messages API terms (no response_format there). */
function toolParams(tools: ToolRequest | undefined): Record<string, unknown> {
  if (!tools?.tools?.length) return {};
  const out: Record<string, unknown> = {
    tools: tools.tools.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), input_schema: t.parameters ?? { type: 'object', properties: {} } })),
  };
  const choice = tools.toolChoice;
  if (choice === 'auto' || choice === 'none') out.tool_choice = { type: choice };
  else if (choice === 'required') out.tool_choice = { type: 'any' };
  else if (choice) out.tool_choice = { type: 'tool', name: choice.name };
  return out;
}

type Client = InstanceType<Sdk['default']>;
// A client per request was a measurable share of a hosted request's time, as for OpenAI (openai.ts): keep one per
// adapter (its fetch) and key. A changed key builds a new client; a few old keys are forgotten, never accumulated.
const clients = new WeakMap<SdkCall['fetch'], Map<string, Client>>();
const MAX_CLIENTS_PER_ADAPTER = 8;

function client(Sdk: Sdk, { config, apiKey, fetch }: SdkCall): Client {
  let byKey = clients.get(fetch);
  if (!byKey) clients.set(fetch, (byKey = new Map()));
  let found = byKey.get(apiKey);
  if (!found) {
    if (byKey.size >= MAX_CLIENTS_PER_ADAPTER) byKey.clear();
    byKey.set(apiKey, (found = new Sdk.default({ apiKey, fetch, baseURL: config.baseUrl, maxRetries: 0, logLevel: 'off' })));
  }
  return found;
}

async function streamMessages(Sdk: Sdk, call: SdkCall, request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
  const { config } = call;
  const anthropic = client(Sdk, call);
  const { system, turns } = splitSystem(request.messages);
  const stream = await anthropic.messages.create(
    { model: request.model, max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS, messages: turns, stream: true, ...(system ? { system } : {}), ...toolParams(request.tools) } as Parameters<typeof anthropic.messages.create>[0] & { stream: true },
    { signal: request.signal },
  );
  let input = 0;
  let output = 0;
  let finishReason: string | null = null;
  let stopped = false;
  for await (const event of stream) {
    if (event.type === 'message_start') input = event.message.usage.input_tokens;
    else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') onDelta(event.delta.text);
    // Tool calls are content blocks: the block's index numbers the call, its input arrives as JSON pieces.
    else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') request.onToolCall?.({ index: event.index, id: event.content_block.id, name: event.content_block.name });
    else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') request.onToolCall?.({ index: event.index, arguments: event.delta.partial_json });
    else if (event.type === 'message_delta') {
      output = event.usage.output_tokens;
      finishReason = event.delta.stop_reason ?? finishReason;
    } else if (event.type === 'message_stop') stopped = true;
  }
  // The SDK ends the iteration quietly on abort, and a stream cut between events looks complete: check both.
  if (request.signal.aborted) throw providerError(config.name, 'cancelled', 'request cancelled');
  if (!stopped) throw providerError(config.name, 'reset', 'the stream ended without message_stop');
  // Claude's safety classifiers end an answer they stop with stop_reason "refusal".
  if (finishReason === 'refusal') throw contentFiltered(config.name, 'the answer was stopped (stop_reason refusal)');
  return { usage: { input, output }, finishReason };
}

export function createAnthropicAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  return sdkAdapter(config, keys, loadSdk, streamMessages);
}
