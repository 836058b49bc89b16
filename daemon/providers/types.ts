// The common provider interface: every provider (Ollama, OpenAI-compatible, Anthropic) streams text the same way.
import type { CatalogueModel, ProviderConfig, ToolCallDelta, ToolRequest } from '../../protocol';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
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

/** Why an attempt failed, in terms the retry and fallback logic needs. */
export type ProviderFailure =
  | 'refused' // connection refused / DNS / reset before any byte: the provider is down
  | 'timeout'
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'auth' // 401/403 or no key
  | 'not-found' // unknown model (Ollama: not pulled)
  | 'bad-request' // 4xx other than the above: retrying will not help
  | 'malformed' // the stream broke the wire format
  | 'reset' // the connection dropped mid-stream
  | 'cancelled';

export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly status?: number,
    /** From a Retry-After header, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProviderAdapter {
  readonly config: ProviderConfig;
  /** Streams the answer, calling onDelta for each piece of text; resolves when the provider says it is done. */
  stream(request: StreamRequest, onDelta: (text: string) => void): Promise<StreamResult>;
}

/** Looks up an API key for a provider (keychain first, then environment); null when there is none. */
export type KeyLookup = (provider: string) => Promise<string | null>;

export type AdapterFactory = (config: ProviderConfig, keys: KeyLookup) => ProviderAdapter;

export type { CatalogueModel };
