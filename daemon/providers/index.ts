// One adapter per configured provider, chosen by kind. Keys are looked up per request, not here.
import type { ProviderConfig } from '../../protocol';
import { createAnthropicAdapter } from './anthropic';
import { createOllamaAdapter } from './ollama';
import { createOpenAiAdapter } from './openai';
import type { KeyLookup, ProviderAdapter } from './types';

export function createAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  switch (config.kind) {
    case 'ollama':
      return createOllamaAdapter(config);
    case 'openai':
      return createOpenAiAdapter(config, keys);
    case 'anthropic':
      return createAnthropicAdapter(config, keys);
  }
}

export { ProviderError } from './types';
export type { ChatMessage, EmbedRequest, EmbedResult, KeyLookup, ProviderAdapter, ProviderFailure, StreamRequest, StreamResult } from './types';
