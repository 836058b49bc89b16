// The three provider simulators and a daemon config whose catalogue points at them: a local Ollama, a private
// EU deployment (OpenAI wire format), and hosted OpenAI and Anthropic models.
import type { TestContext } from 'node:test';
import { startAnthropicSim, startOllamaSim, startOpenAISim, type SimHandle } from '../sim';

export interface Sims {
  local: SimHandle;
  privateEu: SimHandle;
  openai: SimHandle;
  anthropic: SimHandle;
  hosted: SimHandle[];
  all: SimHandle[];
  /** Every simulator up again, its script and recordings cleared: for tests that share one set. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The simulators, closed after the test when `t` is given (else by `close()`, for a set shared through before/after).
 * `apiKey`: the OpenAI-format and Anthropic simulators refuse any other key.
 */
export async function startSims(t?: TestContext, options: { apiKey?: string } = {}): Promise<Sims> {
  // The adapters load their SDK on first use, inside an attempt's first-token timer; on a loaded machine a cold load
  // alone can outlast a test's small timeouts. Loaded here (the same module instances), no test depends on order.
  await Promise.all([import('openai'), import('@anthropic-ai/sdk')]);
  const key = options.apiKey ? { apiKey: options.apiKey } : {};
  const [local, privateEu, openai, anthropic] = await Promise.all([startOllamaSim(), startOpenAISim(key), startOpenAISim(key), startAnthropicSim(key)]);
  const all = [local, privateEu, openai, anthropic];
  const close = async () => void (await Promise.all(all.map((s) => s.close())));
  t?.after(close);
  return {
    local, privateEu, openai, anthropic, hosted: [openai, anthropic], all, close,
    async reset() {
      await Promise.all(all.map((s) => s.up()));
      for (const s of all) s.reset();
    },
  };
}

const model = (id: string, provider: string, name: string, cls: string, terms: string, latency: number, price: number, contextWindow = 128000) => `
  - id: ${id}
    provider: ${provider}
    model: ${name}
    class: ${cls}
    capabilities: [tools, json]
    contextWindow: ${contextWindow}
    price: { inputPerMTok: ${price}, outputPerMTok: ${price} }
    latencyMs: ${latency}
    tier: 4
    terms: ${terms}`;

/** The simulators a config points at: the local and hosted OpenAI ones always, the others only when given. */
export type SimUrls = { local: { url: string }; openai: { url: string }; privateEu?: { url: string }; anthropic?: { url: string } };

export interface SimConfigOptions {
  policy?: string;
  /** Top-level YAML appended after the catalogue, e.g. `lockPolicy: true\n`. */
  extra?: string;
  /** A `port:` line: for a daemon that runs as its own process and binds the port itself (e2e, bench). */
  port?: number;
  /** No `apiKeyEnv` for these providers: only a key stored in the keychain reaches them (the e2e Set API Key test). */
  keychainOnly?: ReadonlyArray<'privateEu' | 'openai' | 'anthropic'>;
  /**
   * Fail fast (no retries, 5 s first-token and idle timeouts), as unit tests want: on by default. Off keeps the
   * daemon's own defaults, for runs that measure the daemon as users get it (bench) or drive it through a UI (e2e).
   */
  quickFailure?: boolean;
  /** Context windows other than 128000, e.g. the real ones where a test reads the budget back (VS Code's lm models). */
  contextWindow?: Partial<Record<'local' | 'privateEu' | 'openai' | 'anthropic', number>>;
}

/**
 * The one daemon config for tests, e2e and bench: a catalogue whose providers are the given simulators, with the key
 * variables of SIM_KEYS. `simConfig(sims)`, `simConfig(sims, 'strict', extra)` or `simConfig(sims, { ...options })`.
 */
export function simConfig(sims: SimUrls, policyOrOptions: string | SimConfigOptions = {}, extra = ''): string {
  const o: SimConfigOptions = typeof policyOrOptions === 'string' ? { policy: policyOrOptions, extra } : policyOrOptions;
  const keyEnv = (provider: 'privateEu' | 'openai' | 'anthropic', name: string) => (o.keychainOnly?.includes(provider) ? '' : `, apiKeyEnv: ${name}`);
  const lines = [
    ...(o.port === undefined ? [] : [`port: ${o.port}`]),
    `policy: ${o.policy ?? 'balanced'}`,
    'storePrompts: redacted',
    ...(o.quickFailure === false ? [] : ['retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }', 'timeouts: { firstTokenMs: 5000, idleMs: 5000 }']),
    'providers:',
    `  - { name: ollama, kind: ollama, baseUrl: "${sims.local.url}" }`,
    ...(sims.privateEu ? [`  - { name: private-eu, kind: openai, baseUrl: "${sims.privateEu.url}/v1"${keyEnv('privateEu', 'SIM_PRIVATE_KEY')} }`] : []),
    `  - { name: openai, kind: openai, baseUrl: "${sims.openai.url}/v1"${keyEnv('openai', 'SIM_OPENAI_KEY')} }`,
    ...(sims.anthropic ? [`  - { name: anthropic, kind: anthropic, baseUrl: "${sims.anthropic.url}"${keyEnv('anthropic', 'SIM_ANTHROPIC_KEY')} }`] : []),
  ];
  const w = o.contextWindow ?? {};
  const models = [
    model('ollama/llama3.2', 'ollama', 'llama3.2:3b', 'local', '{ region: local, retentionDays: 0, noTraining: true }', 250, 0, w.local),
    sims.privateEu ? model('private/gpt-4o-mini', 'private-eu', 'gpt-4o-mini', 'private', '{ region: eu, retentionDays: 0, noTraining: true }', 600, 0.2, w.privateEu) : '',
    model('openai/gpt-4o-mini', 'openai', 'gpt-4o-mini', 'hosted', '{ region: us, retentionDays: 30, noTraining: true }', 400, 0.15, w.openai),
    sims.anthropic ? model('anthropic/claude-3-5-haiku', 'anthropic', 'claude-3-5-haiku-20241022', 'hosted', '{ region: us, retentionDays: 30, noTraining: true }', 700, 0.8, w.anthropic) : '',
  ];
  return `${lines.join('\n')}\nmodels:${models.join('')}\n${o.extra ?? ''}`;
}

export const SIM_KEYS = { SIM_PRIVATE_KEY: 'sk-private-sim-key', SIM_OPENAI_KEY: 'sk-openai-sim-key', SIM_ANTHROPIC_KEY: 'sk-ant-sim-key' };
