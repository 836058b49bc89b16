// The common provider interface: every provider (Ollama, OpenAI-compatible, Anthropic) streams text the same way.
import type { CatalogueModel, ErrorCode, ProviderConfig, ProviderFailure, ToolCallDelta, ToolRequest } from '../../protocol';

/** An image as the client sent it inline: base64 bytes and their media type (image/png, image/jpeg, …). */
export interface ImageInput {
  mediaType: string;
  data: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Images that go with this message; set only for a model tagged `vision` (route/execute.ts). */
  images?: ImageInput[];
}

export interface StreamRequest {
  /** The provider's model name (catalogue `model`, or the Azure deployment). */
  model: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  maxTokens?: number;
  /** Tools, tool choice and response format: set only for a model whose catalogue entry is tagged for them. */
  tools?: ToolRequest;
  /** Receives each streamed piece of a tool call, raw (placeholders not yet restored). */
  onToolCall?: (delta: ToolCallDelta) => void;
}

export interface StreamResult {
  usage: { input: number; output: number } | null;
  finishReason: string | null;
}

/** Why an attempt failed, in terms the retry and fallback logic needs (defined in protocol/: records carry it). */
export type { ProviderFailure };

export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly status?: number,
    /** From a Retry-After header, in milliseconds. */
    readonly retryAfterMs?: number,
    /** The coded reason when Airlock knows it better than the failure kind (a locked keychain behind `auth`). */
    readonly code?: ErrorCode,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Where a provider's credentials were found, for `airlock providers check`: never the value. */
export interface CredentialReport {
  found: boolean;
  /** e.g. `keychain`, `environment (AWS_ACCESS_KEY_ID)`, `SSO profile dev`, `ADC`; or what is missing. */
  source: string;
  /** What to do when none were found. */
  fix?: string;
}

export interface EmbedRequest {
  /** The provider's embedding model (ProviderConfig.embedModel or its kind's default). */
  model: string;
  input: string[];
  signal: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input, in input order. */
  embeddings: number[][];
  usage: { input: number } | null;
}

export interface ProviderAdapter {
  readonly config: ProviderConfig;
  /** Streams the answer, calling onDelta for each piece of text; resolves when the provider says it is done. */
  stream(request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult>;
  /** Providers with their own credential chain (Bedrock, Vertex) say where it found credentials; the others use keys. */
  describeCredentials?(): Promise<CredentialReport>;
  /** Embeds texts; absent for a provider kind without an embeddings API (Anthropic). */
  embed?(request: EmbedRequest): Promise<EmbedResult>;
}

/** Looks up an API key for a provider (keychain first, then environment); null when there is none. */
export type KeyLookup = (provider: string) => Promise<string | null>;

export type AdapterFactory = (config: ProviderConfig, keys: KeyLookup) => ProviderAdapter;

export type { CatalogueModel };
