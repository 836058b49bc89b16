// The provider doctor behind `providers/check`: for each configured provider, where its credentials come from (never
// the value), then one fixed probe prompt per catalogue model through the same adapter requests use (so through the
// official SDKs), timing the first streamed piece. Fresh adapters, outside the circuit breakers and the decision path:
// a check neither trips a breaker nor writes a record, and it never sends anything when no credentials were found.
import type { Catalogue, CatalogueModel, ProviderConfig } from '../../../protocol/catalogue';
import { AirlockError } from '../../../protocol/errors';
import type { ModelCheck, ProviderCheck } from '../../../protocol/methods';
import { createAdapter, ProviderError, type CredentialReport, type ProviderAdapter } from '../../providers';
import { isLoopback } from '../../providers/key';
import type { KeyStore } from '../../providers/keys';
import { envNamesFor } from '../../providers/keys-env';

/** The probe: fixed, tiny, and the only text a check ever sends. */
export const PROBE_PROMPT = 'Reply with the single word: ok';

export interface CheckDeps {
  keys: KeyStore;
  /** Milliseconds, for time to first token (a measurement shown to the user, never a test bound). */
  clock: () => number;
  /** Longest one model's probe may take. */
  timeoutMs: number;
  adapterFor?: (config: ProviderConfig, keys: (provider: string) => Promise<string | null>) => ProviderAdapter;
}

async function keyCredentials(p: ProviderConfig, keys: KeyStore): Promise<CredentialReport> {
  if (p.kind === 'ollama') return { found: true, source: 'none needed (local)' };
  const envNames = envNamesFor(p.name, p.apiKeyEnv).join(' or ');
  try {
    const found = await keys.get(p.name, p.apiKeyEnv ? { envVar: p.apiKeyEnv } : {});
    if (found) return { found: true, source: found.source === 'keychain' ? 'keychain' : `environment (${envNames})` };
  } catch (err) {
    // The keychain failed and the environment has none: `airlock keys set` cannot help until the keychain works.
    return { found: false, source: 'none', fix: `set ${envNames}, or make the keychain usable (${err instanceof Error ? err.message : String(err)})` };
  }
  if (isLoopback(p.baseUrl)) return { found: true, source: 'none needed (local server)' };
  // A locked keychain reads as empty: ask it, so the fix says "unlock it" rather than "set a key".
  const status = await keys.status().catch(() => null);
  if (status && status.state !== 'ok') return { found: false, source: 'none', fix: `set ${envNames}, or make the keychain usable (${status.message})` };
  return { found: false, source: 'none', fix: `run \`airlock keys set ${p.name}\` or set ${envNames}` };
}

/** What to do about a failed probe, by failure kind (the adapter's message often says it more exactly). */
function fixFor(p: ProviderConfig, m: ModelCheck): string {
  switch (m.failure) {
    case 'refused':
      return p.kind === 'ollama' ? 'start Ollama: `ollama serve`' : `check baseUrl ${p.baseUrl} and the network (proxy, VPN) between here and it`;
    case 'timeout':
      return 'no answer in time: check the network, or whether the provider is overloaded';
    case 'auth':
      return p.kind === 'bedrock' ? 'check the AWS credentials and the model access in the Bedrock console' : `set a valid key: \`airlock keys set ${p.name}\``;
    case 'not-found':
      return p.kind === 'ollama' ? `\`ollama pull ${m.model}\`` : `check \`model: ${m.model}\` in the catalogue against what ${p.name} offers`;
    case 'rate-limited':
      return 'the provider is throttling this account: retry later or raise the quota';
    case 'server':
      return 'the provider failed: retry later';
    case 'bad-request':
      return `${p.name} refused the request: check the model's settings in the catalogue`;
    default:
      return 'the answer broke off: check proxies between here and the provider';
  }
}

const WORDS: Record<string, string> = {
  refused: 'unreachable', timeout: 'timed out', auth: 'refused the credentials', 'not-found': 'not found', 'rate-limited': 'throttled',
  server: 'provider error', 'bad-request': 'request refused', malformed: 'broken stream', reset: 'stream cut', cancelled: 'cancelled',
};

async function probe(adapter: ProviderAdapter, m: CatalogueModel, deps: CheckDeps): Promise<ModelCheck> {
  const started = deps.clock();
  let firstTokenMs: number | undefined;
  const first = (): void => {
    firstTokenMs ??= Math.round(deps.clock() - started);
  };
  const signal = AbortSignal.timeout(deps.timeoutMs);
  try {
    await adapter.stream({ model: m.model, messages: [{ role: 'user', content: PROBE_PROMPT }], signal, onToolCall: first }, first);
    return { id: m.id, model: m.model, ok: true, ...(firstTokenMs !== undefined ? { firstTokenMs } : {}) };
  } catch (err) {
    const e = err instanceof ProviderError ? err : new ProviderError('malformed', err instanceof Error ? err.message : String(err));
    // Our own deadline surfaces as a cancel; after the first piece the model has shown it streams.
    if (signal.aborted && firstTokenMs !== undefined) return { id: m.id, model: m.model, ok: true, firstTokenMs };
    const failure = signal.aborted ? 'timeout' : e.failure;
    return { id: m.id, model: m.model, ok: false, failure, ...(e.status !== undefined ? { status: e.status } : {}), message: e.message };
  }
}

function verdict(p: ProviderConfig, credentials: CredentialReport, models: ModelCheck[]): ProviderCheck {
  const base = { name: p.name, kind: p.kind, credentials: { found: credentials.found, source: credentials.source }, models };
  if (!credentials.found) {
    const fix = credentials.fix ?? 'set credentials';
    return { ...base, ok: false, endpoint: 'not-checked', fix, line: `${p.name} no credentials — fix: ${fix}` };
  }
  const answered = models.some((m) => m.ok || (m.failure !== 'refused' && m.failure !== 'timeout'));
  const endpoint = models.length === 0 ? 'not-checked' : answered ? 'answers' : 'unreachable';
  const failed = models.filter((m) => !m.ok);
  if (failed.length === 0) {
    const timings = models.map((m) => `${m.model} ${m.firstTokenMs !== undefined ? `${m.firstTokenMs} ms` : 'no text'}`).join(', ');
    const what = models.length ? `${models.length === 1 ? 'streams' : `${models.length} models stream`}, first token: ${timings}` : 'no catalogue model to probe';
    return { ...base, ok: true, endpoint, line: `${p.name} ok — credentials: ${credentials.source}; ${what}` };
  }
  const m = failed[0]!;
  const fix = fixFor(p, m);
  const what = endpoint === 'unreachable' ? `unreachable at ${p.baseUrl}` : `model ${m.model} ${WORDS[m.failure ?? ''] ?? m.failure}${m.status ? ` (HTTP ${m.status})` : ''}`;
  const more = failed.length > 1 ? ` (+${failed.length - 1} more failing)` : '';
  return { ...base, ok: false, endpoint, fix, line: `${p.name} ${what}${more}: ${m.message ?? ''} — fix: ${fix}` };
}

/** Checks one provider: credentials first; the models only when there are some. */
async function checkOne(p: ProviderConfig, models: CatalogueModel[], deps: CheckDeps): Promise<ProviderCheck> {
  const lookup = async (name: string): Promise<string | null> => (await deps.keys.get(name, p.apiKeyEnv ? { envVar: p.apiKeyEnv } : {}))?.key ?? null;
  const adapter = (deps.adapterFor ?? createAdapter)(p, lookup);
  const credentials = adapter.describeCredentials ? await adapter.describeCredentials() : await keyCredentials(p, deps.keys);
  if (!credentials.found) return verdict(p, credentials, []);
  const checks = await Promise.all(models.map((m) => probe(adapter, m, deps)));
  return verdict(p, credentials, checks);
}

/** Checks every configured provider (or the one named), in parallel. */
export async function checkProviders(catalogue: Catalogue, name: string | undefined, deps: CheckDeps): Promise<{ ok: boolean; providers: ProviderCheck[] }> {
  const chosen = name ? catalogue.providers.filter((p) => p.name === name) : catalogue.providers;
  if (name && chosen.length === 0) {
    throw new AirlockError('AIRLOCK_E_PROVIDER_UNKNOWN', `no provider named ${name} in the catalogue (configured: ${catalogue.providers.map((p) => p.name).join(', ') || 'none'})`, { provider: name });
  }
  const providers = await Promise.all(chosen.map((p) => checkOne(p, catalogue.models.filter((m) => m.provider === p.name), deps)));
  return { ok: providers.every((p) => p.ok), providers };
}
