// The Gemini API (Google AI Studio keys) through the official @google/genai SDK, at `baseUrl` (normally
// https://generativelanguage.googleapis.com). Retries are Airlock's job: the SDK is given no retry options.
import type { GoogleGenAI } from '@google/genai';
import type { ProviderConfig } from '../../protocol';
import { fromGenAiError, sendThrough, streamGenerate, type GenAiSdk } from './google-genai';
import { createHttpFetch } from './http-fetch';
import { apiKeyFor } from './key';
import { once } from './sdk-adapter';
import type { KeyLookup, ProviderAdapter } from './types';

// Loaded on first use: a daemon that never talks to Google does not carry the SDK in memory.
export const loadGenAi = once((): Promise<GenAiSdk> => import('@google/genai'));

export function createGeminiAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  // One client per key: `airlock keys set` takes effect on the next request, without a restart.
  let cached: { key: string; ai: GoogleGenAI } | undefined;
  const fetch = createHttpFetch();
  return {
    config,
    async stream(request, onDelta) {
      const key = (await apiKeyFor(config, keys)) ?? '';
      const sdk = await loadGenAi();
      if (cached?.key !== key) cached = { key, ai: sendThrough(new sdk.GoogleGenAI({ vertexai: false, apiKey: key, httpOptions: { baseUrl: config.baseUrl } }), fetch) };
      try {
        return await streamGenerate(cached.ai, config.name, request, onDelta);
      } catch (err) {
        throw fromGenAiError(config.name, err, sdk);
      }
    },
  };
}
