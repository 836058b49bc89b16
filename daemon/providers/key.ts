// The API key for one request, looked up when the request starts so `airlock keys set` takes effect without a restart.
import { envNamesFor } from './keys-env';
import { providerError } from './errors';
import { ProviderError, type KeyLookup } from './types';
import { AirlockError, type ProviderConfig } from '../../protocol';

/** Servers on this machine (vLLM, LM Studio, a local proxy) usually take no key. */
export function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** The key, or an `auth` ProviderError that says how to set one; loopback servers may go without. */
export async function apiKeyFor(config: ProviderConfig, keys: KeyLookup): Promise<string | null> {
  let key: string | null;
  try {
    key = await keys(config.name);
  } catch (err) {
    // A broken keychain is an auth failure for this request; its message says what to do, its code why.
    const code = err instanceof AirlockError ? err.code : undefined;
    throw new ProviderError('auth', `${config.name}: ${err instanceof Error ? err.message : String(err)}`, undefined, undefined, code);
  }
  if (key || isLoopback(config.baseUrl)) return key;
  const env = envNamesFor(config.name, config.apiKeyEnv).join(' or ');
  throw providerError(config.name, 'auth', `no API key: run \`airlock keys set ${config.name}\` or set ${env}`);
}
