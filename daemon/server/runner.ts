// Bridges the server to route/execute: provider adapters per configured provider (rebuilt when the catalogue
// changes), one circuit breaker per provider, and the conversations (placeholder book and earlier turns, memory only).
import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogueModel, ProviderConfig } from '../../protocol/catalogue';
import { AirlockError } from '../../protocol/errors';
import type { DecisionRecord } from '../../protocol/record';
import type { ProviderHealth } from '../../protocol/methods';
import { createAdapter } from '../providers';
import { isLoopback } from '../providers/key';
import type { KeyStore } from '../providers/keys';
import type { ProviderAdapter } from '../providers/types';
import { createBreakers } from '../route/circuit';
import { embed } from '../route/embed';
import { execute } from '../route/execute';
import type { Scanner } from '../route/scan-pool';
import type { Runner } from './context';
import { conversationKeeper } from './conversations';
import type { Logger } from './log';
import type { DaemonState } from './state';

const KEYCHAIN_CODES = new Set(['AIRLOCK_E_KEYCHAIN_LOCKED', 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE']);

/** `scan` runs the re-scan of a redacted prompt off the event loop (the daemon's worker pool), as the first scan ran. */
export function createRunner(state: DaemonState, keys: KeyStore, log: Logger, scan?: Scanner): Runner {
  const breakers = createBreakers({ failureThreshold: 3, coolDownMs: 30_000, clock: Date.now });
  const adapters = new Map<string, { config: ProviderConfig; adapter: ProviderAdapter }>();
  const conversationFor = conversationKeeper();
  const providerConfig = (name: string) => state.config().catalogue.providers.find((p) => p.name === name);
  /** The key for a provider. Keychain errors leave coded (never as "no key"), and the adapter reports them. */
  const lookup = async (provider: string) => {
    const config = providerConfig(provider);
    const found = await keys.get(provider, config?.apiKeyEnv ? { envVar: config.apiKeyEnv } : {});
    if (found) return found.key;
    // A server on this machine usually takes no key, and Bedrock has the AWS credential chain besides: no need to ask
    // the keychain why there is none.
    if (config && (isLoopback(config.baseUrl) || config.kind === 'bedrock')) return null;
    // A locked keychain reads as empty: ask it, so the user hears "unlock it" rather than "set a key".
    const status = await keys.status();
    if (status.state !== 'ok') throw new AirlockError(status.code, status.message, { keychain: status.state });
    return null;
  };
  const adapterFor = (name: string): ProviderAdapter => {
    const config = providerConfig(name);
    // The config was reloaded between plan and run and dropped this provider.
    if (!config) throw new AirlockError('AIRLOCK_E_NO_CANDIDATE', `provider ${name} is no longer in the catalogue (the config changed); send the request again`, { provider: name });
    const cached = adapters.get(name);
    if (cached && cached.config === config) return cached.adapter;
    const adapter = createAdapter(config, lookup);
    adapters.set(name, { config, adapter });
    return adapter;
  };

  /** Logs failed attempts; a provider that refused its key gets it read afresh next time (it may have changed). */
  const forgetRefusedKeys = (record: DecisionRecord) => {
    for (const a of record.attempts) {
      if (a.outcome !== 'ok') log.info('attempt failed', { provider: a.provider, model: a.modelId, outcome: a.outcome, status: a.httpStatus, code: a.errorCode });
      if (a.errorCode === 'auth') keys.forget(a.provider);
    }
  };

  return {
    async run({ plan, text, signal, onDelta, tools, onToolCall, embed: toEmbed, images }) {
      const config = state.config();
      const byId = new Map(config.catalogue.models.map((m) => [m.id, m]));
      const models = plan.record.route.candidates
        .filter((c) => c.accepted)
        .map((c) => byId.get(c.modelId))
        .filter((m): m is CatalogueModel => m !== undefined);
      const conversation = conversationFor(plan.facts.conversationId);
      if (toEmbed) {
        const out = await embed({ record: plan.record, inputs: toEmbed.inputs, models, book: conversation.book, signal, ...(plan.scanOptions ? { scanOptions: plan.scanOptions } : {}) }, { adapters: adapterFor, breakers, clock: Date.now, timeouts: config.timeouts, ...(scan ? { scanner: scan } : {}) });
        forgetRefusedKeys(out.record);
        return { record: out.record, text: '', embeddings: out.embeddings };
      }
      const history = conversation.historyFor(plan.record.route.target);
      const result = await execute(
        { record: plan.record, text, history, models, book: conversation.book, signal, onDelta, ...(tools ? { tools } : {}), ...(onToolCall ? { onToolCall } : {}), ...(images?.length ? { images } : {}), ...(plan.scanOptions ? { scanOptions: plan.scanOptions } : {}) },
        {
          adapters: adapterFor,
          breakers,
          clock: Date.now,
          sleep: (ms, s) => sleep(ms, undefined, { signal: s }),
          retry: config.retry,
          timeouts: config.timeouts,
          ...(scan ? { scanner: scan } : {}),
        },
      );
      forgetRefusedKeys(result.record);
      if (result.record.status === 'ok') conversation.remember(plan.record.route.target, text, result.text);
      return result;
    },
    async health(): Promise<ProviderHealth[]> {
      // Asked at most once per call, and only when a provider that needs a key has none: a locked keychain reads as empty.
      let keychain: ReturnType<KeyStore['status']> | undefined;
      return Promise.all(state.config().catalogue.providers.map(async (p) => {
        const base = { name: p.name, kind: p.kind, baseUrl: p.baseUrl, circuit: breakers.for(p.name).state() };
        try {
          const key = await keys.get(p.name, p.apiKeyEnv ? { envVar: p.apiKeyEnv } : {});
          if (key) return { ...base, hasKey: true, keySource: key.source };
          if (isLoopback(p.baseUrl)) return { ...base, hasKey: false };
          const status = await (keychain ??= keys.status());
          return { ...base, hasKey: false, ...(status.state === 'ok' ? {} : { keyError: { code: status.code, message: status.message } }) };
        } catch (err) {
          // Only the keychain's own failures are "no key, and here is why"; anything else is a bug to surface.
          if (!(err instanceof AirlockError) || !KEYCHAIN_CODES.has(err.code)) throw err;
          return { ...base, hasKey: false, keyError: { code: err.code, message: err.message } };
        }
      }));
    },
  };
}
