// One adapter per configured provider, chosen by kind. Keys are looked up per request, not here.
import type { ProviderConfig } from '../../protocol';
import { createAnthropicAdapter } from './anthropic';
import { createBedrockAdapter } from './bedrock';
import { createCohereAdapter } from './cohere';
import { createGeminiAdapter } from './gemini';
import { createMistralAdapter } from './mistral';
import { createOllamaAdapter } from './ollama';
import { createOpenAiAdapter } from './openai';
import { createVertexAdapter } from './vertex';
import type { KeyLookup, ProviderAdapter } from './types';

export function createAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  switch (config.kind) {
    case 'ollama':
      return createOllamaAdapter(config);
    case 'openai':
      return createOpenAiAdapter(config, keys);
    case 'anthropic':
      return createAnthropicAdapter(config, keys);
    case 'gemini':
      return createGeminiAdapter(config, keys);
    case 'vertex':
      return createVertexAdapter(config);
    case 'mistral':
      return createMistralAdapter(config, keys);
    case 'cohere':
      return createCohereAdapter(config, keys);
    case 'bedrock':
      return createBedrockAdapter(config, keys);
  }
}

export { ProviderError } from './types';
export type { ChatMessage, CredentialReport, EmbedRequest, EmbedResult, KeyLookup, ProviderAdapter, ProviderFailure, StreamRequest, StreamResult } from './types';
