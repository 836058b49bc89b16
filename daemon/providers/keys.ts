// Provider API keys: the OS keychain (keytar → libsecret / Keychain / Credential Manager) first, environment second.
// A key never appears in a log line, an error message or a return value other than get()'s.
import { AirlockError } from '../../protocol';
import type { KeychainState } from '../../protocol';
import { envKey, envProviders } from './keys-env';
import { classifyKeytarError, loadKeytar, loadProblem, timeoutProblem } from './keys-keytar';
import type { KeychainProblem, KeytarLike, KeytarLoader } from './keys-keytar';

export type KeychainStatus = KeychainState;
export type KeySource = 'keychain' | 'env';
export type { KeytarLike, KeytarLoader };

export interface KeyStoreOptions {
  /** Keychain service name the keys are filed under; tests use their own. */
  service?: string;
  env?: NodeJS.ProcessEnv;
  loadKeytar?: KeytarLoader;
  /** A Secret Service waiting on an invisible prompt would otherwise hang the caller. */
  timeoutMs?: number;
  /** How long get() trusts what the keychain said (a key, or none) before asking again; 0 asks every time. */
  cacheMs?: number;
  /** Milliseconds since the epoch, for the cache. */
  clock?: () => number;
}

export interface KeyStore {
  /** Whether the keychain can store keys now; probes with a throwaway item because a locked keyring reads as empty. */
  status(): Promise<KeychainStatus>;
  set(provider: string, key: string): Promise<void>;
  /**
   * The key and where it came from; the keychain wins over the environment. null when neither has one. Throws the
   * keychain's AirlockError only when the keychain failed AND the environment has no key, so the user learns why.
   * A locked keychain reads as empty (libsecret says nothing): status() tells.
   */
  get(provider: string, options?: { envVar?: string }): Promise<{ key: string; source: KeySource } | null>;
  /** true when a keychain entry was removed. Environment variables are not Airlock's to remove. */
  delete(provider: string): Promise<boolean>;
  /** Drops what get() remembers for a provider (its key was refused: another process may have changed it). */
  forget(provider: string): void;
  /** Providers with a key, keychain first. When the keychain fails only environment keys are listed; status() says why. */
  list(): Promise<{ provider: string; source: KeySource }[]>;
}

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_KEY_LENGTH = 8192;
/** Starts with '.', so it can never be a provider name and list() skips it. */
const PROBE_PREFIX = '.airlock-probe-';

export function assertProviderName(provider: unknown): asserts provider is string {
  // The bad value is not echoed: a key pasted where the provider name goes must not reach a log.
  if (typeof provider !== 'string' || !PROVIDER_NAME.test(provider)) {
    throw new AirlockError('AIRLOCK_E_INPUT', 'The provider name is not valid: use 1 to 64 lowercase letters, digits and "-", starting with a letter or digit (e.g. "openai").');
  }
}

export function assertApiKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new AirlockError('AIRLOCK_E_INPUT', 'The API key is empty.');
  if (/[\r\n]/.test(key)) throw new AirlockError('AIRLOCK_E_INPUT', 'The API key contains a line break; paste the key alone, on one line.');
  if (/[\x00-\x1f\x7f]/.test(key)) throw new AirlockError('AIRLOCK_E_INPUT', 'The API key contains a control character; paste the key alone.');
  if (key.trim() !== key) throw new AirlockError('AIRLOCK_E_INPUT', 'The API key starts or ends with whitespace; paste the key alone.');
  if (key.length > MAX_KEY_LENGTH) throw new AirlockError('AIRLOCK_E_INPUT', `The API key is longer than ${MAX_KEY_LENGTH} characters; that is not an API key.`);
}

function problemError(problem: KeychainProblem): AirlockError {
  return new AirlockError(problem.code, problem.message, { keychain: problem.state });
}

function errorProblem(err: AirlockError): KeychainProblem | null {
  if (err.code !== 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE' && err.code !== 'AIRLOCK_E_KEYCHAIN_LOCKED') return null;
  return { state: err.code === 'AIRLOCK_E_KEYCHAIN_LOCKED' ? 'locked' : 'unavailable', code: err.code, message: err.message };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(problemError(timeoutProblem(ms))), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createKeyStore(options: KeyStoreOptions = {}): KeyStore {
  const service = options.service ?? 'airlock';
  const env = options.env ?? process.env;
  const load = options.loadKeytar ?? loadKeytar;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const cacheMs = options.cacheMs ?? 0;
  const clock = options.clock ?? Date.now;
  let keytar: KeytarLike | undefined;
  /** What the keychain said per provider and when: a keychain read is an IPC round trip (D-Bus, the Keychain) per
   *  hosted request otherwise. set() and delete() here, and forget(), drop an entry; other processes' changes show
   *  once the entry is older than cacheMs, or at once after a refused key (the runner calls forget()). */
  const cached = new Map<string, { stored: string | null; at: number }>();
  /** Bumped by every change: a read that was in flight across a change does not fill the cache with the old key. */
  let generation = 0;
  const drop = (provider: string) => {
    generation += 1;
    cached.delete(provider);
  };

  /** Runs one keytar call; every failure leaves as an AirlockError with a keychain code, never raw. */
  async function keychain<T>(op: (k: KeytarLike) => Promise<T>, secret?: string): Promise<T> {
    if (!keytar) {
      try {
        keytar = load();
      } catch (err) {
        throw problemError(loadProblem(err));
      }
    }
    const k = keytar;
    try {
      return await withTimeout(Promise.resolve().then(() => op(k)), timeoutMs);
    } catch (err) {
      if (err instanceof AirlockError) throw err;
      throw problemError(classifyKeytarError(err, secret));
    }
  }

  async function status(): Promise<KeychainStatus> {
    const probe = `${PROBE_PREFIX}${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    try {
      await keychain((k) => k.setPassword(service, probe, 'probe'));
      await keychain((k) => k.deletePassword(service, probe));
      return { state: 'ok' };
    } catch (err) {
      const problem = err instanceof AirlockError ? errorProblem(err) : null;
      if (problem) return problem;
      throw err;
    }
  }

  async function set(provider: string, key: string): Promise<void> {
    assertProviderName(provider);
    assertApiKey(key);
    drop(provider);
    try {
      await keychain((k) => k.setPassword(service, provider, key), key);
    } finally {
      drop(provider);
    }
  }

  async function storedKey(provider: string): Promise<string | null> {
    const hit = cached.get(provider);
    if (hit && clock() - hit.at < cacheMs) return hit.stored;
    const [at, seen] = [clock(), generation];
    const stored = await keychain((k) => k.getPassword(service, provider));
    if (cacheMs > 0 && seen === generation) cached.set(provider, { stored, at });
    return stored;
  }

  async function get(provider: string, opts: { envVar?: string } = {}): Promise<{ key: string; source: KeySource } | null> {
    assertProviderName(provider);
    let failure: AirlockError | undefined;
    const [at, seen] = [clock(), generation];
    try {
      const stored = await storedKey(provider);
      if (stored) return { key: stored, source: 'keychain' };
    } catch (err) {
      if (!(err instanceof AirlockError)) throw err;
      failure = err;
    }
    const fromEnv = envKey(env, provider, opts.envVar);
    // A keychain that failed while the environment has the key (no D-Bus session, say): remembered as "none" like
    // an empty one, so each request does not pay the failing call; an error nobody would see is not re-asked.
    if (fromEnv && failure && cacheMs > 0 && seen === generation) cached.set(provider, { stored: null, at });
    if (fromEnv) return { key: fromEnv, source: 'env' };
    if (failure) throw failure;
    return null;
  }

  async function remove(provider: string): Promise<boolean> {
    assertProviderName(provider);
    drop(provider);
    try {
      return await keychain((k) => k.deletePassword(service, provider));
    } finally {
      drop(provider);
    }
  }

  async function list(): Promise<{ provider: string; source: KeySource }[]> {
    let stored: string[] = [];
    try {
      // findCredentials returns the passwords too; only the account names are kept.
      const credentials = await keychain((k) => k.findCredentials(service));
      stored = credentials.map((c) => c.account).filter((a) => PROVIDER_NAME.test(a));
    } catch (err) {
      if (!(err instanceof AirlockError)) throw err;
    }
    const inKeychain = new Set(stored);
    const fromEnv = envProviders(env).filter((p) => !inKeychain.has(p));
    return [
      ...[...inKeychain].sort().map((provider) => ({ provider, source: 'keychain' as const })),
      ...fromEnv.map((provider) => ({ provider, source: 'env' as const })),
    ];
  }

  return { status, set, get, delete: remove, list, forget: drop };
}
