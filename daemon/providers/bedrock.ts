// Amazon Bedrock through the official SDK's ConverseStream (the binary application/vnd.amazon.eventstream framing),
// native rather than Bedrock's OpenAI-compatible endpoint, which does not serve Anthropic, Amazon or Meta models.
// Requests are SigV4-signed with the standard AWS credential chain, or carry a Bedrock API key (bearer): see
// bedrock-auth.ts. The SDK and its HTTP handler load on first use, like the other hosted SDKs. Retries are Airlock's.
import http from 'node:http';
import https from 'node:https';
import type { ProviderConfig, ToolRequest } from '../../protocol';
import { bedrockAuth, credentialSource, noCredentialsFix } from './bedrock-auth';
import { fromBedrockError } from './bedrock-errors';
import { contentFiltered, providerError } from './errors';
import { proxyFor, TunnelAgent } from './proxy';
import { commonJs, once } from './sdk-adapter';
import type { ChatMessage, CredentialReport, KeyLookup, ProviderAdapter, StreamRequest, StreamResult } from './types';

type Sdk = typeof import('@aws-sdk/client-bedrock-runtime');
/** Converse stop reasons that mean a filter stopped the answer. */
const FILTERED = new Set(['guardrail_intervened', 'content_filtered']);
type Chain = typeof import('@aws-sdk/credential-providers');
type Client = InstanceType<Sdk['BedrockRuntimeClient']>;
type ConverseInput = ConstructorParameters<Sdk['ConverseStreamCommand']>[0];
type Credentials = Awaited<ReturnType<ReturnType<Chain['fromNodeProviderChain']>>>;

// Loaded on first use: a daemon that never talks to Bedrock does not carry the AWS SDK in memory.
const loadSdk = once(async () => {
  const [sdk, chain, handler] = await Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@aws-sdk/credential-providers'), import('@smithy/node-http-handler')]);
  return { sdk: commonJs(sdk), chain: commonJs(chain), handler: commonJs(handler) };
});

/** Converse's image formats, by media type; Bedrock takes no other. */
const IMAGE_FORMATS: Record<string, 'png' | 'jpeg' | 'gif' | 'webp'> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

type Block = { text: string } | { image: { format: 'png' | 'jpeg' | 'gif' | 'webp'; source: { bytes: Uint8Array } } };

/** A message's images as Converse image blocks (raw bytes: the SDK base64-encodes them on the wire). */
function imageBlocks(provider: string, m: ChatMessage): Block[] {
  return (m.images ?? []).map((i) => {
    const format = IMAGE_FORMATS[i.mediaType.toLowerCase()];
    if (!format) throw providerError(provider, 'bad-request', `Bedrock takes png, jpeg, gif or webp images, not ${i.mediaType}`);
    return { image: { format, source: { bytes: Buffer.from(i.data, 'base64') } } };
  });
}

/** Converse wants a user turn first and roles alternating: adjacent turns of one role become one turn of blocks. */
export function converseMessages(messages: ChatMessage[], provider = 'bedrock'): { system: { text: string }[]; messages: { role: 'user' | 'assistant'; content: Block[] }[] } {
  const system = messages.filter((m) => m.role === 'system' && m.content).map((m) => ({ text: m.content }));
  const turns: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    // Bedrock refuses blank text blocks.
    const blocks = [...(m.content.trim() ? [{ text: m.content }] : []), ...imageBlocks(provider, m)];
    if (!blocks.length) continue;
    const last = turns.at(-1);
    if (last?.role === m.role) last.content.push(...blocks);
    else turns.push({ role: m.role, content: blocks });
  }
  return { system, messages: turns };
}

/** Tools and tool choice in Converse terms. Converse has no "none": the tools are then left out. No JSON mode. */
export function toolConfig(tools: ToolRequest | undefined): Pick<ConverseInput, 'toolConfig'> {
  if (!tools?.tools?.length || tools.toolChoice === 'none') return {};
  const choice = tools.toolChoice;
  return {
    toolConfig: {
      tools: tools.tools.map((t) => ({ toolSpec: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), inputSchema: { json: (t.parameters ?? { type: 'object', properties: {} }) as never } } })),
      ...(choice === 'auto' ? { toolChoice: { auto: {} } } : choice === 'required' ? { toolChoice: { any: {} } } : choice ? { toolChoice: { tool: { name: choice.name } } } : {}),
    },
  };
}

/** Keep-alive agents for this provider; HTTPS through HTTPS_PROXY as a CONNECT tunnel, as the other providers do. */
function agents(config: ProviderConfig): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const proxy = proxyFor(new URL(config.baseUrl), process.env);
  const httpsAgent = proxy ? new TunnelAgent(proxy, process.env.AIRLOCK_PROXY_STRICT_SSL !== 'false') : new https.Agent({ keepAlive: true });
  return { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent };
}

export interface BedrockOptions {
  /** Where AWS_BEARER_TOKEN_BEDROCK is read; the credential chain itself reads process.env, as the SDK does. */
  env?: NodeJS.ProcessEnv;
}

export function createBedrockAdapter(config: ProviderConfig, keys: KeyLookup, options: BedrockOptions = {}): ProviderAdapter {
  const env = options.env ?? process.env;
  let clients: Promise<{ sdk: Sdk; sigv4: Client; bearer: (token: string) => Client; chain: () => Promise<Credentials> }> | undefined;
  // Clients over one HTTP handler: SigV4 with the credential chain (which caches and refreshes credentials), and one
  // per Bedrock API key (the latest only: a key set with `airlock keys set` replaces the old one). Built on first use.
  let latestBearer: { token: string; client: Client } | undefined;
  const build = () => (clients ??= loadSdk().then(({ sdk, chain, handler }) => {
    const requestHandler = new handler.NodeHttpHandler(agents(config));
    const credentials = chain.fromNodeProviderChain(config.profile ? { profile: config.profile } : {});
    const common = { region: config.region, endpoint: config.baseUrl, maxAttempts: 1, requestHandler, ...(config.profile ? { profile: config.profile } : {}) };
    return {
      sdk,
      chain: credentials,
      sigv4: new sdk.BedrockRuntimeClient({ ...common, credentials, authSchemePreference: ['sigv4'] }),
      bearer: (token: string) => {
        if (latestBearer?.token !== token) latestBearer = { token, client: new sdk.BedrockRuntimeClient({ ...common, token: async () => ({ token }), authSchemePreference: ['httpBearerAuth'] }) };
        return latestBearer.client;
      },
    };
  }));

  async function stream(request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
    const { auth, keychainProblem } = await bedrockAuth(config, keys, env);
    const { sdk, sigv4, bearer } = await build();
    const client = auth.scheme === 'bearer' ? bearer(auth.token) : sigv4;
    try {
      return await converse(sdk, client, request, onDelta);
    } catch (err) {
      const mapped = fromBedrockError(config, request.model, err);
      // No AWS credentials, and the keychain failed too: say both, the keychain may hold the Bedrock API key.
      if (mapped.failure === 'auth' && keychainProblem && !mapped.status) throw providerError(config.name, 'auth', `${noCredentialsFix(config)}; the keychain failed: ${keychainProblem}`);
      throw mapped;
    }
  }

  async function converse(sdk: Sdk, client: Client, request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult> {
    const { system, messages } = converseMessages(request.messages, config.name);
    const input: ConverseInput = {
      modelId: request.model,
      messages,
      ...(system.length ? { system } : {}),
      ...(request.maxTokens ? { inferenceConfig: { maxTokens: request.maxTokens } } : {}),
      ...toolConfig(request.tools),
    };
    const response = await client.send(new sdk.ConverseStreamCommand(input), { abortSignal: request.signal });
    let usage: StreamResult['usage'] = null;
    let finishReason: string | null = null;
    for await (const event of response.stream ?? []) {
      if (event.contentBlockDelta) {
        const { delta, contentBlockIndex: index = 0 } = event.contentBlockDelta;
        if (delta?.text) onDelta(delta.text);
        else if (delta?.toolUse?.input) request.onToolCall?.({ index, arguments: delta.toolUse.input });
      } else if (event.contentBlockStart?.start?.toolUse) {
        const { toolUseId, name } = event.contentBlockStart.start.toolUse;
        request.onToolCall?.({ index: event.contentBlockStart.contentBlockIndex ?? 0, ...(toolUseId ? { id: toolUseId } : {}), ...(name ? { name } : {}) });
      } else if (event.messageStop) finishReason = event.messageStop.stopReason ?? 'end_turn';
      else if (event.metadata?.usage) usage = { input: event.metadata.usage.inputTokens ?? 0, output: event.metadata.usage.outputTokens ?? 0 };
    }
    // An abort can end the iteration quietly, and a stream cut between frames looks complete: check both.
    if (request.signal.aborted) throw providerError(config.name, 'cancelled', 'request cancelled');
    if (!finishReason) throw providerError(config.name, 'reset', 'the stream ended without messageStop');
    // A guardrail (the account's own) or the model's content filter stopped it; the guardrail's message has streamed as
    // text before this, so the user has it and no other model is asked (errors.ts, contentFiltered).
    if (FILTERED.has(finishReason)) throw contentFiltered(config.name, `the answer was stopped (stopReason ${finishReason})`);
    return { usage, finishReason };
  }

  async function describeCredentials(): Promise<CredentialReport> {
    const { auth, keychainProblem } = await bedrockAuth(config, keys, env);
    if (auth.scheme === 'bearer') return { found: true, source: `Bedrock API key from ${auth.source}` };
    const { chain } = await build();
    try {
      return { found: true, source: credentialSource((await chain()) as { $source?: Record<string, unknown> }, config.profile) };
    } catch {
      return { found: false, source: 'none', fix: `${noCredentialsFix(config)}${keychainProblem ? `; the keychain failed: ${keychainProblem}` : ''}` };
    }
  }

  return { config, stream, describeCredentials };
}
