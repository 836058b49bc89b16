// A policy fetched from a URL (config `policySource`): pinned by sha256 or by an SSH signature (`<url>.sig`, checked
// against `allowedSigners` like signed presets), cached in the Airlock home, fetched at start and every
// `refreshSeconds`. Only verified bytes that parse as a preset reach the cache, and the cache is verified again each
// time it is loaded, so an edit of the cached copy is refused like an unsigned policy. When the source cannot be
// fetched or does not verify, the last verified copy stays active and `health/get` says so; with none, airlockd
// does not start (fail closed).
// The cache file is the config's policy (withPolicySource): the daemon's usual policy watch reloads it on refresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../protocol/errors';
import type { DaemonConfig } from '../config';
import { hashBytes } from '../config/load';
import { parsePolicy, type PolicyBytesCheck } from '../policy/load';
import { parseAllowedSigners, verifySignature } from '../policy/signature';

export type PolicySourceSettings = NonNullable<DaemonConfig['policySource']>;

/** What health/get reports about the remote policy. */
export interface PolicySourceStatus {
  url: string;
  /** sha256 of the policy in use (the verified cache), or null before any. */
  hash: string | null;
  /** When the source last answered with a verified policy. */
  verifiedAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last fetch failed (the cached policy stays active), or null. */
  lastError: string | null;
}

const MAX_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;
const CACHE_DIR = 'policy-cache';

/** Where the verified copy of `url` lives: one file per URL under the home. */
export function cacheFile(home: string, url: string): string {
  return path.join(home, CACHE_DIR, `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.yaml`);
}

/** The config with its policy pointing at the cached copy of the source (no change without a source). */
export function withPolicySource(config: DaemonConfig, home: string): DaemonConfig {
  if (!config.policySource) return config;
  return { ...config, policy: cacheFile(home, config.policySource.url), policyFromConfig: true };
}

const sourceError = (url: string, message: string) => new AirlockError('AIRLOCK_E_POLICY_SOURCE', `policy source ${url}: ${message}`, { url });

/** Checks bytes against the pin: the sha256, and/or the signature by a key in allowedSigners. Throws when they fail. */
export function verifySourceBytes(bytes: Buffer, sig: string | null, config: DaemonConfig, now: Date): void {
  const src = config.policySource!;
  if (src.sha256 && hashBytes(bytes) !== src.sha256) throw sourceError(src.url, `sha256 ${hashBytes(bytes)} is not the pinned ${src.sha256}`);
  if (src.signed) {
    if (sig === null) throw sourceError(src.url, `no signature (${src.url}.sig)`);
    if (!config.allowedSigners) throw sourceError(src.url, 'signed: true needs allowedSigners');
    let signers;
    try {
      signers = parseAllowedSigners(readFileSync(config.allowedSigners, 'utf8'));
    } catch (err) {
      throw sourceError(src.url, `cannot read the allowed signers file ${config.allowedSigners}: ${(err as Error).message}`);
    }
    try {
      verifySignature(bytes, sig, signers, now);
    } catch (err) {
      throw sourceError(src.url, (err as Error).message);
    }
  }
}

const real = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};

/** The check the daemon runs whenever it loads the cached copy (start, reload): the pin must still hold. */
export function cacheCheck(config: DaemonConfig, home: string, now: () => Date = () => new Date()): PolicyBytesCheck | undefined {
  if (!config.policySource) return undefined;
  const file = real(cacheFile(home, config.policySource.url));
  return (bytes, origin) => {
    if (origin.path !== file) return;
    let sig: string | null = null;
    if (config.policySource!.signed) {
      try {
        sig = readFileSync(`${file}.sig`, 'utf8');
      } catch {
        sig = null;
      }
    }
    verifySourceBytes(bytes, sig, config, now());
  };
}

async function fetchBytes(url: string, doFetch: typeof fetch, optional: boolean): Promise<Buffer | null> {
  let res: Response;
  try {
    res = await doFetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/yaml, text/plain, */*' } });
  } catch (err) {
    const cause = (err as Error).cause;
    throw sourceError(url, `unreachable (${(err as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''})`);
  }
  if (optional && res.status === 404) return null;
  if (res.status !== 200) {
    await res.arrayBuffer().catch(() => undefined);
    throw sourceError(url, `HTTP ${res.status}`);
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_BYTES) throw sourceError(url, `larger than ${MAX_BYTES} bytes`);
  return body;
}

export interface PolicySourceDeps {
  home: string;
  fetch?: typeof fetch;
  now?: () => Date;
  log: { info(msg: string, f?: object): void; error(msg: string, f?: object): void };
}

export interface PolicySourceRunner {
  status(): PolicySourceStatus;
  /** Fetches now; resolves true when a new verified policy was cached. Never throws (the error is in status). */
  refresh(): Promise<boolean>;
  close(): void;
}

/**
 * Fetches the source once before the daemon loads its policy: a verified policy is cached; on failure a verified
 * cache is kept; with neither, throws AIRLOCK_E_POLICY_SOURCE. Then refreshes every `refreshSeconds`.
 */
export async function startPolicySource(config: DaemonConfig, deps: PolicySourceDeps): Promise<PolicySourceRunner> {
  const src = config.policySource!;
  const now = deps.now ?? (() => new Date());
  const doFetch = deps.fetch ?? fetch;
  const file = cacheFile(deps.home, src.url);
  const status: PolicySourceStatus = { url: src.url, hash: null, verifiedAt: null, lastAttemptAt: null, lastError: null };

  // The cached copy, if it still verifies under this config (a changed pin or signer list may reject it).
  try {
    const bytes = readFileSync(file);
    cacheCheck(config, deps.home, now)!(bytes, { source: 'config', path: real(file) });
    status.hash = hashBytes(bytes);
  } catch {
    status.hash = null;
  }

  async function refresh(): Promise<boolean> {
    status.lastAttemptAt = now().toISOString();
    try {
      const bytes = (await fetchBytes(src.url, doFetch, false))!;
      const sigBytes = src.signed ? await fetchBytes(`${src.url}.sig`, doFetch, true) : null;
      const sig = sigBytes?.toString('utf8') ?? null;
      verifySourceBytes(bytes, sig, config, now());
      // Verified bytes must also be a valid preset before they may replace a good cache.
      try {
        parsePolicy(bytes, file, { source: 'config', path: file });
      } catch (err) {
        throw sourceError(src.url, `not a valid preset: ${(err as Error).message}`);
      }
      status.verifiedAt = now().toISOString();
      status.lastError = null;
      const hash = hashBytes(bytes);
      if (hash === status.hash) return false;
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // The signature first, then the policy, each by rename: a reload never sees new bytes with an old signature.
      if (sig !== null) atomicWrite(`${file}.sig`, sig);
      atomicWrite(file, bytes);
      status.hash = hash;
      deps.log.info('policy source fetched and verified', { url: src.url, hash });
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (status.lastError !== message) deps.log.error('policy source refresh failed, keeping the last verified policy', { code: 'AIRLOCK_E_POLICY_SOURCE', message, active: status.hash });
      status.lastError = message;
      return false;
    }
  }

  await refresh();
  if (status.hash === null) throw sourceError(src.url, `no verified policy yet and the source failed: ${status.lastError ?? 'unknown'}`);
  const timer = setInterval(() => void refresh(), src.refreshSeconds * 1000);
  timer.unref();
  return { status: () => ({ ...status }), refresh, close: () => clearInterval(timer) };
}

function atomicWrite(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}
