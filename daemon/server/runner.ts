// Bridges the server to route/execute: provider adapters per configured provider (rebuilt when the catalogue
// changes), one circuit breaker per provider, and the conversations (placeholder book and earlier turns, memory only).
import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogueModel, ProviderConfig } from '../../protocol/catalogue';
import type { ProviderHealth } from '../../protocol/methods';
import { createAdapter } from '../providers';
import type { KeyStore } from '../providers/keys';
import type { ProviderAdapter } from '../providers/types';
import { createBreakers } from '../route/circuit';
import { execute } from '../route/execute';
import type { Runner } from './context';
import { conversationKeeper } from './conversations';
import type { Logger } from './log';
import type { DaemonState } from './state';

export function createRunner(state: DaemonState, keys: KeyStore, log: Logger): Runner {
  const breakers = createBreakers({ failureThreshold: 3, coolDownMs: 30_000, clock: Date.now });
  const adapters = new Map<string, { config: ProviderConfig; adapter: ProviderAdapter }>();
  const conversationFor = conversationKeeper();
  const providerConfig = (name: string) => state.config().catalogue.providers.find((p) => p.name === name);
  const lookup = async (provider: string) => {
    const envVar = providerConfig(provider)?.apiKeyEnv;
    try {
      return (await keys.get(provider, envVar ? { envVar } : {}))?.key ?? null;
    } catch {
      return null;
    }
  };
  const adapterFor = (name: string): ProviderAdapter => {
    const config = providerConfig(name);
    if (!config) throw new Error(`provider ${name} is not in the catalogue`);
    const cached = adapters.get(name);
    if (cached && cached.config === config) return cached.adapter;
    const adapter = createAdapter(config, lookup);
    adapters.set(name, { config, adapter });
    return adapter;
  };

  return {
    async run({ plan, text, signal, onDelta, tools, onToolCall }) {
      const config = state.config();
      const byId = new Map(config.catalogue.models.map((m) => [m.id, m]));
      const models = plan.record.route.candidates
        .filter((c) => c.accepted)
        .map((c) => byId.get(c.modelId))
        .filter((m): m is CatalogueModel => m !== undefined);
      const conversation = conversationFor(plan.facts.conversationId);
      const history = conversation.historyFor(plan.record.route.target);
      const result = await execute(
        { record: plan.record, text, history, models, book: conversation.book, signal, onDelta, ...(tools ? { tools } : {}), ...(onToolCall ? { onToolCall } : {}) },
        {
          adapters: adapterFor,
          breakers,
          clock: Date.now,
          sleep: (ms, s) => sleep(ms, undefined, { signal: s }),
          retry: config.retry,
          timeouts: config.timeouts,
        },
      );
      for (const a of result.record.attempts) {
        if (a.outcome !== 'ok') log.info('attempt failed', { provider: a.provider, model: a.modelId, outcome: a.outcome, status: a.httpStatus, code: a.errorCode });
      }
      if (result.record.status === 'ok') conversation.remember(plan.record.route.target, text, result.text);
      return result;
    },
    async health(): Promise<ProviderHealth[]> {
      return Promise.all(state.config().catalogue.providers.map(async (p) => {
        const key = await keys.get(p.name, p.apiKeyEnv ? { envVar: p.apiKeyEnv } : {}).catch(() => null);
        return {
          name: p.name, kind: p.kind, baseUrl: p.baseUrl, circuit: breakers.for(p.name).state(),
          hasKey: key !== null, ...(key ? { keySource: key.source } : {}),
        };
      }));
    },
  };
}
