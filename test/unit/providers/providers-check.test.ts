// The provider doctor: `providers/check` through a real airlockd and `airlock providers check` through the CLI, against
// the simulators of every provider kind on this branch (ollama, openai, anthropic, bedrock): where credentials come
// from, a fixed probe per model, time to first token, one line per provider, and nothing sent without credentials.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createKeyStore } from '../../../daemon/providers/keys';
import { checkProviders, PROBE_PROMPT } from '../../../daemon/server/handlers/providers-check';
import type { AirlockError } from '../../../protocol';
import { startAnthropicSim, startBedrockSim, startOllamaSim, startOpenAISim, type SimHandle } from '../../sim';
import { runAirlock } from '../../helpers/cli';
import { startTestDaemon } from '../../helpers/daemon';
import { awsEnv } from '../../helpers/providers';

const BEDROCK_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';


interface Sims { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle; bedrock: SimHandle }

async function sims(t: TestContext): Promise<Sims> {
  const [ollama, openai, anthropic, bedrock] = await Promise.all([startOllamaSim(), startOpenAISim({ apiKey: 'sk-openai-sim' }), startAnthropicSim(), startBedrockSim({ region: 'eu-central-1' })]);
  t.after(() => Promise.all([ollama, openai, anthropic, bedrock].map((s) => s.close())));
  return { ollama, openai, anthropic, bedrock };
}

const model = (id: string, provider: string, name: string, cls: string) =>
  `\n  - { id: ${id}, provider: ${provider}, model: "${name}", class: ${cls}, contextWindow: 128000, price: { inputPerMTok: 1, outputPerMTok: 1 }, latencyMs: 500, tier: 4, terms: { region: ${cls === 'local' ? 'local' : cls === 'private' ? 'eu-central-1' : 'us'}, retentionDays: 0, noTraining: true } }`;

function config(s: Sims, extraModels = ''): string {
  return `providers:
  - { name: ollama, kind: ollama, baseUrl: "${s.ollama.url}" }
  - { name: openai, kind: openai, baseUrl: "${s.openai.url}/v1", apiKeyEnv: SIM_OPENAI_KEY }
  - { name: anthropic, kind: anthropic, baseUrl: "https://anthropic.invalid", apiKeyEnv: SIM_ANTHROPIC_KEY }
  - { name: bedrock-eu, kind: bedrock, region: eu-central-1, baseUrl: "${s.bedrock.url}" }
models:${model('ollama/llama', 'ollama', 'llama3.2:3b', 'local')}${model('openai/mini', 'openai', 'gpt-4o-mini', 'hosted')}${model('anthropic/haiku', 'anthropic', 'claude-haiku-4-5', 'hosted')}${model('bedrock/haiku', 'bedrock-eu', BEDROCK_MODEL, 'private')}${extraModels}
`;
}

test('providers/check: credentials and their source, one probe per model with its first token, a line per provider', async (t) => {
  awsEnv(t);
  const s = await sims(t);
  const d = await startTestDaemon(t, { config: config(s, model('ollama/mistral', 'ollama', 'mistral:7b', 'local')), env: { SIM_OPENAI_KEY: 'sk-openai-sim' } });
  const client = await d.client();
  const result = await client.request('providers/check', {});
  const by = Object.fromEntries(result.providers.map((p) => [p.name, p]));
  assert.equal(result.ok, false);
  assert.deepEqual(result.providers.map((p) => p.name), ['ollama', 'openai', 'anthropic', 'bedrock-eu']);
  for (const p of result.providers) assert.ok(p.line.startsWith(`${p.name} `), p.line);

  // Ollama: one model streams, the other is not pulled; the fix says how to pull it.
  assert.equal(by.ollama?.ok, false);
  assert.equal(by.ollama?.endpoint, 'answers');
  assert.deepEqual(by.ollama?.models.map((m) => [m.model, m.ok, m.failure]), [['llama3.2:3b', true, undefined], ['mistral:7b', false, 'not-found']]);
  assert.match(by.ollama?.line ?? '', /^ollama model mistral:7b not found \(HTTP 404\).* — fix: `ollama pull mistral:7b`$/);

  // OpenAI: key from the environment (named, never shown), streamed, timed.
  assert.equal(by.openai?.ok, true);
  assert.deepEqual(by.openai?.credentials, { found: true, source: 'environment (AIRLOCK_OPENAI_API_KEY or SIM_OPENAI_KEY or OPENAI_API_KEY)' });
  const ttft = by.openai?.models[0]?.firstTokenMs;
  assert.ok(typeof ttft === 'number' && ttft >= 0, `time to first token measured: ${ttft}`);
  assert.match(by.openai?.line ?? '', /^openai ok — credentials: environment .*; streams, first token: gpt-4o-mini \d+ ms$/);
  assert.ok(!JSON.stringify(result).includes('sk-openai-sim'), 'no key value in the result');
  // The probe is the fixed prompt, nothing else.
  const sent = JSON.parse(s.openai.received[0]!.body.toString('utf8')) as { messages: unknown };
  assert.deepEqual(sent.messages, [{ role: 'user', content: PROBE_PROMPT }]);

  // Anthropic: no key anywhere: nothing is sent (its URL does not even resolve), and the fix names its variables (the
  // tests have no keychain, so `airlock keys set` is not offered; keys-env tests cover that wording).
  assert.equal(by.anthropic?.ok, false);
  assert.equal(by.anthropic?.endpoint, 'not-checked');
  assert.deepEqual(by.anthropic?.models, []);
  assert.match(by.anthropic?.line ?? '', /^anthropic no credentials — fix: set AIRLOCK_ANTHROPIC_API_KEY or SIM_ANTHROPIC_KEY or ANTHROPIC_API_KEY, or make the keychain usable \(The OS keychain library could not be loaded/);

  // Bedrock: AWS credentials from the environment, through the SDK's credential chain.
  assert.equal(by['bedrock-eu']?.ok, true, by['bedrock-eu']?.line);
  assert.equal(by['bedrock-eu']?.credentials.source, 'environment (AWS_ACCESS_KEY_ID)');
  assert.match(s.bedrock.received[0]?.headers.authorization ?? '', /\/eu-central-1\/bedrock\/aws4_request/);
  assert.equal(s.anthropic.received.length, 0);
});

test('a provider whose endpoint is down is `unreachable` with its URL; a refused key says how to set one', async (t) => {
  awsEnv(t);
  const s = await sims(t);
  const d = await startTestDaemon(t, { config: config(s), env: { SIM_OPENAI_KEY: 'sk-wrong' } });
  await s.ollama.down();
  const client = await d.client();
  const [ollama, openai] = await Promise.all([client.request('providers/check', { name: 'ollama' }), client.request('providers/check', { name: 'openai' })]);
  assert.equal(ollama.providers.length, 1);
  assert.equal(ollama.providers[0]?.endpoint, 'unreachable');
  assert.match(ollama.providers[0]?.line ?? '', new RegExp(`^ollama unreachable at ${s.ollama.url}.* — fix: start Ollama: \`ollama serve\`$`));
  assert.equal(openai.providers[0]?.models[0]?.failure, 'auth');
  assert.match(openai.providers[0]?.line ?? '', /^openai model gpt-4o-mini refused the credentials \(HTTP 401\).* — fix: set a valid key: `airlock keys set openai`$/);
  const unknown = await client.request('providers/check', { name: 'nope' }).catch((e: unknown) => e as AirlockError);
  assert.equal((unknown as AirlockError).code, 'AIRLOCK_E_PROVIDER_UNKNOWN');
});

test('airlock providers check: the lines on stdout, exit 0 only when every provider works, --json, a bad name', async (t) => {
  awsEnv(t);
  const s = await sims(t);
  const d = await startTestDaemon(t, { config: config(s), env: { SIM_OPENAI_KEY: 'sk-openai-sim' } });
  const env = { AIRLOCK_HOME: d.env.AIRLOCK_HOME };
  const one = await runAirlock(['providers', 'check', 'bedrock-eu'], '', env);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /^bedrock-eu ok — credentials: environment \(AWS_ACCESS_KEY_ID\); streams, first token: anthropic\.claude-3-haiku-20240307-v1:0 \d+ ms\n$/);
  const all = await runAirlock(['providers', 'check'], '', env);
  assert.equal(all.code, 1, 'anthropic has no key');
  assert.deepEqual(all.stdout.trimEnd().split('\n').map((l) => l.split(' ').slice(0, 2).join(' ')), ['ollama ok', 'openai ok', 'anthropic no', 'bedrock-eu ok']);
  const json = await runAirlock(['providers', 'check', 'openai', '--json'], '', env);
  assert.equal(json.code, 0);
  assert.equal((JSON.parse(json.stdout) as { ok: boolean }).ok, true);
  const bad = await runAirlock(['providers', 'check', 'nope'], '', env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /AIRLOCK_E_PROVIDER_UNKNOWN: no provider named nope/);
});

test('with a working keychain: a keychain key is reported as such; no key anywhere names `airlock keys set` and the variables', async () => {
  const stored = new Map<string, string>();
  const keytar = {
    getPassword: async (_s: string, a: string) => stored.get(a) ?? null,
    setPassword: async (_s: string, a: string, p: string) => void stored.set(a, p),
    deletePassword: async (_s: string, a: string) => stored.delete(a),
    findCredentials: async () => [...stored].map(([account, password]) => ({ account, password })),
  };
  const keys = createKeyStore({ env: {}, loadKeytar: () => keytar });
  await keys.set('openai', 'sk-from-the-keychain');
  const openai = await startOpenAISim({ apiKey: 'sk-from-the-keychain' });
  try {
    const catalogue = {
      providers: [{ name: 'openai', kind: 'openai' as const, baseUrl: `${openai.url}/v1` }, { name: 'anthropic', kind: 'anthropic' as const, baseUrl: 'https://anthropic.invalid' }],
      models: [],
    };
    const result = await checkProviders(catalogue, undefined, { keys, clock: () => performance.now(), timeoutMs: 10_000 });
    assert.deepEqual(result.providers.map((p) => p.line), [
      'openai ok — credentials: keychain; no catalogue model to probe',
      'anthropic no credentials — fix: run `airlock keys set anthropic` or set AIRLOCK_ANTHROPIC_API_KEY or ANTHROPIC_API_KEY',
    ]);
  } finally {
    await openai.close();
  }
});
