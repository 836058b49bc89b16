// Shared set-up for the execution tests (simulators: helpers/sims.ts, started with API_KEY): provider configs and catalogue models pointing at
// them, a planned decision record, and execute() deps with instant, recorded sleeps and small timeouts.
import type { CatalogueModel, DecisionRecord, ProviderClass, ProviderConfig, Redaction } from '../../../protocol';
import { createAdapter } from '../../../daemon/providers';
import type { KeyLookup, ProviderAdapter } from '../../../daemon/providers';
import { createBreakers } from '../../../daemon/route/circuit';
import { execute, type ExecuteDeps, type ExecuteInput, type ExecuteResult } from '../../../daemon/route/execute';
import { PlaceholderBook } from '../../../daemon/route/redact';
import type { SimHandle } from '../../sim';
import { makeRecord } from '../../helpers/records';
import type { Sims } from '../../helpers/sims';

export const API_KEY = 'sk-test-key-for-simulators';

export function providerConfigs(sims: Sims): ProviderConfig[] {
  return [
    { name: 'ollama', kind: 'ollama', baseUrl: sims.local.url },
    { name: 'openai', kind: 'openai', baseUrl: `${sims.openai.url}/v1` },
    { name: 'azure-eu', kind: 'openai', baseUrl: sims.openai.url, azure: { apiVersion: '2024-10-21' } },
    { name: 'anthropic', kind: 'anthropic', baseUrl: sims.anthropic.url },
  ];
}

function model(id: string, provider: string, name: string, cls: ProviderClass, priceIn: number, priceOut: number): CatalogueModel {
  return {
    id, provider, model: name, class: cls, capabilities: [], contextWindow: 128_000, price: { inputPerMTok: priceIn, outputPerMTok: priceOut },
    latencyMs: 500, tier: 5, terms: { region: cls === 'local' ? 'local' : 'us', retentionDays: cls === 'hosted' ? 30 : 0, noTraining: true },
  };
}

export const MODELS = {
  llama: model('ollama/llama3.2', 'ollama', 'llama3.2:3b', 'local', 0, 0),
  qwen: model('ollama/qwen2.5-coder', 'ollama', 'qwen2.5-coder:7b', 'local', 0, 0),
  azure: model('azure-eu/gpt-4o', 'azure-eu', 'gpt-4o', 'private', 2.5, 10),
  gpt: model('openai/gpt-4o-mini', 'openai', 'gpt-4o-mini', 'hosted', 0.15, 0.6),
  claude: model('anthropic/claude-haiku-4-5', 'anthropic', 'claude-haiku-4-5', 'hosted', 1, 5),
} satisfies Record<string, CatalogueModel>;

/** A record as plan() leaves it: status planned, nothing found, the given models accepted in order. */
export function plannedRecord(target: DecisionRecord['route']['target'], accepted: CatalogueModel[], redactions: Redaction[] = []): DecisionRecord {
  const first = accepted[0];
  return makeRecord('public-hosted', 0, {
    prompt: { chars: 0, storage: 'none' },
    signals: [],
    code: { isCode: false, language: null, share: 0, regions: [] },
    redactions,
    route: {
      target, provider: first?.provider ?? null, model: first?.model ?? null, modelId: first?.id ?? null, region: null, retentionDays: null, noTraining: null,
      requiredCapabilities: [], prefer: 'cheap', escalated: false,
      candidates: accepted.map((m, i) => ({ modelId: m.id, provider: m.provider, model: m.model, class: m.class, accepted: true, reason: `rank ${i + 1}` })),
    },
    attempts: [], fallbacks: 0, latencyMs: null, firstTokenMs: null, tokens: null, costUsd: null, outputFilters: [], status: 'planned',
  });
}

export interface TestDeps extends ExecuteDeps {
  /** Every delay execute asked to sleep, in order. */
  slept: number[];
}

export function testDeps(sims: Sims, overrides: Partial<ExecuteDeps> = {}, keys: KeyLookup = async () => API_KEY): TestDeps {
  const adapters = new Map<string, ProviderAdapter>(providerConfigs(sims).map((c) => [c.name, createAdapter(c, keys)]));
  const slept: number[] = [];
  return {
    slept,
    adapters: (name) => {
      const adapter = adapters.get(name);
      if (!adapter) throw new Error(`no adapter ${name}`);
      return adapter;
    },
    breakers: createBreakers({ failureThreshold: 100, coolDownMs: 60_000, clock: Date.now }),
    clock: Date.now,
    // Instant: the tests check the delays asked for, not wall time.
    sleep: async (ms) => void slept.push(ms),
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 5_000, jitter: (ms) => ms },
    timeouts: { firstTokenMs: 2000, idleMs: 2000 },
    ...overrides,
  };
}

export interface Run extends ExecuteResult {
  deltas: string[];
}

export async function run(deps: ExecuteDeps, input: Partial<ExecuteInput> & Pick<ExecuteInput, 'record' | 'models'>): Promise<Run> {
  const deltas: string[] = [];
  const result = await execute({ text: 'Explain TCP slow start briefly', book: new PlaceholderBook(), signal: new AbortController().signal, onDelta: (d) => deltas.push(d), ...input }, deps);
  return { ...result, deltas };
}

/** Generation requests a simulator received (model listings and the like excluded). */
export function generations(sim: SimHandle): number {
  return sim.received.filter((r) => r.method === 'POST').length;
}
