// The shape both official SDK adapters share: look the key up per request, load the SDK on first use (a daemon
// that never talks to a provider kind does not carry its SDK in memory), map every SDK error to a ProviderError.
import type { ProviderConfig } from '../../protocol';
import { fromSdkError, type StainlessClasses } from './errors';
import { createHttpFetch, type FetchLike } from './http-fetch';
import { apiKeyFor } from './key';
import type { EmbedRequest, EmbedResult, KeyLookup, ProviderAdapter, StreamRequest, StreamResult } from './types';

/** Local servers take no key, but the SDKs refuse to start without one. */
const NO_KEY = 'no-key';

/** What a request needs besides the SDK: the provider, its key, and the keep-alive fetch its client sends with. */
export interface SdkCall {
  config: ProviderConfig;
  apiKey: string;
  fetch: FetchLike;
}

export type SdkStream<Sdk> = (sdk: Sdk, call: SdkCall, request: StreamRequest, onDelta: (text: string) => void) => Promise<StreamResult>;

export type SdkEmbed<Sdk> = (sdk: Sdk, call: SdkCall, request: EmbedRequest) => Promise<EmbedResult>;

export function sdkAdapter<Sdk extends { default: StainlessClasses }>(config: ProviderConfig, keys: KeyLookup, load: () => Promise<Sdk>, stream: SdkStream<Sdk>, embed?: SdkEmbed<Sdk>): ProviderAdapter {
  // One HTTP stack for every provider: the SDKs would otherwise load and warm up undici's fetch beside it.
  const fetch = createHttpFetch();
  /** Runs one SDK call with the key looked up for this request, every SDK error mapped to a ProviderError. */
  const call = async <T>(fn: (sdk: Sdk, c: SdkCall) => Promise<T>): Promise<T> => {
    const apiKey = (await apiKeyFor(config, keys)) ?? NO_KEY;
    const sdk = await load();
    try {
      return await fn(sdk, { config, apiKey, fetch });
    } catch (err) {
      throw fromSdkError(config.name, err, sdk.default);
    }
  };
  return {
    config,
    stream: (request, onDelta) => call((sdk, c) => stream(sdk, c, request, onDelta)),
    ...(embed ? { embed: (request: EmbedRequest) => call((sdk, c) => embed(sdk, c, request)) } : {}),
  };
}

/** CommonJS packages (the AWS SDK, cohere-ai, google-auth-library): bundled, an import() of one has only `default`
 *  (Node's own import, under tsx, has both). The bundled daemon is what users run: without this it fails every request. */
export function commonJs<T>(module: T): T {
  return (module as { default?: T }).default ?? module;
}

/** A loader that imports once and shares the promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
