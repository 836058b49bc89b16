// "Content filtered", one form for every provider: each adapter, against its simulator's exact wire form of a filtered
// answer or a refused prompt, fails with `bad-request` and a message starting `<provider>: content filtered:` — never a
// normal finish (OpenAI's `finish_reason: "content_filter"` used to pass as one). Route behaviour (fallback in class
// before any text, the partial answer kept after it) is in fault-matrix.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ProviderConfig } from '../../../protocol';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { AZURE_PROMPT_FILTERED, GUARDRAIL_MESSAGE, startAnthropicSim, startBedrockSim, startCohereSim, startGeminiSim, startOpenAISim, type BedrockSimHandle, type SimHandle } from '../../sim';
import { failure } from '../../helpers/providers';

const KEY = 'sim-filter-key';
let openai: SimHandle;
let anthropic: SimHandle;
let gemini: SimHandle;
let cohere: SimHandle;
let bedrock: BedrockSimHandle;
let awsHome: string;
const saved = { ...process.env };

before(async () => {
  awsHome = mkdtempSync(path.join(tmpdir(), 'airlock-aws-home-'));
  Object.assign(process.env, { HOME: awsHome, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  [openai, anthropic, gemini, cohere, bedrock] = await Promise.all([
    startOpenAISim({ apiKey: KEY }), startAnthropicSim({ apiKey: KEY }), startGeminiSim({ apiKey: KEY }), startCohereSim({ apiKey: KEY }), startBedrockSim({ region: 'eu-central-1' }),
  ]);
});
after(async () => {
  await Promise.all([openai, anthropic, gemini, cohere, bedrock].map((s) => s.close()));
  process.env = saved;
  rmSync(awsHome, { recursive: true, force: true });
});

const request = (model: string): StreamRequest => ({ model, messages: [{ role: 'user', content: 'Tell me about the weather' }], signal: new AbortController().signal });

async function filtered(config: ProviderConfig, model: string): Promise<{ message: string; failure: string; text: string }> {
  const pieces: string[] = [];
  const err = await failure(createAdapter(config, async () => KEY).stream(request(model), (d) => pieces.push(d)));
  return { message: err.message, failure: err.failure, text: pieces.join('') };
}

const CASES: { name: string; config: () => ProviderConfig; model: string; sim: () => SimHandle; detail: RegExp }[] = [
  { name: 'openai', config: () => ({ name: 'openai', kind: 'openai', baseUrl: `${openai.url}/v1` }), model: 'gpt-4o-mini', sim: () => openai, detail: /finish_reason content_filter/ },
  { name: 'azure-eu', config: () => ({ name: 'azure-eu', kind: 'openai', baseUrl: openai.url, azure: { apiVersion: '2024-10-21' } }), model: 'gpt-4o', sim: () => openai, detail: /finish_reason content_filter/ },
  { name: 'anthropic', config: () => ({ name: 'anthropic', kind: 'anthropic', baseUrl: anthropic.url }), model: 'claude-haiku-4-5', sim: () => anthropic, detail: /stop_reason refusal/ },
  { name: 'gemini', config: () => ({ name: 'gemini', kind: 'gemini', baseUrl: gemini.url }), model: 'gemini-2.5-flash', sim: () => gemini, detail: /finishReason SAFETY/ },
  { name: 'bedrock-eu', config: () => ({ name: 'bedrock-eu', kind: 'bedrock', region: 'eu-central-1', baseUrl: bedrock.url }), model: 'anthropic.claude-3-haiku-20240307-v1:0', sim: () => bedrock, detail: /stopReason content_filtered/ },
];

for (const c of CASES) {
  test(`${c.name}: an answer the provider's filter stops after some text is "content filtered", the text before it delivered`, async () => {
    c.sim().reset();
    c.sim().script({ kind: 'filtered', afterChunks: 1, chunks: 3 });
    const got = await filtered(c.config(), c.model);
    assert.equal(got.failure, 'bad-request');
    assert.match(got.message, new RegExp(`^${c.name}: content filtered: `));
    assert.match(got.message, c.detail);
    assert.ok(got.text.length > 0, 'the text before the filter reached the caller');
  });
}

test('azure: a prompt the content filter refuses (400 content_filter) is "content filtered", with its status', async () => {
  openai.reset();
  openai.script({ kind: 'status', status: 400, message: AZURE_PROMPT_FILTERED });
  const got = await failure(createAdapter({ name: 'azure-eu', kind: 'openai', baseUrl: openai.url, azure: { apiVersion: '2024-10-21' } }, async () => KEY).stream(request('gpt-4o'), () => {}));
  assert.equal(got.failure, 'bad-request');
  assert.equal(got.status, 400);
  assert.match(got.message, /^azure-eu: content filtered: the prompt was refused by the content filter \(400 The response was filtered/);
});

test('bedrock: a guardrail intervention is "content filtered"; the guardrail\'s own message has streamed as the text', async () => {
  bedrock.reset();
  bedrock.guardrail();
  const got = await filtered({ name: 'bedrock-eu', kind: 'bedrock', region: 'eu-central-1', baseUrl: bedrock.url }, 'anthropic.claude-3-haiku-20240307-v1:0');
  assert.equal(got.failure, 'bad-request');
  assert.match(got.message, /^bedrock-eu: content filtered: the answer was stopped \(stopReason guardrail_intervened\)$/);
  assert.equal(got.text, GUARDRAIL_MESSAGE);
});

for (const which of ['input', 'output'] as const) {
  test(`cohere: "blocked ${which}" (Cohere's content filter) is "content filtered", with its status`, async () => {
    cohere.reset();
    cohere.script({ kind: 'status', status: 400, message: `blocked ${which}: please adjust your prompt and try again, as it may be a potential violation of our Usage Guidelines (https://docs.cohere.ai/usage-guidelines/).` });
    const got = await failure(createAdapter({ name: 'cohere', kind: 'cohere', baseUrl: cohere.url }, async () => KEY).stream(request('command-a-03-2025'), () => {}));
    assert.equal(got.failure, 'bad-request');
    assert.equal(got.status, 400);
    assert.match(got.message, new RegExp(`^cohere: content filtered: 400 blocked ${which}: please adjust`));
  });
}

test('a normal finish is still a normal finish (the filter check reads the finish reason, not the text)', async () => {
  openai.reset();
  openai.script({ kind: 'ok', text: 'The content_filter finish reason means the filter stopped it.' });
  const pieces: string[] = [];
  const result = await createAdapter({ name: 'openai', kind: 'openai', baseUrl: `${openai.url}/v1` }, async () => KEY).stream(request('gpt-4o-mini'), (d) => pieces.push(d));
  assert.equal(result.finishReason, 'stop');
  assert.equal(pieces.join(''), 'The content_filter finish reason means the filter stopped it.');
});
