// A preset that requires a region, against Bedrock models through a real airlockd: the strict preset admits only
// `eu` to the private class, so a Bedrock model served from us-east-1 is rejected with that reason in the record and
// nothing reaches its endpoint, while the EU one answers, signed for eu-central-1. And the config refuses a Bedrock
// entry whose declared region is not where its provider sends requests.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { parseConfig } from '../../../daemon/config/load';
import type { AirlockError } from '../../../protocol';
import { startBedrockSim, startOllamaSim, type SimHandle } from '../../sim';
import { startTestDaemon } from '../../helpers/daemon';
import { awsEnv } from '../../helpers/providers';

const US_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const EU_MODEL = 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0';


const model = (id: string, provider: string, name: string, region: string) => `
  - { id: ${id}, provider: ${provider}, model: ${name}, class: private, contextWindow: 200000, price: { inputPerMTok: 3, outputPerMTok: 15 }, latencyMs: 600, tier: 6, terms: { region: ${region}, retentionDays: 0, noTraining: true } }`;

function config(local: SimHandle, us: SimHandle, eu: SimHandle | null): string {
  return `policy: strict
retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }
timeouts: { firstTokenMs: 10000, idleMs: 10000 }
providers:
  - { name: ollama, kind: ollama, baseUrl: "${local.url}" }
  - { name: bedrock-us, kind: bedrock, region: us-east-1, baseUrl: "${us.url}" }
${eu ? `  - { name: bedrock-eu, kind: bedrock, region: eu-central-1, baseUrl: "${eu.url}" }` : ''}
models:
  - { id: ollama/llama3.2, provider: ollama, model: "llama3.2:3b", class: local, contextWindow: 128000, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 250, tier: 3, terms: { region: local, retentionDays: 0, noTraining: true } }${model('bedrock-us/claude-haiku', 'bedrock-us', US_MODEL, 'us-east-1')}${eu ? model('bedrock-eu/claude-sonnet', 'bedrock-eu', EU_MODEL, 'eu') : ''}
`;
}

async function sims(t: TestContext): Promise<{ local: SimHandle; us: SimHandle; eu: SimHandle }> {
  const [local, us, eu] = await Promise.all([startOllamaSim(), startBedrockSim({ region: 'us-east-1' }), startBedrockSim({ region: 'eu-central-1', models: [EU_MODEL] })]);
  t.after(() => Promise.all([local, us, eu].map((s) => s.close())));
  return { local, us, eu };
}

const facts = { source: 'chat' as const, interactive: true };
const QUESTION = 'Summarise the trade-offs of event sourcing for an order service.';

test('strict (private: regions [eu]): the us-east-1 Bedrock model is rejected for its region, the EU one answers', async (t) => {
  awsEnv(t);
  const { local, us, eu } = await sims(t);
  const d = await startTestDaemon(t, { config: config(local, us, eu) });
  const client = await d.client();
  const { record, text } = await client.request('chat/send', { requestId: 'r1', text: QUESTION, facts });
  assert.equal(record.status, 'ok');
  assert.equal(record.route.target, 'private');
  const usVerdict = record.route.candidates.find((c) => c.modelId === 'bedrock-us/claude-haiku');
  assert.deepEqual([usVerdict?.accepted, usVerdict?.reason], [false, 'region us-east-1 not in eu']);
  assert.equal(record.route.modelId, 'bedrock-eu/claude-sonnet');
  assert.equal(record.route.region, 'eu');
  assert.equal(text, `sim-bedrock: ${QUESTION.slice(0, 40)}`);
  // Usage from the stream's metadata event became tokens and cost (3 and 15 $/MTok).
  assert.ok(record.tokens && record.tokens.input > 0 && record.tokens.output > 0);
  assert.equal(record.costUsd, Math.round(((record.tokens.input * 3 + record.tokens.output * 15) / 1e6) * 1e8) / 1e8);
  assert.equal(us.received.length, 0, 'nothing reached the us-east-1 endpoint');
  assert.match(eu.received[0]?.headers.authorization ?? '', /\/eu-central-1\/bedrock\/aws4_request/);
});

test('strict with only the us-east-1 Bedrock model: it is rejected, the answer falls back to local, nothing reaches it', async (t) => {
  awsEnv(t);
  const { local, us } = await sims(t);
  const d = await startTestDaemon(t, { config: config(local, us, null) });
  const client = await d.client();
  const { record } = await client.request('chat/send', { requestId: 'r2', text: QUESTION, facts });
  assert.equal(record.route.target, 'private');
  const usVerdict = record.route.candidates.find((c) => c.modelId === 'bedrock-us/claude-haiku');
  assert.deepEqual([usVerdict?.accepted, usVerdict?.reason], [false, 'region us-east-1 not in eu']);
  // A more private class is always an allowed fallback; a less private region never is.
  assert.equal(record.route.modelId, 'ollama/llama3.2');
  assert.equal(record.status, 'ok');
  assert.equal(us.received.length, 0);
});

test('the config refuses a Bedrock entry whose declared region is not where its provider serves it', () => {
  const yaml = (region: string, name = US_MODEL) => `providers:
  - { name: bedrock-us, kind: bedrock, region: us-east-1 }
models:${model('bedrock-us/m', 'bedrock-us', name, region)}
`;
  assert.throws(() => parseConfig(yaml('eu'), '/c.yaml'), (e: AirlockError) => e.code === 'AIRLOCK_E_CONFIG_INVALID' && /models\[0\]\.terms\.region: .*declare region us-east-1 or us, not eu/.test(e.message));
  // A cross-region inference profile is processed anywhere in its geography: `global.` must say global.
  assert.throws(() => parseConfig(yaml('us', `global.${US_MODEL}`), '/c.yaml'), /declare region global, not us/);
  for (const [region, name] of [['us-east-1', US_MODEL], ['us', US_MODEL], ['us', `us.${US_MODEL}`]] as const) {
    const parsed = parseConfig(yaml(region, name), '/c.yaml');
    assert.equal(parsed.catalogue.providers[0]?.baseUrl, 'https://bedrock-runtime.us-east-1.amazonaws.com', 'the endpoint follows from the region');
  }
  assert.throws(() => parseConfig('providers:\n  - { name: b, kind: bedrock }\nmodels: []\n', '/c.yaml'), /providers\[0\]\.region: a bedrock provider needs region/);
});
