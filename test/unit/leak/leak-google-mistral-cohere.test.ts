// LEAK, for the Gemini, Vertex AI, Mistral and Cohere adapters: a real airlockd under `balanced` whose catalogue has a
// local Ollama simulator, Vertex AI as the private class (EU region, ADC from a service-account file) and Gemini,
// Mistral and Cohere as hosted. A secret prompt is answered locally and none of these four simulators receives a single
// byte; a public prompt does reach them; when hosted candidates fail, the fallback stays in the hosted class, and when
// the local model is down a secret prompt fails rather than leave the machine.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { AirlockError } from '../../../protocol';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { startCohereSim, startGeminiSim, startMistralSim, startOllamaSim, startVertexSim, type SimHandle } from '../../sim';

const facts = { source: 'chat' as const, interactive: true };
const KEYS = { SIM_GEMINI_KEY: 'AIza-sim-leak', SIM_MISTRAL_KEY: 'sim-mistral-leak', SIM_COHERE_KEY: 'sim-cohere-leak' };
const PROJECT = 'airlock-leak-test';
const EMAIL = 'leak@airlock-leak-test.iam.gserviceaccount.com';

const SECRET = 'Why does this 401?\ncurl -H "Authorization: token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u" https://api.github.com/user';
const CANARY = 'ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u';
const CODE = 'Can you speed this up?\n```ts\nexport function settleLedgerCanary(entries: LedgerEntry[]): Map<string, number> {\n  const totals = new Map<string, number>();\n  for (const e of entries) totals.set(e.account, (totals.get(e.account) ?? 0) + e.amountCents);\n  return totals;\n}\n```';
const PUBLIC = 'What does the HTTP 418 status code mean?';

interface Setup {
  local: SimHandle;
  vertex: SimHandle;
  gemini: SimHandle;
  mistral: SimHandle;
  cohere: SimHandle;
  mine: SimHandle[];
  config: string;
}

const model = (id: string, provider: string, name: string, cls: string, region: string, price: number): string => `
  - id: ${id}
    provider: ${provider}
    model: ${name}
    class: ${cls}
    capabilities: [tools, json]
    contextWindow: 128000
    price: { inputPerMTok: ${price}, outputPerMTok: ${price} }
    latencyMs: 400
    tier: 4
    terms: { region: ${region}, retentionDays: 0, noTraining: true }`;

async function setup(t: TestContext, home: string): Promise<Setup> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [local, vertex, gemini, mistral, cohere] = await Promise.all([
    startOllamaSim(),
    startVertexSim({ project: PROJECT, serviceAccount: { email: EMAIL, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string } }),
    startGeminiSim({ apiKey: KEYS.SIM_GEMINI_KEY }),
    startMistralSim({ apiKey: KEYS.SIM_MISTRAL_KEY }),
    startCohereSim({ apiKey: KEYS.SIM_COHERE_KEY }),
  ]);
  const all = [local, vertex, gemini, mistral, cohere];
  t.after(() => Promise.all(all.map((s) => s.close())));
  // Relative to the config file, as a user would write it.
  writeFileSync(path.join(home, 'vertex-sa.json'), JSON.stringify({ type: 'service_account', project_id: PROJECT, private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: EMAIL, client_id: '1' }));
  const config = `policy: balanced
storePrompts: redacted
retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }
timeouts: { firstTokenMs: 20000, idleMs: 20000 }
providers:
  - { name: ollama, kind: ollama, baseUrl: "${local.url}" }
  - { name: vertex-eu, kind: vertex, baseUrl: "${vertex.url}", vertex: { project: ${PROJECT}, location: europe-west4, credentialsFile: ./vertex-sa.json, tokenUrl: "${vertex.url}/token" } }
  - { name: gemini, kind: gemini, baseUrl: "${gemini.url}", apiKeyEnv: SIM_GEMINI_KEY }
  - { name: mistral, kind: mistral, baseUrl: "${mistral.url}/v1", apiKeyEnv: SIM_MISTRAL_KEY }
  - { name: cohere, kind: cohere, baseUrl: "${cohere.url}", apiKeyEnv: SIM_COHERE_KEY }
models:${model('ollama/llama3.2', 'ollama', 'llama3.2:3b', 'local', 'local', 0)}${model('vertex/gemini-2.5-flash', 'vertex-eu', 'gemini-2.5-flash', 'private', 'eu', 0.3)}${model('gemini/gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', 'hosted', 'us', 0.1)}${model('mistral/mistral-small', 'mistral', 'mistral-small-latest', 'hosted', 'eu', 0.2)}${model('cohere/command-a', 'cohere', 'command-a-03-2025', 'hosted', 'us', 0.25)}
`;
  writeFileSync(path.join(home, 'config.yaml'), config);
  return { local, vertex, gemini, mistral, cohere, mine: [vertex, gemini, mistral, cohere], config };
}

test('balanced: secrets and code go to the local model, and not one byte reaches Vertex, Gemini, Mistral or Cohere', async (t) => {
  const home = tempHome(t);
  const s = await setup(t, home);
  const d = await startTestDaemon(t, { home, env: KEYS });
  const client = await d.client();
  for (const [i, text] of [SECRET, CODE].entries()) {
    const result = await client.request('chat/send', { requestId: `secret-${i}`, text, facts });
    assert.equal(result.record.route.target, 'local');
  }
  assert.ok(s.local.receivedText().includes(CANARY), 'the local simulator got the secret prompt');
  for (const sim of s.mine) assert.equal(sim.receivedBytes().length, 0, 'a remote simulator received bytes');
  // Sanity: the simulators record, and a public prompt does leave, to the cheapest hosted model (Gemini).
  const pub = await client.request('chat/send', { requestId: 'public', text: PUBLIC, facts });
  assert.equal(pub.record.route.target, 'hosted');
  assert.equal(pub.record.route.provider, 'gemini');
  assert.ok(s.gemini.receivedText().includes('HTTP 418'));
  assert.equal(s.gemini.receivedText().includes(CANARY), false);
  // Usage reaches the record and is priced with the catalogue's price (0.1 USD per million tokens, in and out).
  const tokens = pub.record.tokens;
  assert.ok(tokens && tokens.input > 0 && tokens.output > 0, JSON.stringify(tokens));
  assert.ok(Math.abs((pub.record.costUsd ?? 0) - ((tokens.input + tokens.output) * 0.1) / 1e6) < 1e-12);
});

test('balanced: failed hosted candidates fall back within hosted (Gemini 429 → Mistral 503 → Cohere); a secret with the local model down fails, sending nothing out', async (t) => {
  const home = tempHome(t);
  const s = await setup(t, home);
  const d = await startTestDaemon(t, { home, env: KEYS });
  const client = await d.client();
  s.gemini.script({ kind: 'status', status: 429, retryAfterSeconds: 1 });
  s.mistral.script({ kind: 'status', status: 503 });
  const pub = await client.request('chat/send', { requestId: 'fallback', text: PUBLIC, facts });
  assert.deepEqual(pub.record.attempts.map((a) => [a.provider, a.outcome, a.errorCode ?? null]), [['gemini', 'error', 'rate-limited'], ['mistral', 'error', 'server'], ['cohere', 'ok', null]]);
  // Cohere's billed units, not its token count with the preamble, are the usage.
  assert.ok(pub.record.tokens && pub.record.tokens.input < 100, JSON.stringify(pub.record.tokens));
  assert.equal(s.vertex.receivedBytes().length, 0, 'the private class is not a fallback for hosted');
  assert.equal(s.local.receivedBytes().length, 0);
  // The local model is down: the secret prompt is refused, not sent to any of the others.
  await s.local.down();
  for (const sim of s.mine) sim.reset();
  await assert.rejects(client.request('chat/send', { requestId: 'secret-down', text: SECRET, facts }), (err: unknown) => err instanceof AirlockError);
  for (const sim of s.mine) assert.equal(sim.receivedBytes().length, 0, 'a remote simulator received bytes while the local model was down');
});
